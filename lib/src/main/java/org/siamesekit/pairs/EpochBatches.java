package org.siamesekit.pairs;

import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.SplittableRandom;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.siamesekit.data.LabelledImages;

/**
 * Mini-batches over a fixed {@link Pairs}: one pass (an epoch) in shuffled or
 * stored order. Only the pair indices are shuffled; the pixels of each batch
 * are gathered from the source images when the batch is requested, so an epoch
 * over 100,000 pairs never copies the data set.
 */
public final class EpochBatches implements Iterable<PairBatch> {
    private final Pairs pairs;
    private final int batchSize;
    private final int[] order;

    private EpochBatches(Pairs pairs, int batchSize, int[] order) {
        this.pairs = pairs;
        this.batchSize = batchSize;
        this.order = order;
    }

    /** One epoch in a random order drawn from rng (seed it for reproducible epochs). */
    static EpochBatches shuffled(Pairs pairs, int batchSize, SplittableRandom rng) {
        Objects.requireNonNull(rng, "rng");
        int[] order = identity(check(pairs, batchSize).size());
        for (int i = order.length - 1; i > 0; i--) { // Fisher-Yates
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return new EpochBatches(pairs, batchSize, order);
    }

    /** One epoch in the stored order (for validation: no randomness needed). */
    static EpochBatches inOrder(Pairs pairs, int batchSize) {
        return new EpochBatches(pairs, batchSize, identity(check(pairs, batchSize).size()));
    }

    /** Number of batches; the last one is smaller when batchSize does not divide the pair count. */
    public int count() { return (order.length + batchSize - 1) / batchSize; }

    public int batchSize() { return batchSize; }

    public Pairs pairs() { return pairs; }

    /** The pairs at the given positions of {@code pairs}, gathered into one batch. */
    static PairBatch gather(Pairs pairs, int[] positions) {
        LabelledImages images = pairs.source();
        int[] l = new int[positions.length], r = new int[positions.length];
        float[] t = new float[positions.length];
        for (int i = 0; i < positions.length; i++) {
            l[i] = pairs.left(positions[i]);
            r[i] = pairs.right(positions[i]);
            t[i] = pairs.isGenuine(positions[i]) ? 1f : 0f;
        }
        INDArray targets = Nd4j.createFromArray(t).reshape(positions.length, 1);
        return new PairBatch(images.gather(l), images.gather(r), targets);
    }

    @Override
    public Iterator<PairBatch> iterator() {
        return new Iterator<>() {
            private int next = 0;

            @Override
            public boolean hasNext() { return next < order.length; }

            @Override
            public PairBatch next() {
                if (!hasNext()) throw new NoSuchElementException("no more batches in this epoch");
                int end = Math.min(order.length, next + batchSize);
                int[] positions = java.util.Arrays.copyOfRange(order, next, end);
                next = end;
                return gather(pairs, positions);
            }
        };
    }

    private static Pairs check(Pairs pairs, int batchSize) {
        Objects.requireNonNull(pairs, "pairs");
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        if (pairs.size() == 0) throw new IllegalArgumentException("no pairs to batch: " + pairs);
        return pairs;
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }
}
