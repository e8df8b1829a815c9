package org.siamesekit.evaluation;

import java.util.Locale;

/**
 * Verification outcome counts at one threshold. "Positive" means predicted
 * <em>same</em> (the pair's score is at or below the threshold), so
 * true positives are accepted genuine pairs and false positives accepted
 * impostors. Rates with an empty denominator are NaN.
 */
public record Confusion(double threshold, int truePositives, int falsePositives, int trueNegatives, int falseNegatives) {

    public int total() { return truePositives + falsePositives + trueNegatives + falseNegatives; }

    /** (TP + TN) / all: the share of pairs judged correctly. */
    public double accuracy() { return ratio(truePositives + trueNegatives, total()); }

    /** TP / (TP + FP): of the pairs called "same", the share that are. */
    public double precisionOfSame() { return ratio(truePositives, truePositives + falsePositives); }

    /** TP / (TP + FN): of the genuine pairs, the share called "same" (true positive rate). */
    public double recallOfSame() { return ratio(truePositives, truePositives + falseNegatives); }

    /** TN / (TN + FP): of the impostor pairs, the share called "different". */
    public double specificity() { return ratio(trueNegatives, trueNegatives + falsePositives); }

    /** FP / impostors: the false accept rate (FAR), = false positive rate. */
    public double falseAcceptRate() { return ratio(falsePositives, falsePositives + trueNegatives); }

    /** FN / genuine: the false reject rate (FRR), = 1 - recall. */
    public double falseRejectRate() { return ratio(falseNegatives, falseNegatives + truePositives); }

    private static double ratio(int a, int b) { return b == 0 ? Double.NaN : (double) a / b; }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Confusion[threshold %.4f: TP %d, FP %d, TN %d, FN %d; accuracy %.4f, precision(same) %.4f, recall(same) %.4f]",
                threshold, truePositives, falsePositives, trueNegatives, falseNegatives, accuracy(), precisionOfSame(), recallOfSame());
    }
}
