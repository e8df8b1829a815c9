package org.siamesekit.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.regularization.L2Regularization;

/**
 * Everything needed to continue training a model where it stopped: the
 * optimizer, each parameter's updater state (Adam's moments, RMSProp's running
 * mean, momentum), the step and epoch counters and the history. It lives in the
 * {@link org.siamesekit.models.SiameseModel} and is saved with it.
 */
public final class TrainingState {
    private final Optimizer optimizer;
    private final IUpdater updater;
    private final Map<String, INDArray> updaterState = new LinkedHashMap<>();
    private final Map<String, GradientUpdater<?>> updaters = new LinkedHashMap<>();
    private long iteration;
    private int epoch;
    private final TrainingHistory history;

    /** A fresh state: zero updater state, counters at 0, empty history. */
    public TrainingState(Optimizer optimizer, Map<String, INDArray> parameters) {
        this(optimizer, parameters, null, 0, 0, new TrainingHistory());
    }

    /**
     * A restored state. {@code savedUpdaterState} holds one array per parameter
     * (as returned by {@link #updaterState()}), or null for fresh state.
     */
    public TrainingState(Optimizer optimizer, Map<String, INDArray> parameters, Map<String, INDArray> savedUpdaterState,
                         long iteration, int epoch, TrainingHistory history) {
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.updater = optimizer.toUpdater();
        this.iteration = iteration;
        this.epoch = epoch;
        this.history = Objects.requireNonNull(history, "history");
        for (Map.Entry<String, INDArray> p : parameters.entrySet()) {
            long n = updater.stateSize(p.getValue().length());
            if (n == 0) {
                updaters.put(p.getKey(), updater.instantiate((INDArray) null, true));
                continue;
            }
            INDArray view;
            boolean initialise = true;
            if (savedUpdaterState != null) {
                INDArray saved = savedUpdaterState.get(p.getKey());
                if (saved == null || saved.length() != n) {
                    throw new IllegalArgumentException("saved " + optimizer.spec() + " state for parameter " + p.getKey() + " has "
                            + (saved == null ? "no entry" : saved.length() + " values") + "; expected " + n);
                }
                view = saved.reshape(1, n).castTo(DataType.FLOAT).dup();
                initialise = false;
            } else {
                view = Nd4j.zeros(DataType.FLOAT, 1, n);
            }
            updaterState.put(p.getKey(), view);
            // instantiate(view, initialize): the updater keeps views into this array, so
            // saving the array saves the state.
            updaters.put(p.getKey(), updater.instantiate(view, initialise));
        }
    }

    public Optimizer optimizer() { return optimizer; }

    /** Updater state per parameter (live arrays; empty for plain SGD). */
    public Map<String, INDArray> updaterState() { return updaterState; }

    /**
     * One optimizer step: for each parameter, adds its L2 term to the gradient
     * (before the updater, as DL4J does), turns the gradient into an update with
     * the parameter's updater and subtracts it. The gradients are overwritten.
     */
    public void step(Map<String, INDArray> parameters, Map<String, INDArray> gradients,
                     Map<String, L2Regularization> l2) {
        int it = (int) Math.min(Integer.MAX_VALUE, iteration);
        double lr = currentLearningRate();
        for (Map.Entry<String, INDArray> p : parameters.entrySet()) {
            INDArray g = gradients.get(p.getKey());
            if (g == null) throw new IllegalStateException("no gradient for parameter " + p.getKey());
            GradientUpdater<?> u = updaters.get(p.getKey());
            if (u == null) throw new IllegalStateException("no updater for parameter " + p.getKey());
            L2Regularization reg = l2.get(p.getKey());
            if (reg != null) reg.apply(p.getValue(), g, lr, it, epoch);
            u.applyUpdater(g, it, epoch);
            p.getValue().subi(g);
        }
        iteration++;
    }

    /** Optimizer steps taken so far. */
    public long iteration() { return iteration; }

    /** Epochs completed so far (epoch training). */
    public int epoch() { return epoch; }

    public TrainingHistory history() { return history; }

    /** Counts a completed epoch (epoch training). */
    public void epochDone() { epoch++; }

    /** The learning rate the next step will use. */
    public double currentLearningRate() { return updater.getLearningRate((int) Math.min(Integer.MAX_VALUE, iteration), epoch); }
}
