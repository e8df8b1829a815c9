package org.siamesekit.training;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.siamesekit.backend.Backend;
import org.siamesekit.models.SiameseModel;
import org.siamesekit.optim.Optimizer;
import org.siamesekit.optim.TrainingHistory;
import org.siamesekit.optim.TrainingState;
import org.siamesekit.pairs.Batches;
import org.siamesekit.pairs.PairBatch;
import org.siamesekit.pairs.Pairs;
import org.siamesekit.pairs.TrainingBatch;

/**
 * Trains a {@link SiameseModel}. Two ways to feed it:
 * <ul>
 * <li>{@link #fit(SiameseModel, Pairs)}: epochs over a fixed set of pairs,
 *     reshuffled (seeded) every epoch; validation after every epoch.</li>
 * <li>{@link #fit(SiameseModel, Supplier)}: a given number of iterations, each
 *     on a fresh batch from a supplier (e.g. freshly sampled Omniglot pairs);
 *     validation every k iterations.</li>
 * </ul>
 * Each step is one forward and backward pass through the shared weights
 * ({@link SiameseModel#lossAndGradients}), then L2 and the ND4J updater. The
 * loss recorded is the value the step computed, not a listener's report
 * (SameDiff 1.0.0-M2.1's listeners see 0.0 because its training loop never
 * evaluates the loss variable itself).
 *
 * <pre>{@code
 * Trainer trainer = Trainer.builder().epochs(20).batchSize(128)
 *         .optimizer(Optimizer.rmsProp(1e-3)).validation(valPairs).earlyStopping(3).seed(42).build();
 * TrainingHistory history = trainer.fit(model, trainPairs);
 * }</pre>
 */
public final class Trainer {
    private final int epochs;
    private final long iterations;
    private final int batchSize;
    private final Optimizer optimizer;
    private final long seed;
    private final Pairs validation;
    private final int validationBatchSize;
    private final long validateEvery;
    private final String metricName;
    private final ToDoubleFunction<SiameseModel> metric;
    private final boolean higherIsBetter;
    private final int patience;
    private final boolean restoreBest;
    private final Path checkpoint;
    private final boolean progress;
    private final int workers;
    private final boolean pipeline;

    private Trainer(Builder b) {
        this.epochs = b.epochs;
        this.iterations = b.iterations;
        this.batchSize = b.batchSize;
        this.optimizer = b.optimizer;
        this.seed = b.seed;
        this.validation = b.validation;
        this.validationBatchSize = b.validationBatchSize > 0 ? b.validationBatchSize : Math.max(b.batchSize, 256);
        this.validateEvery = b.validateEvery > 0 ? b.validateEvery : Math.max(1, b.iterations / 10);
        this.metricName = b.metricName;
        this.metric = b.metric;
        this.higherIsBetter = b.higherIsBetter;
        this.patience = b.patience;
        this.restoreBest = b.restoreBest;
        this.checkpoint = b.checkpoint;
        this.progress = b.progress;
        this.workers = b.workers;
        this.pipeline = b.pipeline;
    }

    public static Builder builder() { return new Builder(); }

