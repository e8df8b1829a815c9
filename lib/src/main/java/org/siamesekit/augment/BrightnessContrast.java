package org.siamesekit.augment;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Random lighting changes of photos: each image's contrast is scaled about its
 * own mean by a factor from [1 - maxContrast, 1 + maxContrast] and
 * a brightness offset from [-maxBrightness, maxBrightness] is added, then the
 * pixels are clipped to [0, 1]. Each image of a batch draws its own pair.
 *
 * <p>An instance holds its own seeded random stream: the same seed and the same
 * sequence of calls give the same changes. Not thread-safe.
 */
public final class BrightnessContrast implements UnaryOperator<INDArray> {
    private final double maxBrightness;
    private final double maxContrast;
    private final SplittableRandom rng;

    public BrightnessContrast(double maxBrightness, double maxContrast, long seed) {
        if (!(maxBrightness >= 0 && maxBrightness <= 1)) {
            throw new IllegalArgumentException("brightness change must be in [0, 1] (pixels are in [0, 1]), got " + maxBrightness);
        }
        if (!(maxContrast >= 0 && maxContrast < 1)) {
            throw new IllegalArgumentException("contrast change must be in [0, 1), got " + maxContrast);
        }
        this.maxBrightness = maxBrightness;
        this.maxContrast = maxContrast;
        this.rng = new SplittableRandom(seed);
    }

    /** Mild jitter for training face photos: brightness ±0.1, contrast ±20 %. */
    public static BrightnessContrast faces(long seed) {
        return new BrightnessContrast(0.1, 0.2, seed);
    }

    /** A copy of a batch [b, 1, h, w] (or [b, h, w]) with each image relit. */
    @Override
    public INDArray apply(INDArray batch) {
        if (batch.rank() != 4 && batch.rank() != 3) {
            throw new IllegalArgumentException("expected images [b, 1, h, w], got shape " + Arrays.toString(batch.shape()));
        }
        int n = (int) batch.size(0);
        float[] pixels = batch.castTo(DataType.FLOAT).dup('c').data().asFloat();
        int perImage = pixels.length / n;
        for (int i = 0; i < n; i++) {
            double contrast = 1 + maxContrast * (2 * rng.nextDouble() - 1);
            double brightness = maxBrightness * (2 * rng.nextDouble() - 1);
            relight(pixels, i * perImage, perImage, contrast, brightness);
        }
        return Nd4j.create(pixels, batch.shape(), 'c');
    }

    /** Scales {@code length} pixels from {@code offset} about their mean by contrast, adds brightness, clips to [0, 1]. */
    static void relight(float[] pixels, int offset, int length, double contrast, double brightness) {
        double mean = 0;
        for (int k = offset; k < offset + length; k++) mean += pixels[k];
        mean /= length;
        for (int k = offset; k < offset + length; k++) {
            double v = (pixels[k] - mean) * contrast + mean + brightness;
            pixels[k] = (float) Math.min(1, Math.max(0, v));
        }
    }

    @Override
    public String toString() {
        return "BrightnessContrast[brightness ±" + maxBrightness + ", contrast ±" + Math.round(100 * maxContrast) + " %]";
    }
}
