package org.siamesekit.training;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;

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

    GradientUpdater<?> updater(String parameter) {
        GradientUpdater<?> u = updaters.get(parameter);
        if (u == null) throw new IllegalStateException("no updater for parameter " + parameter);
        return u;
    }

    /** Optimizer steps taken so far. */
    public long iteration() { return iteration; }

    /** Epochs completed so far (epoch training). */
    public int epoch() { return epoch; }

    public TrainingHistory history() { return history; }

    void stepDone() { iteration++; }

    void epochDone() { epoch++; }

    /** The learning rate the next step will use. */
    public double currentLearningRate() { return updater.getLearningRate((int) Math.min(Integer.MAX_VALUE, iteration), epoch); }
}
