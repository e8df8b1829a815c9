package org.siamesekit.optim;

import org.nd4j.linalg.schedule.ISchedule;

/**
 * The one-cycle learning-rate schedule (L. Smith, 2018; in the form fastai
 * uses): over the first {@link #WARM_UP} of the steps the rate rises from
 * peak/25 to the peak along half a cosine, then falls along another half cosine
 * to peak/10,000 at the last step, and stays there if training goes on. The
 * low start keeps the first steps, taken with Adam's moment estimates still
 * poor, from throwing the weights far; the long, slow end lets the weights
 * settle where a constant rate would keep them jumping.
 */
public record OneCycle(double peak, long steps) implements ISchedule {
    /** Share of the steps spent rising to the peak. */
    public static final double WARM_UP = 0.3;
    static final double START_DIVISOR = 25, END_DIVISOR = 1e4;

    public OneCycle {
        if (!(peak > 0)) throw new IllegalArgumentException("peak learning rate must be > 0, got " + peak);
        if (steps < 2) throw new IllegalArgumentException("a one-cycle schedule needs at least 2 steps, got " + steps);
    }

    /** The rate at step {@code iteration} (0 = the first); the epoch is ignored. */
    @Override
    public double valueAt(int iteration, int epoch) {
        long rise = Math.max(1, Math.round(WARM_UP * steps));
        if (iteration < rise) return cosine(peak / START_DIVISOR, peak, (double) iteration / rise);
        double fall = Math.max(1, steps - 1 - rise);
        return cosine(peak, peak / END_DIVISOR, Math.min(1, (iteration - rise) / fall));
    }

    /** From {@code from} (at t = 0) to {@code to} (at t = 1) along half a cosine. */
    private static double cosine(double from, double to, double t) {
        return to + (from - to) * (1 + Math.cos(Math.PI * t)) / 2;
    }

    @Override
    public ISchedule clone() { return new OneCycle(peak, steps); }
}
