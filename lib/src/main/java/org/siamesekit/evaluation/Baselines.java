package org.siamesekit.evaluation;

import java.util.Arrays;
import java.util.Random;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reference scorers a trained model must beat.
 *
 * <ul>
 * <li>{@link #pixelL2()}: nearest neighbour on raw pixels, scoring a pair by
 * the true Euclidean distance sqrt(sum (a - b)^2) over all pixels. (The
 * Omniglot seed notebook's baseline sums sqrt(a^2 - b^2) instead, which is not
 * a distance: it is not symmetric and is NaN wherever b &gt; a.)</li>
 * <li>{@link #random(long)}: uniformly random scores; on N-way trials it is
 * right {@link #chanceAccuracy(int) 1/N} of the time on average.</li>
 * </ul>
 */
public final class Baselines {
    private Baselines() {}

    /** Euclidean (L2) distance between the pixel vectors of the two images. */
    public static PairScorer pixelL2() {
        return Baselines::pixelDistances;
    }

    /** A scorer that ignores the images and returns seeded uniform random scores. */
    public static PairScorer random(long seed) {
        Random rng = new Random(seed);
        return (left, right) -> {
            requireSameShape(left, right);
            double[] s = new double[(int) left.size(0)];
            for (int i = 0; i < s.length; i++) s[i] = rng.nextDouble();
            return s;
        };
    }

    /** The expected N-way accuracy of guessing: 1/N. */
    public static double chanceAccuracy(int n) {
        if (n < 1) throw new IllegalArgumentException("N must be >= 1, got " + n);
        return 1.0 / n;
    }

    static double[] pixelDistances(INDArray left, INDArray right) {
        requireSameShape(left, right);
        long b = left.size(0);
        if (b == 0) return new double[0];
        INDArray diff = left.sub(right).reshape(b, left.length() / b);
        return diff.norm2(1).toDoubleVector();
    }

    private static void requireSameShape(INDArray left, INDArray right) {
        if (!Arrays.equals(left.shape(), right.shape())) {
            throw new IllegalArgumentException("left and right images differ in shape: " + Arrays.toString(left.shape())
                    + " vs " + Arrays.toString(right.shape()));
        }
    }
}