    /** Epoch training over fixed pairs (needs {@code epochs(n)}). Returns the model's whole history. */
    public TrainingHistory fit(SiameseModel model, Pairs train) {
        Objects.requireNonNull(train, "train pairs");
        if (epochs <= 0) throw new IllegalStateException("fit(model, pairs) trains by epochs: set epochs(n) on the builder");
        if (train.source().height() != model.net().inputShape().height() || train.source().width() != model.net().inputShape().width()) {
            throw new IllegalArgumentException("the training images are " + train.source().height() + "×" + train.source().width()
                    + " but the model takes " + model.net().inputShape().height() + "×" + model.net().inputShape().width());
        }
        Run run = new Run(model);
        int batches = (train.size() + batchSize - 1) / batchSize;
        int firstEpoch = run.state.epoch();
        run.progress.line(String.format(Locale.ROOT, "training %s: %d epochs of %,d pairs (%d batches of %d), %s, %,d parameters, %s",
                model.head().spec(), epochs, train.size(), batches, batchSize, run.state.optimizer().spec(), model.paramCount(), run.layout()));
        // Seeds: the dropout masks and the pair order. Both are offset by the epochs
        // already done so a resumed run does not replay epoch 1's randomness.
        model.seedDropout(seed + firstEpoch);
        SplittableRandom rng = new SplittableRandom(seed + 0x9E3779B97F4A7C15L * firstEpoch);
        for (int e = 1; e <= epochs && !run.stopped; e++) {
            long t0 = System.nanoTime();
            double sum = 0;
            int seen = 0, b = 0;
            Iterator<PairBatch> order = Batches.shuffled(train, batchSize, rng).iterator();
            try (InputPipeline<Prepared> inputs = new InputPipeline<>(() -> run.prepare(order.next()), batches, pipeline)) {
                for (int k = 0; k < batches; k++) {
                    Prepared next = Thread.interrupted() ? null : inputs.next();
                    if (next == null) { run.interrupted("epoch " + (firstEpoch + e) + ", batch " + b); break; }
                    double loss = run.step(next.input());
                    sum += loss * next.pairs();
                    seen += next.pairs();
                    b++;
                    double perBatch = (System.nanoTime() - t0) / 1e9 / b;
                    double eta = perBatch * ((batches - b) + (long) (epochs - e) * batches) + run.validationSeconds * (epochs - e + 1);
                    run.progress.live(String.format(Locale.ROOT, "epoch %d/%d  batch %d/%d  loss %.4f  ETA %s",
                            firstEpoch + e, firstEpoch + epochs, b, batches, sum / seen, Progress.duration(eta)));
                }
            }
            if (run.stopped) break;
            run.state.epochDone();
            double seconds = (System.nanoTime() - t0) / 1e9;
            run.endOfRound(run.state.epoch(), sum / seen, seconds,
                    String.format(Locale.ROOT, "epoch %d/%d", run.state.epoch(), firstEpoch + epochs));
        }
        return run.finish();
    }

    /**
     * Iteration training on batches from a supplier (needs {@code iterations(n)}),
     * e.g. {@link org.siamesekit.pairs.Batches#halfGenuine} or
     * {@link org.siamesekit.pairs.Batches#allPairs}.
     */
    public TrainingHistory fit(SiameseModel model, Supplier<TrainingBatch> batches) {
        Objects.requireNonNull(batches, "batch supplier");
        if (iterations <= 0) throw new IllegalStateException("training from a batch supplier counts iterations: set iterations(n) on the builder");
        Run run = new Run(model);
        long first = run.state.iteration();
        run.progress.line(String.format(Locale.ROOT, "training %s: %,d iterations, validation every %,d, %s, %,d parameters, %s",
                model.head().spec(), iterations, validateEvery, run.state.optimizer().spec(), model.paramCount(), run.layout()));
        model.seedDropout(seed + first);
        try (InputPipeline<Prepared> inputs = new InputPipeline<>(() -> run.prepare(batches.get()), iterations, pipeline)) {
            fitIterations(run, inputs, first);
        }
        return run.finish();
    }

    private void fitIterations(Run run, InputPipeline<Prepared> inputs, long first) {
        long t0 = System.nanoTime(), start = t0;
        double sum = 0;
        int n = 0;
        for (long i = 1; i <= iterations && !run.stopped; i++) {
            Prepared next = Thread.interrupted() ? null : inputs.next();
            if (next == null) { run.interrupted("iteration " + (first + i)); break; }
            sum += run.step(next.input());
            n++;
            double perStep = (System.nanoTime() - start) / 1e9 / i;
            double rounds = Math.ceil((double) (iterations - i) / validateEvery);
            run.progress.live(String.format(Locale.ROOT, "iteration %,d/%,d  loss %.4f  ETA %s", first + i, first + iterations, sum / n,
                    Progress.duration(perStep * (iterations - i) + run.validationSeconds * rounds)));
            if (i % validateEvery == 0 || i == iterations) {
                double seconds = (System.nanoTime() - t0) / 1e9;
                run.endOfRound(0, sum / n, seconds, String.format(Locale.ROOT, "iteration %,d/%,d", first + i, first + iterations));
                sum = 0;
                n = 0;
                t0 = System.nanoTime();
            }
        }
    }

