package org.siamesekit.evaluation;

/** A decision threshold and the accuracy it reached on the data it was chosen on. */
public record ThresholdChoice(double threshold, double accuracy) {
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "threshold %.4f (accuracy %.4f where chosen)", threshold, accuracy);
    }
}
