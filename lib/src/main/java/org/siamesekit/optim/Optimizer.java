package org.siamesekit.optim;

import java.util.Locale;

import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.RmsProp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.ScheduleType;

/**
 * How the weights move each step: an ND4J updater (Adam, RMSProp, SGD or SGD
 * with Nesterov momentum) with a learning rate and either an optional
 * exponential decay of that rate or a {@link OneCycle} schedule over
 * {@code cycleSteps} steps (0: none). Immutable; {@link #spec()} / {@link #parse} store it in a
 * saved model so training resumes with the same optimizer.
 */
public record Optimizer(Kind kind, double learningRate, double momentum, double decay, ScheduleType decayUnit, long cycleSteps) {
    public enum Kind { SGD, NESTEROV, RMSPROP, ADAM }

    public Optimizer {
        if (!(learningRate > 0)) throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
        if (!(momentum >= 0 && momentum < 1)) throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
        if (!(decay > 0 && decay <= 1)) throw new IllegalArgumentException("decay factor must be in (0, 1], got " + decay);
        if (cycleSteps < 0) throw new IllegalArgumentException("one-cycle steps must be >= 0, got " + cycleSteps);
        if (cycleSteps > 0 && decay < 1) throw new IllegalArgumentException("choose a decay or a one-cycle schedule, not both");
    }

    /** Without a one-cycle schedule. */
    public Optimizer(Kind kind, double learningRate, double momentum, double decay, ScheduleType decayUnit) {
        this(kind, learningRate, momentum, decay, decayUnit, 0);
    }

    public static Optimizer adam(double learningRate) { return new Optimizer(Kind.ADAM, learningRate, 0, 1, ScheduleType.EPOCH); }

    /** RMSProp with ND4J's defaults (decay 0.95, epsilon 1e-8). */
    public static Optimizer rmsProp(double learningRate) { return new Optimizer(Kind.RMSPROP, learningRate, 0, 1, ScheduleType.EPOCH); }

    /** Plain stochastic gradient descent. */
    public static Optimizer sgd(double learningRate) { return new Optimizer(Kind.SGD, learningRate, 0, 1, ScheduleType.EPOCH); }

    /** SGD with Nesterov momentum (ND4J's momentum updater; Koch et al. used momentum 0.5 rising to 0.9). */
    public static Optimizer nesterov(double learningRate, double momentum) {
        return new Optimizer(Kind.NESTEROV, learningRate, momentum, 1, ScheduleType.EPOCH);
    }

    /** The learning rate is multiplied by {@code factor} after every epoch (epoch training). */
    public Optimizer decayPerEpoch(double factor) { return new Optimizer(kind, learningRate, momentum, factor, ScheduleType.EPOCH); }

    /** The learning rate is multiplied by {@code factor} after every iteration (e.g. 0.99 every 500 iterations ≈ decayPerIteration(0.99998)). */
    public Optimizer decayPerIteration(double factor) { return new Optimizer(kind, learningRate, momentum, factor, ScheduleType.ITERATION); }

    /**
     * The learning rate follows one cycle over {@code steps} iterations (train
     * that many): it rises to {@link #learningRate()} and falls far below it, see
     * {@link OneCycle}. Peak rates several times the usual constant rate work.
     */
    public Optimizer oneCycle(long steps) {
        if (steps < 2) throw new IllegalArgumentException("a one-cycle schedule needs at least 2 steps, got " + steps);
        return new Optimizer(kind, learningRate, momentum, 1, ScheduleType.ITERATION, steps);
    }

    /** The learning rate at an iteration and epoch, as the updater will use it. */
    public double learningRateAt(long iteration, int epoch) {
        ISchedule schedule = schedule();
        return schedule == null ? learningRate : schedule.valueAt((int) Math.min(Integer.MAX_VALUE, iteration), epoch);
    }

    private ISchedule schedule() {
        if (cycleSteps > 0) return new OneCycle(learningRate, cycleSteps);
        return decay < 1 ? new ExponentialSchedule(decayUnit, learningRate, decay) : null;
    }

    /** The ND4J updater configuration. */
    public IUpdater toUpdater() {
        ISchedule schedule = schedule();
        return switch (kind) {
            case ADAM -> schedule == null ? new Adam(learningRate) : new Adam(schedule);
            case RMSPROP -> schedule == null ? new RmsProp(learningRate) : new RmsProp(schedule);
            case SGD -> schedule == null ? new Sgd(learningRate) : new Sgd(schedule);
            case NESTEROV -> schedule == null ? new Nesterovs(learningRate, momentum) : new Nesterovs(schedule, momentum);
        };
    }

    /** For example {@code adam(0.001)}, {@code nesterov(0.01, 0.9).decayPerEpoch(0.99)} or {@code adam(0.003).oneCycle(1500)}. */
    public String spec() {
        String base = switch (kind) {
            case ADAM -> "adam(" + learningRate + ")";
            case RMSPROP -> "rmsProp(" + learningRate + ")";
            case SGD -> "sgd(" + learningRate + ")";
            case NESTEROV -> "nesterov(" + learningRate + ", " + momentum + ")";
        };
        if (decay < 1) base += (decayUnit == ScheduleType.EPOCH ? ".decayPerEpoch(" : ".decayPerIteration(") + decay + ")";
        if (cycleSteps > 0) base += ".oneCycle(" + cycleSteps + ")";
        return base;
    }

    public static Optimizer parse(String spec) {
        try {
            String s = spec.trim();
            String decayPart = null;
            int dot = s.indexOf(").");
            if (dot >= 0) {
                decayPart = s.substring(dot + 2);
                s = s.substring(0, dot + 1);
            }
            String name = s.substring(0, s.indexOf('(')).toLowerCase(Locale.ROOT);
            String[] args = s.substring(s.indexOf('(') + 1, s.length() - 1).split("\\s*,\\s*");
            double lr = Double.parseDouble(args[0].trim());
            Optimizer o = switch (name) {
                case "adam" -> adam(lr);
                case "rmsprop" -> rmsProp(lr);
                case "sgd" -> sgd(lr);
                case "nesterov" -> nesterov(lr, Double.parseDouble(args[1].trim()));
                default -> throw new IllegalArgumentException("unknown optimizer " + name);
            };
            if (decayPart != null) {
                String arg = decayPart.substring(decayPart.indexOf('(') + 1, decayPart.length() - 1);
                if (decayPart.startsWith("oneCycle(")) {
                    o = o.oneCycle(Long.parseLong(arg.trim()));
                } else if (decayPart.startsWith("decayPerEpoch(")) {
                    o = o.decayPerEpoch(Double.parseDouble(arg));
                } else if (decayPart.startsWith("decayPerIteration(")) {
                    o = o.decayPerIteration(Double.parseDouble(arg));
                } else {
                    throw new IllegalArgumentException("unknown schedule " + decayPart);
                }
            }
            return o;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot read optimizer spec \"" + spec + "\": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() { return spec(); }
}