    /** A batch made ready for a step, and its number of pairs. */
    private record Prepared(SiameseModel.StepInput input, int pairs) {}

    /** The state of one fit call: the model's training state, best weights, early stopping. */
    private final class Run {
        final SiameseModel model;
        final TrainingState state;
        final TrainingHistory history;
        final Progress progress;
        final Map<String, L2Regularization> l2 = new HashMap<>();
        Map<String, INDArray> bestParameters;
        double best = Double.NaN;
        String bestWhere;
        double bestValLoss = Double.POSITIVE_INFINITY;
        int roundsWithoutImprovement;
        double validationSeconds;
        boolean stopped;
        boolean lastRoundWasBest;

        Run(SiameseModel model) {
            this.model = model;
            this.progress = Progress.automatic(Trainer.this.progress);
            if (patience > 0 && validation == null && metric == null) {
                throw new IllegalStateException("earlyStopping(" + patience + ") needs validation(...) or a metric to watch");
            }
            TrainingState existing = model.trainingState();
            if (existing == null) {
                state = new TrainingState(optimizer, model.parameters());
            } else if (existing.optimizer().equals(optimizer)) {
                state = existing; // resume: same optimizer, keep its moments and counters
            } else {
                state = new TrainingState(optimizer, model.parameters(), null, existing.iteration(), existing.epoch(), existing.history());
                progress.line("note: optimizer changed from " + existing.optimizer().spec() + " to " + optimizer.spec() + "; its state starts afresh");
            }
            model.setTrainingState(state);
            if (workers > 0) model.workers(workers);
            history = state.history();
            history.metricName(metricName);
            model.l2().forEach((name, coeff) -> l2.put(name, new L2Regularization(coeff)));
            if (checkpoint != null && Files.exists(checkpoint)) {
                progress.line("note: checkpoint file " + checkpoint.toAbsolutePath() + " exists; it will be replaced when validation improves");
            }
        }

        /** Sampling, augmentation, dropout masks and the split across workers: no graph work, any thread. */
        Prepared prepare(TrainingBatch batch) {
            return new Prepared(model.prepare(batch, model.workers()), batch.pairs());
        }

        Prepared prepare(PairBatch batch) {
            return prepare(batch.toTrainingBatch());
        }

        /** The backend and how a step's work is laid out on it. */
        String layout() {
            int w = model.workers();
            return Backend.describe() + (w == 1 ? ", 1 worker" : ", " + w + " workers × " + model.opThreadsPerWorker() + " op threads")
                    + (pipeline ? ", next batch prepared during each step" : "");
        }

        /** One optimizer step; returns the loss computed in the forward pass. */
        double step(SiameseModel.StepInput input) {
            SiameseModel.LossAndGradients lg = model.lossAndGradients(input);
            if (!Double.isFinite(lg.loss())) {
                throw new IllegalStateException("the loss became " + lg.loss() + " at iteration " + (state.iteration() + 1)
                        + "; try a lower learning rate than " + state.optimizer().learningRate());
            }
            state.step(model.parameters(), lg.gradients(), l2);
            return lg.loss();
        }

