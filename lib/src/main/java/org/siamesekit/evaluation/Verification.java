package org.siamesekit.evaluation;

import java.util.Arrays;

/**
 * Same/different verification metrics on dissimilarity scores. A pair is
 * accepted as "same" when its score is at or below the threshold; genuine
 * pairs are the positives.
 *
 * <p>Choose the threshold on <em>validation</em> pairs ({@link #bestThreshold})
 * and report accuracy on test pairs at that threshold ({@link #at}); picking it
 * on the test pairs flatters the model.
 *
 * <p>Names matter: the ORL seed notebook prints as "accuracy" the share of
 * pairs predicted "same" at p &gt; 0.5 that really are the same, which is the
 * <em>precision</em> of "same" ({@link #precisionOfSameAt}); accuracy is
 * (TP + TN) / all ({@link #accuracyAt}).
 */
public final class Verification {
    private Verification() {}

    /** Outcome counts when pairs with score &lt;= threshold are called "same". */
    public static Confusion at(ScoredPairs s, double threshold) {
        int tp = 0, fp = 0, tn = 0, fn = 0;
        for (int i = 0; i < s.size(); i++) {
            boolean accepted = s.score(i) <= threshold;
            if (s.isGenuine(i)) {
                if (accepted) tp++; else fn++;
            } else {
                if (accepted) fp++; else tn++;
            }
        }
        return new Confusion(threshold, tp, fp, tn, fn);
    }

    /** (TP + TN) / all at the threshold. */
    public static double accuracyAt(ScoredPairs s, double threshold) { return at(s, threshold).accuracy(); }

    /** TP / (TP + FP) at the threshold: what the ORL seed calls "accuracy". */
    public static double precisionOfSameAt(ScoredPairs s, double threshold) { return at(s, threshold).precisionOfSame(); }

    /** TP / (TP + FN) at the threshold. */
    public static double recallOfSameAt(ScoredPairs s, double threshold) { return at(s, threshold).recallOfSame(); }

    /**
     * The threshold that maximises accuracy on these (validation) pairs.
     * Accuracy only changes at observed scores, so the best thresholds form a
     * range between two neighbouring distinct scores (or a run of them, when
     * tied genuine and impostor scores trade one error for another); the
     * midpoint of that range is returned, the choice least sensitive to where
     * new scores fall. If several separate ranges tie, the lowest one is taken
     * (fewer false accepts). If the best is to accept every pair or none, the
     * threshold is the finite end of that range (the top score, or just below
     * the bottom score).
     */
    public static ThresholdChoice bestThreshold(ScoredPairs validation) {
        int n = validation.size();
        if (n == 0) throw new IllegalArgumentException("no pairs to choose a threshold on");
        Sorted s = new Sorted(validation);
        int m = s.values.length;
        // correct[k+1]: correct decisions when every score <= values[k] is accepted; k = -1 accepts none
        int[] correct = new int[m + 1];
        correct[0] = s.impostors;
        for (int k = 0; k < m; k++) correct[k + 1] = correct[k] + s.genuineAt[k] - s.impostorAt[k];
        int best = Arrays.stream(correct).max().getAsInt();
        int a = 0;
        while (correct[a] != best) a++;
        int b = a;
        while (b + 1 <= m && correct[b + 1] == best) b++;
        // thresholds in [values[a-1], values[b]) give the best accuracy (a == 0: from -inf; b == m: to +inf)
        double threshold;
        if (a == 0 && b == m) threshold = (s.values[0] + s.values[m - 1]) / 2;
        else if (a == 0) threshold = Math.nextDown(s.values[b]);
        else if (b == m) threshold = s.values[m - 1];
        else threshold = (s.values[a - 1] + s.values[b]) / 2;
        return new ThresholdChoice(threshold, (double) best / n);
    }

    /**
     * The verification results of one model as named values, the threshold
     * chosen on {@code validation} and everything else measured on {@code test}:
     * "threshold (validation)", "validation accuracy", "test accuracy",
     * "test precision of same", "test recall of same", "test AUC", "test EER".
     */
    public static java.util.LinkedHashMap<String, Double> summary(ScoredPairs validation, ScoredPairs test) {
        ThresholdChoice t = bestThreshold(validation);
        Confusion c = at(test, t.threshold());
        java.util.LinkedHashMap<String, Double> m = new java.util.LinkedHashMap<>();
        m.put("threshold (validation)", t.threshold());
        m.put("validation accuracy", t.accuracy());
        m.put("test accuracy", c.accuracy());
        m.put("test precision of same", c.precisionOfSame());
        m.put("test recall of same", c.recallOfSame());
        m.put("test AUC", auc(test));
        m.put("test EER", equalErrorRate(test).rate());
        return m;
    }

    /**
     * {@link #summary(ScoredPairs, ScoredPairs)} and one more value, the accuracy of
     * a one-shot classification, under "one-shot accuracy (N-way)".
     */
    public static java.util.LinkedHashMap<String, Double> summary(ScoredPairs validation, ScoredPairs test, Classification oneShot) {
        java.util.LinkedHashMap<String, Double> m = summary(validation, test);
        m.put("one-shot accuracy (" + oneShot.classes().length + "-way)", oneShot.accuracy());
        return m;
    }

