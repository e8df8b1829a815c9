package org.siamesekit.augment;

import java.awt.geom.AffineTransform;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What a door camera does to a face photo, for <em>evaluation</em>: the face is
 * shifted (up to ±6 px across and ±4 px up or down on 56×46), tilted (±8°),
 * closer or farther (zoom ±8 %) and lit differently (contrast ±25 % about the
 * photo's mean, brightness ±0.15, clipped to [0, 1]); uniform draws.
 *
 * <p>Unlike the training augmentations, the change depends only on the seed and
 * the photo's position in the array, not on earlier calls: perturbing a data set
 * once gives every method compared the very same perturbed photos, and running
 * it again gives them again. Ranges scale with the image size (quoted for 56×46).
 */
public final class CameraPerturbation implements UnaryOperator<INDArray> {
    private final long seed;
    private final double maxShiftAcross, maxShiftDown, maxTiltDegrees, maxZoom, maxContrast, maxBrightness;

    public CameraPerturbation(double maxShiftAcross, double maxShiftDown, double maxTiltDegrees, double maxZoom,
                              double maxContrast, double maxBrightness, long seed) {
        if (!(maxShiftAcross >= 0 && maxShiftDown >= 0 && maxTiltDegrees >= 0 && maxZoom >= 0 && maxZoom < 1
                && maxContrast >= 0 && maxContrast < 1 && maxBrightness >= 0 && maxBrightness <= 1)) {
            throw new IllegalArgumentException("bad camera ranges: shift ±" + maxShiftAcross + "/±" + maxShiftDown + " px, tilt ±"
                    + maxTiltDegrees + "°, zoom ±" + maxZoom + ", contrast ±" + maxContrast + ", brightness ±" + maxBrightness);
        }
        this.maxShiftAcross = maxShiftAcross;
        this.maxShiftDown = maxShiftDown;
        this.maxTiltDegrees = maxTiltDegrees;
        this.maxZoom = maxZoom;
        this.maxContrast = maxContrast;
        this.maxBrightness = maxBrightness;
        this.seed = seed;
    }

    /** The door camera of notebooks 01 and 04: ±6 / ±4 px, ±8°, zoom ±8 %, contrast ±25 %, brightness ±0.15. */
    public static CameraPerturbation door(long seed) {
        return new CameraPerturbation(6, 4, 8, 0.08, 0.25, 0.15, seed);
    }

    /** A perturbed copy of images [n, 1, h, w] (or [n, h, w]); image i's change depends on the seed and i only. */
    @Override
    public INDArray apply(INDArray images) {
        if (images.rank() != 4 && images.rank() != 3) {
            throw new IllegalArgumentException("expected images [n, 1, h, w], got shape " + Arrays.toString(images.shape()));
        }
        long[] shape = images.shape();
        int n = (int) shape[0], h = (int) shape[shape.length - 2], w = (int) shape[shape.length - 1];
        int perImage = (int) (images.length() / n), planes = perImage / (h * w);
        float[] in = images.castTo(DataType.FLOAT).dup('c').data().asFloat();
        float[] out = new float[in.length];
        for (int i = 0; i < n; i++) {
            SplittableRandom rng = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + i);
            double shiftX = maxShiftAcross * (w / 46.0) * uniform(rng), shiftY = maxShiftDown * (h / 56.0) * uniform(rng);
            double tilt = Math.toRadians(maxTiltDegrees * uniform(rng)), zoom = 1 + maxZoom * uniform(rng);
            double contrast = 1 + maxContrast * uniform(rng), brightness = maxBrightness * uniform(rng);
            double cx = (w - 1) / 2.0, cy = (h - 1) / 2.0;
            AffineTransform t = new AffineTransform();
            t.translate(cx + shiftX, cy + shiftY);
            t.rotate(tilt);
            t.scale(zoom, zoom);
            t.translate(-cx, -cy);
            for (int p = 0; p < planes; p++) AffineDistortion.warp(in, out, i * perImage + p * h * w, h, w, t);
            BrightnessContrast.relight(out, i * perImage, perImage, contrast, brightness);
        }
        return Nd4j.create(out, shape, 'c');
    }

    private static double uniform(SplittableRandom rng) { return 2 * rng.nextDouble() - 1; }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "CameraPerturbation[shift ±%.0f px across, ±%.0f px down, tilt ±%.0f°, zoom ±%.0f %%, "
                + "contrast ±%.0f %%, brightness ±%.2f, seed %d]", maxShiftAcross, maxShiftDown, maxTiltDegrees, 100 * maxZoom,
                100 * maxContrast, maxBrightness, seed);
    }
}
