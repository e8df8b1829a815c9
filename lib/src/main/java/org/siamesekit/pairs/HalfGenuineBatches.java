package org.siamesekit.pairs;

import java.util.Collection;
import java.util.Objects;
import java.util.Random;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.siamesekit.data.LabelledImages;

/**
 * An endless source of fresh pair batches for iteration-mode training (Koch et
 * al. train for a number of iterations, each on a newly drawn batch, rather
 * than for epochs over a fixed pair list): the first half of each batch
 * genuine pairs, the rest impostor pairs (targets 1 then 0), sampled as
 * {@link PairSampler#balanced} does.
 *
 * <p>Seeded: the same images, settings and seed give the same batches. Settings
 * return a new source (with its random stream started afresh).
 */
public final class HalfGenuineBatches implements Supplier<TrainingBatch> {
    private final LabelledImages images;
    private final int batchSize;
    private final long seed;
    private final UnaryOperator<INDArray> distortion;
    private final Collection<Integer> classes;
    private final ClassPools pools;
    private final Random rng;

    HalfGenuineBatches(LabelledImages images, int batchSize, long seed,
                       UnaryOperator<INDArray> distortion, Collection<Integer> classes) {
        this.images = Objects.requireNonNull(images, "images");
        if (batchSize < 2) throw new IllegalArgumentException("a half-genuine batch needs at least 2 pairs, got " + batchSize);
        this.batchSize = batchSize;
        this.seed = seed;
        this.distortion = distortion;
        this.classes = classes;
        this.pools = new ClassPools(images, classes);
        pools.requireGenuinePossible();
        pools.requireImpostorPossible();
        this.rng = new Random(seed);
    }

    /**
     * Each image (left and right, independent draws) passed through {@code d},
     * e.g. {@code AffineDistortion.koch(seed)}; null for none.
     */
    public HalfGenuineBatches distortion(UnaryOperator<INDArray> d) {
        return new HalfGenuineBatches(images, batchSize, seed, d, classes);
    }

    /** Pairs drawn from these classes only (null: all). */
    public HalfGenuineBatches onlyClasses(Collection<Integer> only) {
        return new HalfGenuineBatches(images, batchSize, seed, distortion, only);
    }

    /** The same source from its first batch again. */
    public HalfGenuineBatches restarted() {
        return new HalfGenuineBatches(images, batchSize, seed, distortion, classes);
    }

    /** The next batch as separate pairs (left and right images), e.g. to look at. */
    public PairBatch nextPairs() {
        int nGenuine = batchSize / 2;
        float[] targets = new float[batchSize];
        for (int i = 0; i < nGenuine; i++) targets[i] = 1f;
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
        return new PairBatch(l, r, Nd4j.create(targets, new long[] {batchSize, 1}, 'c'));
    }

    /** The next batch, as the model trains on it. */
    @Override
    public TrainingBatch get() { return nextPairs().toTrainingBatch(); }

    @Override
    public String toString() {
        return "half-genuine batches of " + batchSize + " pairs from " + images
                + (distortion == null ? "" : ", distorted") + (classes == null ? "" : ", " + classes.size() + " classes");
    }
}