    /** The ROC curve over every distinct score. Needs genuine and impostor pairs. */
    public static RocCurve roc(ScoredPairs scored) {
        Sorted s = new Sorted(scored);
        s.requireBothKinds();
        int m = s.values.length;
        double[] fpr = new double[m + 1], tpr = new double[m + 1], thr = new double[m + 1];
        thr[0] = Double.NEGATIVE_INFINITY;
        int tp = 0, fp = 0;
        for (int k = 0; k < m; k++) {
            tp += s.genuineAt[k];
            fp += s.impostorAt[k];
            fpr[k + 1] = (double) fp / s.impostors;
            tpr[k + 1] = (double) tp / s.genuine;
            thr[k + 1] = s.values[k];
        }
        return new RocCurve(fpr, tpr, thr);
    }

    /** Area under the ROC curve. */
    public static double auc(ScoredPairs s) { return roc(s).auc(); }

    /**
     * The equal error rate, interpolated linearly between the ROC points on
     * either side of where FAR - FRR changes sign; the threshold is interpolated
     * between those points' thresholds (the accept-nothing point counts as the
     * lowest score).
     */
    public static EqualErrorRate equalErrorRate(ScoredPairs scored) {
        RocCurve roc = roc(scored);
        double[] far = roc.falsePositiveRates(), tpr = roc.truePositiveRates(), thr = roc.thresholds().clone();
        thr[0] = thr.length > 1 ? thr[1] : 0;
        int k = 0;
        while (far[k] - (1 - tpr[k]) < 0) k++; // ends with d = 1 at (1, 1), so k stays in range
        double dk = far[k] - (1 - tpr[k]);
        if (dk == 0 || k == 0) return new EqualErrorRate(far[k], thr[k]);
        double dPrev = far[k - 1] - (1 - tpr[k - 1]);
        double lambda = -dPrev / (dk - dPrev);
        double rate = far[k - 1] + lambda * (far[k] - far[k - 1]);
        double threshold = thr[k - 1] + lambda * (thr[k] - thr[k - 1]);
        return new EqualErrorRate(rate, threshold);
    }

    /** FAR and FRR at {@code points} thresholds evenly spaced from the lowest to the highest score. */
    public static ErrorRateCurve errorRates(ScoredPairs s, int points) {
        if (points < 2) throw new IllegalArgumentException("need at least 2 points, got " + points);
        double[] sc = s.scores();
        double lo = Arrays.stream(sc).min().orElseThrow(), hi = Arrays.stream(sc).max().orElseThrow();
        double[] t = new double[points];
        for (int i = 0; i < points; i++) t[i] = lo + (hi - lo) * i / (points - 1);
        return errorRates(s, t);
    }

    /** FAR and FRR at the given thresholds. */
    public static ErrorRateCurve errorRates(ScoredPairs scored, double[] thresholds) {
        double[] g = scored.genuineScores(), im = scored.impostorScores();
        if (g.length == 0 || im.length == 0) {
            throw new IllegalArgumentException("FAR and FRR need genuine and impostor pairs; got " + g.length + " genuine and " + im.length + " impostor");
        }
        Arrays.sort(g);
        Arrays.sort(im);
        double[] far = new double[thresholds.length], frr = new double[thresholds.length];
        for (int i = 0; i < thresholds.length; i++) {
            far[i] = (double) countAtMost(im, thresholds[i]) / im.length;
            frr[i] = 1 - (double) countAtMost(g, thresholds[i]) / g.length;
        }
        return new ErrorRateCurve(thresholds.clone(), far, frr);
    }

    /** Number of values in sorted {@code a} that are <= t. */
    private static int countAtMost(double[] a, double t) {
        int lo = 0, hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= t) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /** Distinct scores ascending, with the genuine and impostor counts at each. */
    private static final class Sorted {
        final double[] values;
        final int[] genuineAt, impostorAt;
        final int genuine, impostors;

        Sorted(ScoredPairs s) {
            Integer[] order = new Integer[s.size()];
            for (int i = 0; i < order.length; i++) order[i] = i;
            double[] sc = s.scores();
            Arrays.sort(order, (x, y) -> Double.compare(sc[x], sc[y]));
            double[] v = new double[order.length];
            int[] g = new int[order.length], im = new int[order.length];
            int m = -1, gs = 0;
            for (int i = 0; i < order.length; i++) {
                double score = sc[order[i]];
                if (m < 0 || score != v[m]) v[++m] = score;
                if (s.isGenuine(order[i])) { g[m]++; gs++; } else im[m]++;
            }
            values = Arrays.copyOf(v, m + 1);
            genuineAt = Arrays.copyOf(g, m + 1);
            impostorAt = Arrays.copyOf(im, m + 1);
            genuine = gs;
            impostors = order.length - gs;
        }

        void requireBothKinds() {
            if (genuine == 0 || impostors == 0) {
                throw new IllegalArgumentException("a ROC curve needs genuine and impostor pairs; got " + genuine + " genuine and " + impostors + " impostor");
            }
        }
    }
}
