package org.siamesekit.evaluation;

import java.util.Locale;

import org.siamesekit.tasks.NWayTask;
import org.siamesekit.tasks.NWayTasks;

/**
 * The outcome of scoring a batch of N-way trials: how many were right, with a
 * 95% Wilson interval, plus each trial's candidate scores so notebooks can
 * show hits and misses.
 */
public record NWayResult(NWayTasks tasks, double[][] scores, boolean[] correct) {

    public int n() { return tasks.n(); }
    public int trials() { return correct.length; }

    public int correctCount() {
        int c = 0;
        for (boolean b : correct) if (b) c++;
        return c;
    }

    public double accuracy() { return (double) correctCount() / trials(); }

    /** 95% Wilson score interval of the accuracy. */
    public ConfidenceInterval ci95() { return ConfidenceInterval.wilson95(correctCount(), trials()); }

    /** The candidate position with the lowest score in trial i (ties: the first). */
    public int chosen(int trial) { return NWayEvaluator.argmin(scores[trial]); }

    public NWayTask task(int trial) { return tasks.get(trial); }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d-way: %d/%d correct, accuracy %.4f, 95%% CI %s", n(), correctCount(), trials(), accuracy(), ci95());
    }
}
