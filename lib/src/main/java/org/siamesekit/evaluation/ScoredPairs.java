package org.siamesekit.evaluation;

import java.util.Arrays;

import org.siamesekit.pairs.PairBatch;
import org.siamesekit.pairs.Pairs;

/**
 * Dissimilarity scores of labelled pairs (lower = more similar), the input of
 * every verification metric. Built from a {@link PairScorer} and {@link Pairs}
 * (scored batch by batch), or directly from arrays.
 */
public final class ScoredPairs {
    /** Pairs per scorer call when none is given: small enough for a conv net on 105x105 images. */
    public static final int DEFAULT_BATCH = 256;

    private final double[] scores;
    private final boolean[] genuine;
    private final Pairs pairs;

    public ScoredPairs(double[] scores, boolean[] genuine) {
        this(scores, genuine, null);
    }

    private ScoredPairs(double[] scores, boolean[] genuine, Pairs pairs) {
        if (scores.length != genuine.length) {
            throw new IllegalArgumentException(scores.length + " scores but " + genuine.length + " genuine flags");
        }
        for (int i = 0; i < scores.length; i++) {
            if (Double.isNaN(scores[i])) throw new IllegalArgumentException("score " + i + " is NaN");
        }
        this.scores = scores.clone();
        this.genuine = genuine.clone();
        this.pairs = pairs;
    }

    /** Scores every pair with {@code scorer}, {@value #DEFAULT_BATCH} pairs per call. */
    public static ScoredPairs score(PairScorer scorer, Pairs pairs) {
        return score(scorer, pairs, DEFAULT_BATCH);
    }

    /** Scores every pair with {@code scorer}, {@code batchSize} pairs per call. */
    public static ScoredPairs score(PairScorer scorer, Pairs pairs, int batchSize) {
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        double[] scores = new double[pairs.size()];
        for (int from = 0; from < pairs.size(); from += batchSize) {
            int to = Math.min(pairs.size(), from + batchSize);
            PairBatch b = pairs.batch(from, to);
            double[] s = scorer.dissimilarity(b.left(), b.right());
            if (s.length != to - from) {
                throw new IllegalStateException("scorer returned " + s.length + " scores for " + (to - from) + " pairs");
            }
            System.arraycopy(s, 0, scores, from, s.length);
        }
        return new ScoredPairs(scores, pairs.genuineFlags(), pairs);
    }

    public int size() { return scores.length; }
    public double[] scores() { return scores.clone(); }
    public double score(int i) { return scores[i]; }
    public boolean[] genuine() { return genuine.clone(); }
    public boolean isGenuine(int i) { return genuine[i]; }
    /** The scored pairs, or null when built from arrays. */
    public Pairs pairs() { return pairs; }

    public int genuineCount() {
        int n = 0;
        for (boolean g : genuine) if (g) n++;
        return n;
    }

    public int impostorCount() { return size() - genuineCount(); }

    public double[] genuineScores() { return select(true); }
    public double[] impostorScores() { return select(false); }

    private double[] select(boolean which) {
        double[] out = new double[which ? genuineCount() : impostorCount()];
        int k = 0;
        for (int i = 0; i < scores.length; i++) if (genuine[i] == which) out[k++] = scores[i];
        return out;
    }

    @Override
    public String toString() {
        double[] g = genuineScores(), im = impostorScores();
        return "ScoredPairs[" + size() + " pairs: " + g.length + " genuine (mean score " + fmt(mean(g)) + "), "
                + im.length + " impostor (mean score " + fmt(mean(im)) + ")]";
    }

    private static double mean(double[] a) { return Arrays.stream(a).average().orElse(Double.NaN); }
    private static String fmt(double d) { return String.format(java.util.Locale.ROOT, "%.4f", d); }
}
