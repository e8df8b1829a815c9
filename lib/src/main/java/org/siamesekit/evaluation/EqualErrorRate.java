package org.siamesekit.evaluation;

/**
 * The equal error rate: where the false accept rate (impostors accepted) and
 * the false reject rate (genuine pairs rejected) are equal, found by linear
 * interpolation between the two ROC points around the crossing, with the
 * threshold interpolated the same way.
 */
public record EqualErrorRate(double rate, double threshold) {
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "EER %.4f at threshold %.4f", rate, threshold);
    }
}
