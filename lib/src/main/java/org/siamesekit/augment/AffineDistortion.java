package org.siamesekit.augment;

import java.awt.geom.AffineTransform;
import java.awt.geom.NoninvertibleTransformException;
import java.util.Arrays;
import java.util.Random;
import java.util.function.UnaryOperator;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Random small affine distortions of image batches, the data augmentation of
 * Koch, Zemel and Salakhutdinov (2015) for Omniglot: rotation θ, shears ρx and
 * ρy, scales sx and sy and translations tx and ty, each drawn uniformly from
 * its range and each applied independently with probability {@code probability}
 * (else left at identity). Each image of a batch gets its own transform, about
 * the image centre.
 *
 * <p>Pixels are resampled bilinearly through the inverse transform; points that
 * fall outside the image take the nearest edge pixel, so the background stays
 * the background whether strokes are dark on light or light on dark.
 *
 * <p>An instance holds its own seeded random stream: the same seed and the same
 * sequence of calls give the same distortions. Not thread-safe.
 */
public final class AffineDistortion implements UnaryOperator<INDArray> {
    private final double maxRotationDegrees;
    private final double maxShear;
    private final double minScale;
    private final double maxScale;
    private final double maxShiftPixels;
    private final double probability;
    private final Random rng;

    /**
     * @param maxRotationDegrees rotation drawn from [-max, max] degrees
     * @param maxShear           each shear factor drawn from [-max, max]
     * @param minScale           each scale factor drawn from [minScale, maxScale]
     * @param maxScale           see minScale
     * @param maxShiftPixels     each translation drawn from [-max, max] pixels
     * @param probability        chance that each of the seven parameters is applied
     * @param seed               seed of this instance's random stream
     */
    public AffineDistortion(double maxRotationDegrees, double maxShear, double minScale, double maxScale,
                            double maxShiftPixels, double probability, long seed) {
        if (maxRotationDegrees < 0 || maxShear < 0 || maxShiftPixels < 0 || minScale <= 0 || maxScale < minScale
                || probability < 0 || probability > 1) {
            throw new IllegalArgumentException("bad distortion ranges: rotation " + maxRotationDegrees + ", shear " + maxShear
                    + ", scale " + minScale + ".." + maxScale + ", shift " + maxShiftPixels + ", probability " + probability);
        }
        this.maxRotationDegrees = maxRotationDegrees;
        this.maxShear = maxShear;
        this.minScale = minScale;
        this.maxScale = maxScale;
        this.maxShiftPixels = maxShiftPixels;
        this.probability = probability;
        this.rng = new Random(seed);
    }

    /** Koch et al.'s ranges: ±10°, shear ±0.3, scale 0.8-1.2, shift ±2 px, each with probability 0.5. */
    public static AffineDistortion koch(long seed) {
        return new AffineDistortion(10, 0.3, 0.8, 1.2, 2, 0.5, seed);
    }

    /**
     * Gentler ranges for aligned face photos (the ORL faces at 56×46): ±10°,
     * shear ±0.1, scale 0.9-1.1, shift ±3 px, each with probability 0.5. Koch's
     * shear of 0.3 turns a face into something no camera takes; these stay
     * within how the same person's photos differ (a tilt, a step closer).
     */
    public static AffineDistortion faces(long seed) {
        return new AffineDistortion(10, 0.1, 0.9, 1.1, 3, 0.5, seed);
    }

    /** Draws the next random transform (in pixel coordinates, about the centre of an h x w image). */
    public AffineTransform nextTransform(int height, int width) {
        double theta = maybe(Math.toRadians(uniform(-maxRotationDegrees, maxRotationDegrees)), 0);
        double shearX = maybe(uniform(-maxShear, maxShear), 0);
        double shearY = maybe(uniform(-maxShear, maxShear), 0);
        double scaleX = maybe(uniform(minScale, maxScale), 1);
        double scaleY = maybe(uniform(minScale, maxScale), 1);
        double tx = maybe(uniform(-maxShiftPixels, maxShiftPixels), 0);
        double ty = maybe(uniform(-maxShiftPixels, maxShiftPixels), 0);
        double cx = (width - 1) / 2.0, cy = (height - 1) / 2.0;
        AffineTransform t = new AffineTransform();
        t.translate(cx + tx, cy + ty);
        t.rotate(theta);
        t.shear(shearX, shearY);
        t.scale(scaleX, scaleY);
        t.translate(-cx, -cy);
        return t;
    }

    /** A distorted copy of a batch [b, 1, h, w] (or [b, h, w]); the input is not changed. */
    @Override
    public INDArray apply(INDArray batch) {
        if (batch.rank() != 4 && batch.rank() != 3) {
            throw new IllegalArgumentException("expected images [b, 1, h, w], got shape " + Arrays.toString(batch.shape()));
        }
        long[] shape = batch.shape();
        int h = (int) shape[shape.length - 2], w = (int) shape[shape.length - 1];
        int planes = (int) (batch.length() / ((long) h * w));
        float[] in = batch.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[] out = new float[in.length];
        for (int p = 0; p < planes; p++) {
            warp(in, out, p * h * w, h, w, nextTransform(h, w));
        }
        return Nd4j.create(out, shape, 'c');
    }

    /** Resamples one h x w plane at {@code offset} through transform t (output pixel = t(input pixel)). */
    static void warp(float[] in, float[] out, int offset, int h, int w, AffineTransform t) {
        AffineTransform inv;
        try {
            inv = t.createInverse();
        } catch (NoninvertibleTransformException e) {
            throw new IllegalStateException("drew a singular transform " + t, e);
        }
        double[] m = new double[6];
        inv.getMatrix(m); // [m00 m10 m01 m11 m02 m12]
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double sx = m[0] * x + m[2] * y + m[4];
                double sy = m[1] * x + m[3] * y + m[5];
                out[offset + y * w + x] = bilinear(in, offset, h, w, sx, sy);
            }
        }
    }

    private static float bilinear(float[] in, int offset, int h, int w, double x, double y) {
        x = Math.min(Math.max(x, 0), w - 1);
        y = Math.min(Math.max(y, 0), h - 1);
        int x0 = (int) Math.floor(x), y0 = (int) Math.floor(y);
        int x1 = Math.min(x0 + 1, w - 1), y1 = Math.min(y0 + 1, h - 1);
        double fx = x - x0, fy = y - y0;
        double top = in[offset + y0 * w + x0] * (1 - fx) + in[offset + y0 * w + x1] * fx;
        double bottom = in[offset + y1 * w + x0] * (1 - fx) + in[offset + y1 * w + x1] * fx;
        return (float) (top * (1 - fy) + bottom * fy);
    }

    private double uniform(double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }

    private double maybe(double value, double identity) {
        return rng.nextDouble() < probability ? value : identity;
    }

    @Override
    public String toString() {
        return "AffineDistortion[rotation ±" + maxRotationDegrees + "°, shear ±" + maxShear + ", scale " + minScale + "-" + maxScale
                + ", shift ±" + maxShiftPixels + " px, each with p=" + probability + "]";
    }
}
