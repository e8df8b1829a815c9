package org.siamesekit.pairs;

import java.util.Arrays;
import java.util.Objects;

import org.siamesekit.data.LabelledImages;

/**
 * Index pairs into one {@link LabelledImages}, each marked genuine (same class,
 * target 1) or impostor (different classes, target 0). Holding indices rather
 * than pixels keeps 100,000 pairs cheap; pixels are gathered per batch.
 */
public final class Pairs {
    private final LabelledImages source;
    private final int[] left;
    private final int[] right;
    private final boolean[] genuine;

    public Pairs(LabelledImages source, int[] left, int[] right, boolean[] genuine) {
        this.source = Objects.requireNonNull(source, "source");
        if (left.length != right.length || left.length != genuine.length) {
            throw new IllegalArgumentException("left, right and genuine must have the same length");
        }
        for (int i = 0; i < left.length; i++) {
            boolean same = source.label(left[i]) == source.label(right[i]);
            if (same != genuine[i]) {
                throw new IllegalArgumentException("pair " + i + " (" + left[i] + ", " + right[i] + ") is marked "
                        + (genuine[i] ? "genuine" : "impostor") + " but its labels say otherwise");
            }
        }
        this.left = left.clone();
        this.right = right.clone();
        this.genuine = genuine.clone();
    }

    public LabelledImages source() { return source; }
    public int size() { return left.length; }
    public int left(int i) { return left[i]; }
    public int right(int i) { return right[i]; }
    public boolean isGenuine(int i) { return genuine[i]; }
    public int[] lefts() { return left.clone(); }
    public int[] rights() { return right.clone(); }
    public boolean[] genuineFlags() { return genuine.clone(); }

    public int genuineCount() {
        int n = 0;
        for (boolean g : genuine) if (g) n++;
        return n;
    }

    /** The pairs at the given positions, as a new Pairs over the same images. */
    public Pairs select(int[] positions) {
        int[] l = new int[positions.length], r = new int[positions.length];
        boolean[] g = new boolean[positions.length];
        for (int i = 0; i < positions.length; i++) {
            l[i] = left[positions[i]];
            r[i] = right[positions[i]];
            g[i] = genuine[positions[i]];
        }
        return new Pairs(source, l, r, g);
    }

    /**
     * The pairs at positions [from, to) as a batch: left and right images
     * gathered from {@link #source()} and targets [b, 1] (1 genuine, 0 impostor).
     */
    public PairBatch batch(int from, int to) {
        if (from < 0 || to > size() || from > to) {
            throw new IllegalArgumentException("batch [" + from + ", " + to + ") is outside the " + size() + " pairs");
        }
        int[] l = Arrays.copyOfRange(left, from, to), r = Arrays.copyOfRange(right, from, to);
        float[] t = new float[to - from];
        for (int i = from; i < to; i++) t[i - from] = genuine[i] ? 1f : 0f;
        return new PairBatch(source.gather(l), source.gather(r),
                org.nd4j.linalg.factory.Nd4j.create(t, new long[] {t.length, 1}, 'c'));
    }

    /** Targets as floats (1 genuine, 0 impostor), for metrics. */
    public double[] targets() {
        double[] t = new double[genuine.length];
        for (int i = 0; i < t.length; i++) t[i] = genuine[i] ? 1 : 0;
        return t;
    }

    @Override
    public String toString() {
        return "Pairs[" + size() + " pairs: " + genuineCount() + " genuine, " + (size() - genuineCount()) + " impostor]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Pairs p && p.source == source && Arrays.equals(p.left, left)
                && Arrays.equals(p.right, right) && Arrays.equals(p.genuine, genuine);
    }

    @Override
    public int hashCode() { return Arrays.hashCode(left) * 31 + Arrays.hashCode(right); }
}
