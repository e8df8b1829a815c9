package org.siamesekit.evaluation;

/**
 * False accept rate (share of impostor pairs with score &lt;= t) and false
 * reject rate (share of genuine pairs with score &gt; t) over thresholds t: how an
 * open-set face check trades letting strangers in against turning owners away.
 */
public record ErrorRateCurve(double[] thresholds, double[] falseAcceptRates, double[] falseRejectRates) {
    public int points() { return thresholds.length; }
}
