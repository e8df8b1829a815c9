package org.siamesekit.pairs;

import java.util.Collection;
import java.util.Random;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.siamesekit.data.LabelledImages;

/**
 * Endless sources of fresh pair batches for iteration-mode training (Koch et
 * al. on Omniglot train for a number of iterations, each on a newly drawn
 * batch, rather than for epochs over a fixed pair list).
 */
public final class PairBatchSources {
    private PairBatchSources() {}

    /** Fresh batches, half genuine and half impostor, without distortion. */
    public static Supplier<PairBatch> halfGenuine(LabelledImages images, int batchSize, long seed) {
        return halfGenuine(images, batchSize, seed, null, null);
    }

    /** Fresh batches, half genuine and half impostor, each image passed through {@code distortion}. */
    public static Supplier<PairBatch> halfGenuine(LabelledImages images, int batchSize, long seed, UnaryOperator<INDArray> distortion) {
        return halfGenuine(images, batchSize, seed, distortion, null);
    }

    /**
     * Each {@code get()} draws a new batch: the first {@code batchSize / 2} pairs
     * genuine, the rest impostor (targets 1 then 0), sampled as
     * {@link PairSampler#balanced} does, from the given classes only.
     *
     * @param distortion applied to the left and to the right images (independent
     *                   draws per image), or null for none; e.g. {@link AffineDistortion#koch}
     * @param classes    classes to draw from, or null for all
     */
    public static Supplier<PairBatch> halfGenuine(LabelledImages images, int batchSize, long seed,
                                                  UnaryOperator<INDArray> distortion, Collection<Integer> classes) {
        if (batchSize < 2) throw new IllegalArgumentException("a half-genuine batch needs at least 2 pairs, got " + batchSize);
        ClassPools pools = new ClassPools(images, classes);
        pools.requireGenuinePossible();
        pools.requireImpostorPossible();
        Random rng = new Random(seed);
        int nGenuine = batchSize / 2;
        float[] targets = new float[batchSize];
        for (int i = 0; i < nGenuine; i++) targets[i] = 1f;
        return () -> {
            int[] left = new int[batchSize], right = new int[batchSize];
            for (int i = 0; i < batchSize; i++) {
                int[] pair = i < nGenuine ? pools.genuine(rng) : pools.impostor(rng);
                left[i] = pair[0];
                right[i] = pair[1];
            }
            INDArray l = images.gather(left), r = images.gather(right);
            if (distortion != null) {
                l = distortion.apply(l);
                r = distortion.apply(r);
            }
            return new PairBatch(l, r, Nd4j.create(targets.clone(), new long[] {batchSize, 1}, 'c'));
        };
    }
}