        void endOfRound(int epoch, double trainLoss, double seconds, String where) {
            long v0 = System.nanoTime();
            double valLoss = Double.NaN, m = Double.NaN;
            if (validation != null) valLoss = model.loss(validation, validationBatchSize);
            if (metric != null) m = metric.applyAsDouble(model);
            validationSeconds = (System.nanoTime() - v0) / 1e9;
            TrainingHistory.Row row = new TrainingHistory.Row(epoch, state.iteration(), trainLoss, valLoss, m, seconds);
            history.add(row);

            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%s  train loss %.4f", where, trainLoss));
            if (!Double.isNaN(valLoss)) line.append(String.format(Locale.ROOT, "  val loss %.4f", valLoss));
            if (!Double.isNaN(m)) line.append(String.format(Locale.ROOT, "  %s %.4f", metricName, m));
            line.append(String.format(Locale.ROOT, "  %.1f s", seconds));

            // Best weights: by the metric when there is one, else by validation loss.
            double watched = metric != null ? m : valLoss;
            boolean higher = metric != null && higherIsBetter;
            lastRoundWasBest = false;
            if (!Double.isNaN(watched) && (Double.isNaN(best) || (higher ? watched > best : watched < best))) {
                best = watched;
                bestWhere = where.replaceAll("/.*", "");
                lastRoundWasBest = true;
                if (restoreBest) snapshot();
                if (checkpoint != null) {
                    model.save(checkpoint, true);
                    line.append("  (saved)");
                } else if (restoreBest) {
                    line.append("  (best)");
                }
            }
            // Early stopping watches the validation loss (the metric when there is no loss).
            if (patience > 0) {
                double es = !Double.isNaN(valLoss) ? valLoss : (higherIsBetter ? -m : m);
                if (es < bestValLoss) { bestValLoss = es; roundsWithoutImprovement = 0; }
                else if (++roundsWithoutImprovement >= patience) {
                    stopped = true;
                    line.append(String.format(Locale.ROOT, "%n  early stop: no improvement in %d rounds", patience));
                }
            }
            progress.line(line.toString());
            progress.chart(history);
        }

        private void snapshot() {
            if (bestParameters == null) {
                bestParameters = model.copyParameters();
            } else {
                model.parameters().forEach((k, v) -> bestParameters.get(k).assign(v));
            }
        }

        void interrupted(String where) {
            stopped = true;
            progress.line("interrupted at " + where + "; the model keeps the weights it has");
        }

        TrainingHistory finish() {
            if (restoreBest && bestParameters != null && !lastRoundWasBest) {
                model.setParameters(bestParameters);
                progress.line(String.format(Locale.ROOT, "restored the best weights (%s, %s %.4f)", bestWhere,
                        metric != null ? metricName : "val loss", best));
            }
            return history;
        }
    }

    /** Settings for a {@link Trainer}; every setter returns the builder. */
    public static final class Builder {
        private int epochs;
        private long iterations;
        private int batchSize = 32;
        private Optimizer optimizer = Optimizer.adam(1e-3);
        private long seed = 42;
        private Pairs validation;
        private int validationBatchSize;
        private long validateEvery;
        private String metricName;
        private ToDoubleFunction<SiameseModel> metric;
        private boolean higherIsBetter = true;
        private int patience;
        private boolean restoreBest = true;
        private Path checkpoint;
        private boolean progress = true;
        private int workers;
        private boolean pipeline = true;

        /**
         * Data-parallel workers (default: the model's, 1 unless the
         * {@code siamesekit.workers} system property says otherwise): each step's
         * pairs are split across this many replicas of the graph, each running its
         * ops on cores / workers threads, and their gradients summed into one
         * update; the step's loss and update are the same as with 1 (up to float
         * rounding), and the same for a given seed and worker count. 1: the whole
         * step on the calling thread with every core. Sets the model's
         * {@link SiameseModel#workers(int)}, which its inference then uses too.
         */
        public Builder workers(int n) {
            if (n < 1) throw new IllegalArgumentException("workers must be at least 1, got " + n);
            this.workers = n;
            return this;
        }

        /**
         * Prepare the next batch (sampling, augmentation, dropout masks) on another
         * thread while a step runs (default true). The batches are the same either way.
         */
        public Builder prefetch(boolean on) {
            this.pipeline = on;
            return this;
        }

        /** Passes over the training pairs (for {@code fit(model, pairs)}); counts from the model's last epoch when resuming. */
        public Builder epochs(int n) {
            if (n < 1) throw new IllegalArgumentException("epochs must be at least 1, got " + n);
            this.epochs = n;
            return this;
        }

