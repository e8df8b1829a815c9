package org.siamesekit.evaluation;

import java.util.Locale;

/** A confidence interval [low, high] for a proportion. */
public record ConfidenceInterval(double low, double high, double level) {

    /** z for a two-sided 95% interval. */
    public static final double Z95 = 1.959963984540054;

    /** The 95% Wilson score interval for {@code successes} out of {@code trials}. */
    public static ConfidenceInterval wilson95(int successes, int trials) {
        return wilson(successes, trials, Z95, 0.95);
    }

    /**
     * The Wilson score interval: unlike p ± z·sqrt(p(1-p)/n) it stays inside
     * [0, 1] and does not collapse to a point at 0% or 100% accuracy, which
     * matters for a few hundred one-shot trials.
     */
    public static ConfidenceInterval wilson(int successes, int trials, double z, double level) {
        if (trials <= 0 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException("need 0 <= successes <= trials and trials > 0, got " + successes + " of " + trials);
        }
        double n = trials, p = successes / n, z2 = z * z;
        double denom = 1 + z2 / n;
        double centre = (p + z2 / (2 * n)) / denom;
        double half = z / denom * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return new ConfidenceInterval(Math.max(0, centre - half), Math.min(1, centre + half), level);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "[%.4f, %.4f]", low, high);
    }
}
