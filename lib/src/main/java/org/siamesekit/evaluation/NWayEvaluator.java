package org.siamesekit.evaluation;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.siamesekit.data.LabelledImages;
import org.siamesekit.tasks.NWayTask;
import org.siamesekit.tasks.NWayTasks;

/**
 * N-way one-shot accuracy: for each trial the query is scored against every
 * candidate, and the trial is right when the lowest score belongs to the
 * candidate of the query's class. Pairs of several trials go to the scorer in
 * one call (whole trials, up to a pair budget) because per-pair calls would be
 * dominated by call overhead.
 */
public final class NWayEvaluator {
    /** Pairs per scorer call when none is given; raise it for small images or a GPU. */
    public static final int DEFAULT_MAX_PAIRS = 256;

    private NWayEvaluator() {}

    /** Scores every trial with {@code scorer}, at most {@value #DEFAULT_MAX_PAIRS} pairs per call. */
    public static NWayResult accuracy(NWayTasks tasks, PairScorer scorer) {
        return accuracy(tasks, scorer, DEFAULT_MAX_PAIRS);
    }

    /**
     * Scores every trial with {@code scorer}, grouping whole trials into calls of
     * at most {@code maxPairsPerCall} pairs (one trial per call if N exceeds it).
     * Ties for the lowest score go to the first candidate; since the correct
     * candidate's position is random, that favours no one.
     */
    public static NWayResult accuracy(NWayTasks tasks, PairScorer scorer, int maxPairsPerCall) {
        int n = tasks.n(), trials = tasks.size();
        int perCall = Math.max(1, maxPairsPerCall / n);
        LabelledImages images = tasks.source();
        double[][] scores = new double[trials][];
        boolean[] correct = new boolean[trials];
        for (int from = 0; from < trials; from += perCall) {
            int to = Math.min(trials, from + perCall);
            int[] left = new int[(to - from) * n], right = new int[(to - from) * n];
            for (int t = from; t < to; t++) {
                NWayTask task = tasks.get(t);
                for (int k = 0; k < n; k++) {
                    left[(t - from) * n + k] = task.query();
                    right[(t - from) * n + k] = task.support(k);
                }
            }
            INDArray l = images.gather(left), r = images.gather(right);
            double[] s = scorer.dissimilarity(l, r);
            if (s.length != left.length) {
                throw new IllegalStateException("scorer returned " + s.length + " scores for " + left.length + " pairs");
            }
            for (int t = from; t < to; t++) {
                scores[t] = java.util.Arrays.copyOfRange(s, (t - from) * n, (t - from + 1) * n);
                correct[t] = argmin(scores[t]) == tasks.get(t).answer();
            }
        }
        return new NWayResult(tasks, scores, correct);
    }

    /**
     * Accuracy for each N in {@code ns} on {@code trials} trials drawn with
     * {@code seed}: the same arguments draw the same trials, so call it once per
     * scorer (model, pixel baseline) and compare like with like.
     *
     * @param withinGroups draw all N classes from the query's group (see {@link NWayTasks#sampleWithinGroups})
     */
    public static List<NWayResult> accuracyVsN(LabelledImages images, int[] ns, int trials, long seed,
                                               boolean withinGroups, PairScorer scorer) {
        List<NWayResult> out = new ArrayList<>();
        for (int n : ns) {
            NWayTasks tasks = withinGroups ? NWayTasks.sampleWithinGroups(images, n, trials, seed)
                    : NWayTasks.sample(images, n, trials, seed);
            out.add(accuracy(tasks, scorer));
        }
        return out;
    }

    static int argmin(double[] a) {
        int best = 0;
        for (int i = 1; i < a.length; i++) if (a[i] < a[best]) best = i;
        return best;
    }
}