        /** Optimizer steps (for {@code fit(model, supplier)}). */
        public Builder iterations(long n) {
            if (n < 1) throw new IllegalArgumentException("iterations must be at least 1, got " + n);
            this.iterations = n;
            return this;
        }

        /** Pairs per step in epoch training (default 32). */
        public Builder batchSize(int n) {
            if (n < 1) throw new IllegalArgumentException("batch size must be at least 1, got " + n);
            this.batchSize = n;
            return this;
        }

        /** Default Adam(0.001). */
        public Builder optimizer(Optimizer o) {
            this.optimizer = Objects.requireNonNull(o, "optimizer");
            return this;
        }

        /** Seeds the pair shuffling and the dropout masks (default 42); same seed, same losses. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Pairs whose loss (dropout off) is measured after every epoch / round. */
        public Builder validation(Pairs pairs) {
            this.validation = Objects.requireNonNull(pairs, "validation pairs");
            return this;
        }

        /** Pairs per forward pass during validation (default max(batch size, 256)). */
        public Builder validationBatchSize(int n) {
            if (n < 1) throw new IllegalArgumentException("validation batch size must be at least 1, got " + n);
            this.validationBatchSize = n;
            return this;
        }

        /** Iteration training: validate (and write a history row) every n iterations (default iterations/10). */
        public Builder validateEvery(long n) {
            if (n < 1) throw new IllegalArgumentException("validateEvery must be at least 1, got " + n);
            this.validateEvery = n;
            return this;
        }

        /**
         * A score computed from the model after each epoch / round, e.g. 20-way
         * one-shot accuracy on validation classes. Higher is better; the best
         * weights are chosen by it.
         */
        public Builder metric(String name, ToDoubleFunction<SiameseModel> metric) { return metric(name, metric, true); }

        public Builder metric(String name, ToDoubleFunction<SiameseModel> metric, boolean higherIsBetter) {
            this.metricName = Objects.requireNonNull(name, "metric name");
            this.metric = Objects.requireNonNull(metric, "metric");
            this.higherIsBetter = higherIsBetter;
            return this;
        }

        /** Stop when the validation loss has not improved for this many epochs / rounds. */
        public Builder earlyStopping(int patience) {
            if (patience < 1) throw new IllegalArgumentException("patience must be at least 1, got " + patience);
            this.patience = patience;
            return this;
        }

        /** At the end, put back the weights of the best round (default true; needs validation or a metric). */
        public Builder restoreBest(boolean restore) {
            this.restoreBest = restore;
            return this;
        }

        /** Save the model (weights, optimizer state, history) to this file whenever validation improves. */
        public Builder checkpoint(Path file) {
            this.checkpoint = Objects.requireNonNull(file, "checkpoint file");
            return this;
        }

        /** Show progress (default true): live in a notebook, a line per epoch elsewhere. */
        public Builder progress(boolean show) {
            this.progress = show;
            return this;
        }

        public Trainer build() {
            if (epochs > 0 && iterations > 0) throw new IllegalStateException("set epochs(n) or iterations(n), not both");
            if (epochs == 0 && iterations == 0) throw new IllegalStateException("set epochs(n) (training pairs) or iterations(n) (a batch supplier)");
            if (validateEvery > 0 && epochs > 0) throw new IllegalStateException("validateEvery is for iteration training; epoch training validates after every epoch");
            return new Trainer(this);
        }
    }

    /** For debugging in a notebook: the settings in one line. */
    @Override
    public String toString() {
        List<String> parts = new ArrayList<>();
        parts.add(epochs > 0 ? epochs + " epochs, batch " + batchSize : iterations + " iterations, validate every " + validateEvery);
        parts.add(optimizer.spec());
        parts.add("seed " + seed);
        if (validation != null) parts.add("validation " + validation.size() + " pairs");
        if (metric != null) parts.add("metric " + metricName);
        if (patience > 0) parts.add("early stopping " + patience);
        if (checkpoint != null) parts.add("checkpoint " + checkpoint);
        if (workers > 0) parts.add(workers + (workers == 1 ? " worker" : " workers"));
        return "Trainer[" + String.join(", ", parts) + "]";
    }
}
