package org.siamesekit.evaluation;

/**
 * A receiver operating characteristic: for each threshold t (accept a pair as
 * "same" when its score &lt;= t), the false positive rate (impostors accepted)
 * and true positive rate (genuine pairs accepted). Points run from (0, 0)
 * (threshold -infinity, accept nothing) to (1, 1) (accept everything), one per
 * distinct score, so tied scores make one diagonal step.
 */
public record RocCurve(double[] falsePositiveRates, double[] truePositiveRates, double[] thresholds) {

    public int points() { return thresholds.length; }

    /**
     * Area under the curve by the trapezoid rule: the probability that a random
     * genuine pair scores lower than a random impostor pair, ties counting half.
     */
    public double auc() {
        double area = 0;
        for (int k = 1; k < thresholds.length; k++) {
            area += (falsePositiveRates[k] - falsePositiveRates[k - 1]) * (truePositiveRates[k] + truePositiveRates[k - 1]) / 2;
        }
        return area;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "RocCurve[%d points, AUC %.4f]", points(), auc());
    }
}
