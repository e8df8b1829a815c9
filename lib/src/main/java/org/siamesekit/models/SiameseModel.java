package org.siamesekit.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.siamesekit.evaluation.PairScorer;
import org.siamesekit.models.samediff.Nd4jVersion;
import org.siamesekit.models.samediff.SameDiffRuns;
import org.siamesekit.models.samediff.WorkerThreads;
import org.siamesekit.optim.TrainingState;
import org.siamesekit.pairs.Batches;
import org.siamesekit.pairs.PairBatch;
import org.siamesekit.pairs.Pairs;
import org.siamesekit.pairs.TrainingBatch;

/**
 * A Siamese network: one {@link EmbeddingNet} applied to two inputs, with a {@link Head} that turns the embeddings into a loss.
 *
 * <p>It is one SameDiff graph in which every branch uses the same variables,
 * so the model has exactly one set of weights: {@link #paramCount()} is the
 * embedding net's count plus the head's (Koch's dense(1)), and gradients from
 * both branches add up in those shared weights. (The branches are run as one
 * stacked batch through a single tower call and split afterwards: the same
 * arithmetic with fewer op executions.) Pair heads train on a batch of images
 * and the pairs among them ({@link TrainingBatch}): each image is embedded once,
 * whether it is in one pair (a {@link PairBatch}) or in many
 * ({@link org.siamesekit.pairs.AllPairsBatches}).
 *
 * <p>The graph holds a training path (dropout active), an inference path
 * (dropout off) and an "embedding" output for single images; the inference
 * methods here ({@link #embed}, {@link #distances}, {@link #probabilitySame},
 * {@link #loss(PairBatch)}) all use the inference path. Training is
 * {@link org.siamesekit.training.Trainer}'s job; the state it needs to resume
 * (optimizer, updater state, history) travels with the model in {@link #save}.
 */
public final class SiameseModel implements PairScorer {
    /** Stored alongside squared distances under the square root so its gradient stays finite at d = 0. */
    public static final double DISTANCE_EPSILON = 1e-9;

    static final String IMAGES = "images", EMBEDDING = "embedding";
    static final String LEFT = "left", RIGHT = "right", TARGET = "target";
    static final String BATCH_IMAGES = "batch_images", PAIR_DIFFERENCE = "pair_difference", PAIR_WEIGHT = "pair_weight";
    /** The name of the training loss in the graph. */
    public static final String LOSS = "loss";
    static final String EVAL_LOSS = "eval_loss", EVAL_DISTANCE = "eval_distance", EVAL_PROBABILITY = "eval_probability";
    static final String HEAD_W = "head_W", HEAD_B = "head_b";
    /** Name prefix of the training-path dropout masks. */
    static final String TRAIN = "train";

    private final EmbeddingNet net;
    private final Head head;
    private final long seed;
    private final SameDiff sd;
    private final List<String> paramNames;
    private final Map<String, Double> l2;
    private final List<Tower.Mask> dropoutMasks;
    private final DropoutMasks dropoutMaskSource;
    private int inferenceBatchSize = 256;
    private TrainingState trainingState;
    /** Worker count for runs that split their rows (0: not chosen yet, {@link DataParallel#defaultWorkers()} at first use). */
    private int workers;
    private DataParallel parallel;
    /** Read and replaced by whichever thread prepares batches (the trainer's input thread). */
    private volatile PairArrays lastPairs;
    /** Fewest rows (images or pairs) a worker gets; smaller runs stay on the calling thread. */
    static final int MIN_ROWS_PER_WORKER = 16;

    private SiameseModel(EmbeddingNet net, Head head, long seed) {
        this.net = Objects.requireNonNull(net, "net");
        this.head = Objects.requireNonNull(head, "head");
        this.seed = seed;
        net.embeddingSize(); // fails early, with a message, if the net ends in a feature map
        Nd4jVersion.warnIfDifferent();
        this.sd = SameDiff.create();
        Nd4j.getRandom().setSeed(seed);
        Tower tower = new Tower(sd, net);
        buildGraph(tower);
        this.dropoutMasks = List.copyOf(tower.masks());
        this.dropoutMaskSource = new DropoutMasks(seed);
        List<String> names = new ArrayList<>();
        for (SDVariable v : sd.variables()) {
            if (v.getVariableType() == org.nd4j.autodiff.samediff.VariableType.VARIABLE) names.add(v.name());
        }
        this.paramNames = Collections.unmodifiableList(names);
        Map<String, Double> reg = new LinkedHashMap<>(tower.l2());
        reg.values().removeIf(v -> v == 0);
        this.l2 = Collections.unmodifiableMap(reg);
        sd.setLossVariables(LOSS);
        SameDiffRuns.buildGradients(sd);
    }

    /** The same graph with its own arrays, for worker threads (its weights are overwritten before use). */
    static SiameseModel replicaOf(SiameseModel m) {
        SiameseModel r = new SiameseModel(m.net, m.head, m.seed);
        r.inferenceBatchSize = m.inferenceBatchSize;
        r.workers = 1;
        return r;
    }

    /** A new model with weights drawn from {@code seed} (same seed, same weights). */
    public static SiameseModel create(EmbeddingNet net, Head head, long seed) {
        return new SiameseModel(net, head, seed);
    }

    /** Euclidean distance and contrastive loss with the given margin. */
    public static SiameseModel contrastive(EmbeddingNet net, double margin, long seed) {
        return create(net, Head.contrastive(margin), seed);
    }

    /** Koch et al.'s head: |a-b| → dense(1) → sigmoid, binary cross-entropy. */
    public static SiameseModel koch(EmbeddingNet net, long seed) {
        return create(net, Head.koch(), seed);
    }

    private void buildGraph(Tower tower) {
        long[] in = net.inputShape().withAnyBatch();
        SDVariable images = sd.placeHolder(IMAGES, DataType.FLOAT, in);
        sd.identity(EMBEDDING, tower.apply(images, null));
        SDVariable headW = null, headB = null;
        if (head instanceof Head.Koch) {
            int d = net.embeddingSize();
            headW = sd.var(HEAD_W, Nd4j.randn(DataType.FLOAT, d, 1).muli(Math.sqrt(2.0 / (d + 1))));
            headB = sd.var(HEAD_B, Nd4j.zeros(DataType.FLOAT, 1));
        }
        // Training: a batch of images, each through the tower once, and the pairs among
        // them as one matrix [pairs, images] with +1 at a pair's left image and -1 at its
        // right one, whose product with the embeddings is each pair's difference a - b (all
        // that both heads use; one product instead of picking a and b separately: in an
        // all-pairs batch of 128 images, 8,128 pairs, that saved about a tenth of a step).
        // A gather would pick rows too, but in 1.0.0-M2.1 gather's gradient keeps one of
        // several repeated indices instead of adding them (measured), and in an all-pairs
        // batch every image is in many pairs.
        SDVariable batchImages = sd.placeHolder(BATCH_IMAGES, DataType.FLOAT, in);
        SDVariable pairDifference = sd.placeHolder(PAIR_DIFFERENCE, DataType.FLOAT, -1, -1);
        SDVariable target = sd.placeHolder(TARGET, DataType.FLOAT, -1, 1);
        SDVariable weight = sd.placeHolder(PAIR_WEIGHT, DataType.FLOAT, -1, 1);
        SDVariable embedded = tower.apply(batchImages, TRAIN);
        pairLoss(LOSS, pairDifference.mmul(embedded), target, weight, headW, headB);
        // Inference: left[i] against right[i], dropout off.
        SDVariable left = sd.placeHolder(LEFT, DataType.FLOAT, in);
        SDVariable right = sd.placeHolder(RIGHT, DataType.FLOAT, in);
        SDVariable[] eval = twins(tower, null, left, right);
        SDVariable evalDifference = eval[0].sub(eval[1]);
        pairLoss(EVAL_LOSS, evalDifference, target, null, headW, headB);
        sd.identity(EVAL_DISTANCE, distance(evalDifference).reshape(-1));
        if (head instanceof Head.Koch) {
            sd.identity(EVAL_PROBABILITY, sd.nn().sigmoid(kochLogit(evalDifference, headW, headB)).reshape(-1));
        }
    }

    /**
     * The tower applied to each input with the same weights. The inputs are
     * stacked into one batch, run through the tower once and split again: the
     * same arithmetic as one tower call per input, with half as
     * many SameDiff op executions, whose fixed cost dominates small networks.
     */
    private SDVariable[] twins(Tower tower, String branch, SDVariable... inputs) {
        SDVariable stacked = sd.concat(0, inputs);
        return sd.split(tower.apply(stacked, branch), inputs.length, 0);
    }

    /** The loss over pairs with differences a[i] - b[i] and targets y: the mean, or with weights w [p, 1] Σ w·loss / Σ w. */
    private void pairLoss(String name, SDVariable difference, SDVariable y, SDVariable w, SDVariable headW, SDVariable headB) {
        SDVariable perPair;
        if (head instanceof Head.Contrastive c) {
            SDVariable sq = difference.pow(2).sum(true, 1);                     // d² [p, 1]
            SDVariable d = sd.math().sqrt(sq.add(DISTANCE_EPSILON));
            SDVariable push = sd.nn().relu(d.rsub(c.margin()), 0).pow(2);       // max(0, m - d)²
            perPair = y.mul(sq).add(y.rsub(1.0).mul(push));
        } else if (head instanceof Head.Koch) {
            // Binary cross-entropy from the logit z, in the stable form
            // max(z, 0) - y·z + log(1 + exp(-|z|)), from ordinary ops: ND4J 1.0.0-M2.1's
            // sigmoidCrossEntropy with LossReduce.NONE ignores the gradient flowing into it,
            // so a weighted mean over pairs got the gradient of the plain sum
            // (docs/nd4j-workarounds.md; GradientCheckTest, Nd4jCanaryTest).
            SDVariable z = kochLogit(difference, headW, headB);
            perPair = sd.nn().relu(z, 0).sub(y.mul(z)).add(sd.math().log(sd.math().exp(sd.math().abs(z).neg()).add(1.0)));
        } else {
            throw new IllegalStateException("not a pair head: " + head.spec());
        }
        (w == null ? perPair.mean() : perPair.mul(w).sum().div(w.sum())).rename(name);
    }

    private SDVariable kochLogit(SDVariable difference, SDVariable w, SDVariable bias) {
        return sd.math().abs(difference).mmul(w).add(bias);
    }

    private SDVariable distance(SDVariable difference) {
        return sd.math().sqrt(difference.pow(2).sum(true, 1).add(DISTANCE_EPSILON));
    }

    // ---------------------------------------------------------------- inference

    /** Embeddings of images [n, c, h, w] as [n, embeddingSize], computed in chunks of {@link #inferenceBatchSize()}. */
    public INDArray embed(INDArray images) {
        checkImages("images", images);
        long n = images.size(0);
        if (n == 0) return Nd4j.create(DataType.FLOAT, 0, net.embeddingSize());
        List<long[]> ranges = split(n);
        if (ranges.size() == 1) return embedHere(images);
        List<INDArray> parts = parallel().run(ranges.size(), (m, k) -> m.embedHere(rows(images, ranges.get(k))));
        return Nd4j.concat(0, parts.toArray(INDArray[]::new));
    }

    /** {@link #embed} on the calling thread. */
    private INDArray embedHere(INDArray images) {
        long n = images.size(0);
        List<INDArray> parts = new ArrayList<>();
        for (long s = 0; s < n; s += inferenceBatchSize) {
            INDArray chunk = images.get(NDArrayIndex.interval(s, Math.min(n, s + inferenceBatchSize)));
            parts.add(output(Map.of(IMAGES, chunk), EMBEDDING).dup());
        }
        return parts.size() == 1 ? parts.get(0) : Nd4j.concat(0, parts.toArray(INDArray[]::new));
    }

    /** Euclidean distances between the embeddings of left[i] and right[i]. */
    public double[] distances(INDArray left, INDArray right) {
        checkPair(left, right);
        INDArray diff = embed(left).subi(embed(right));
        INDArray sq = diff.mul(diff).sum(1);
        return org.nd4j.linalg.ops.transforms.Transforms.sqrt(sq.addi(DISTANCE_EPSILON), false).toDoubleVector();
    }

    /** Koch head only: p(same class) for each pair (left[i], right[i]). */
    public double[] probabilitySame(INDArray left, INDArray right) {
        if (!(head instanceof Head.Koch)) {
            throw new IllegalStateException("a " + head.spec() + " model has no probability output; use distances(left, right)");
        }
        checkPair(left, right);
        List<long[]> ranges = split(left.size(0));
        if (ranges.size() == 1) return probabilityHere(left, right);
        List<double[]> parts = parallel().run(ranges.size(),
                (m, k) -> m.probabilityHere(rows(left, ranges.get(k)), rows(right, ranges.get(k))));
        double[] out = new double[(int) left.size(0)];
        for (int k = 0; k < parts.size(); k++) System.arraycopy(parts.get(k), 0, out, (int) ranges.get(k)[0], parts.get(k).length);
        return out;
    }

    /** {@link #probabilitySame} on the calling thread. */
    private double[] probabilityHere(INDArray left, INDArray right) {
        long n = left.size(0);
        double[] out = new double[(int) n];
        for (long s = 0; s < n; s += inferenceBatchSize) {
            long e = Math.min(n, s + inferenceBatchSize);
            Map<String, INDArray> feed = Map.of(LEFT, left.get(NDArrayIndex.interval(s, e)), RIGHT, right.get(NDArrayIndex.interval(s, e)));
            double[] p = output(feed, EVAL_PROBABILITY).toDoubleVector();
            System.arraycopy(p, 0, out, (int) s, p.length);
        }
        return out;
    }

    /** Lower = more alike: the Euclidean distance, or 1 − p(same) for the Koch head. */
    @Override
    public double[] dissimilarity(INDArray left, INDArray right) {
        if (head instanceof Head.Koch) {
            double[] p = probabilitySame(left, right);
            for (int i = 0; i < p.length; i++) p[i] = 1 - p[i];
            return p;
        }
        return distances(left, right);
    }

    /** The loss on one batch of pairs, dropout off (what validation reports). */
    public double loss(PairBatch batch) {
        Map<String, INDArray> in = inputs(batch);
        List<long[]> ranges = split(batch.size());
        if (ranges.size() == 1) return output(in, EVAL_LOSS).getDouble(0);
        // each worker's mean over its pairs, weighted by its share of the pairs
        List<Double> parts = parallel().run(ranges.size(), (m, k) -> {
            Map<String, INDArray> part = new LinkedHashMap<>();
            in.forEach((name, a) -> part.put(name, rows(a, ranges.get(k))));
            return m.output(part, EVAL_LOSS).getDouble(0) * (ranges.get(k)[1] - ranges.get(k)[0]);
        });
        double sum = 0;
        for (double p : parts) sum += p;
        return sum / batch.size();
    }

    // ---------------------------------------------------------------- workers

    /**
     * Worker threads for runs over many rows (training steps, embeddings, pair
     * scores, validation loss): each takes a contiguous share of the rows on
     * its own copy of the graph, its native ops on cores / workers threads. 1 =
     * every run on the calling thread with all cores. Default: 1, or the
     * {@code siamesekit.workers} system property.
     */
    public SiameseModel workers(int n) {
        if (n < 1) throw new IllegalArgumentException("workers must be at least 1, got " + n);
        if (n != workers() && parallel != null) {
            parallel.close();
            parallel = null;
        }
        this.workers = n;
        return this;
    }

    public int workers() {
        // The default is fixed at first use: a later change of the system property must not
        // change the worker count under a DataParallel built for the old one.
        if (workers == 0) workers = DataParallel.defaultWorkers();
        return workers;
    }

    /** Native op threads per worker when runs are split (cores / workers, at least 1). */
    public int opThreadsPerWorker() { return workers() == 1 ? WorkerThreads.opThreadsHere() : DataParallel.opThreadsPerWorker(workers()); }

    private DataParallel parallel() {
        if (parallel == null) parallel = new DataParallel(this, workers());
        return parallel;
    }

    /** [start, end) row ranges, one per worker that gets at least MIN_ROWS_PER_WORKER rows. */
    private List<long[]> split(long n) {
        int w = (int) Math.max(1, Math.min(workers(), n / MIN_ROWS_PER_WORKER));
        List<long[]> out = new ArrayList<>();
        for (int k = 0; k < w; k++) out.add(new long[] {n * k / w, n * (k + 1) / w});
        return out;
    }

    private static INDArray rows(INDArray a, long[] range) {
        return a.get(NDArrayIndex.interval(range[0], range[1]));
    }

    /** The mean loss over all pairs (dropout off), computed in batches of batchSize. */
    public double loss(Pairs pairs, int batchSize) {
        double sum = 0;
        for (PairBatch b : Batches.inOrder(pairs, batchSize)) sum += loss(b) * b.size();
        return sum / pairs.size();
    }

    /** One output of the inference path, as an array the caller owns. */
    private INDArray output(Map<String, INDArray> feed, String name) {
        return SameDiffRuns.output(sd, feed, name);
    }

    // ---------------------------------------------------------------- training support

    /**
     * The placeholder values for one training step on a batch of pairs: the
     * images, the pairs, targets and weights, and a fresh dropout mask for every
     * dropout layer (drawn from the dropout generator; see {@link #seedDropout}).
     */
    public Map<String, INDArray> feed(TrainingBatch b) {
        checkImages("batch", b.images());
        // Every all-pairs batch of a run has the same pairs, targets and weights (only
        // its images change): their arrays (4 MB for 8,128 pairs of 128 images) are
        // built once and reused while the next batch's pairs are equal.
        PairArrays pairs = lastPairs;
        if (pairs == null || !pairs.sameAs(b)) {
            Map<String, INDArray> arrays = pairFeed(b, b.images(), 0, b.pairs(), null);
            arrays.remove(BATCH_IMAGES);
            pairs = new PairArrays(b.imageCount(), b.left().clone(), b.right().clone(), b.targets().clone(), b.weights().clone(), arrays);
            lastPairs = pairs;
        }
        Map<String, INDArray> feed = new java.util.HashMap<>(pairs.feed());
        feed.put(BATCH_IMAGES, b.images());
        return withMasks(feed, b.imageCount());
    }

    /** The pair placeholders of the last whole batch fed, and the pairs they were built from. */
    private record PairArrays(int images, int[] left, int[] right, float[] targets, float[] weights, Map<String, INDArray> feed) {
        boolean sameAs(TrainingBatch b) {
            return images == b.imageCount() && Arrays.equals(left, b.left()) && Arrays.equals(right, b.right())
                    && Arrays.equals(targets, b.targets()) && Arrays.equals(weights, b.weights());
        }
    }

    /**
     * The placeholder values of pairs [from, to) of {@code b}; {@code images} holds
     * the batch's images whose numbers are in {@code columns} (null: all of them, in order).
     */
    private static Map<String, INDArray> pairFeed(TrainingBatch b, INDArray images, int from, int to, int[] columns) {
        int p = to - from, n = (int) images.size(0);
        float[] d = new float[p * n], t = new float[p], w = new float[p];
        for (int k = 0; k < p; k++) {
            int i = from + k;
            // += and -=: a pair of an image with itself has the difference 0
            d[k * n + (columns == null ? b.left()[i] : Arrays.binarySearch(columns, b.left()[i]))] += 1f;
            d[k * n + (columns == null ? b.right()[i] : Arrays.binarySearch(columns, b.right()[i]))] -= 1f;
            t[k] = b.targets()[i];
            w[k] = b.weights()[i];
        }
        Map<String, INDArray> feed = new java.util.HashMap<>();
        feed.put(BATCH_IMAGES, images);
        feed.put(PAIR_DIFFERENCE, Nd4j.create(d, new long[] {p, n}, 'c'));
        feed.put(TARGET, Nd4j.create(t, new long[] {p, 1}, 'c'));
        feed.put(PAIR_WEIGHT, Nd4j.create(w, new long[] {p, 1}, 'c'));
        return feed;
    }

    /**
     * One training step's inputs for {@code workers} workers: the pairs split into
     * contiguous shares, each with the images its pairs use and their rows of the
     * batch's dropout masks (drawn once for the whole batch, so the step computes
     * what one worker would, up to float rounding). A batch whose pairs share many
     * images (all pairs among a few classes) is not split: each share would embed
     * most of the images again. Call it on any thread; it does not touch the graph.
     */
    public StepInput prepare(TrainingBatch b, int workers) {
        if (workers < 1) throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        Map<String, INDArray> whole = feed(b);
        int p = b.pairs(), n = b.imageCount();
        int w = Math.min(workers, p / MIN_ROWS_PER_WORKER);
        if (w <= 1) return new StepInput(List.of(whole), new double[] {1});
        int[][] used = new int[w][];
        long total = 0;
        double weightSum = 0;
        double[] shares = new double[w];
        for (int k = 0; k < w; k++) {
            java.util.BitSet set = new java.util.BitSet(n);
            for (int i = p * k / w; i < p * (k + 1) / w; i++) {
                set.set(b.left()[i]);
                set.set(b.right()[i]);
                shares[k] += b.weights()[i];
            }
            used[k] = set.stream().toArray();
            total += used[k].length;
            weightSum += shares[k];
        }
        if (total > n * 5L / 4 || !(weightSum > 0)) return new StepInput(List.of(whole), new double[] {1});
        List<Map<String, INDArray>> feeds = new ArrayList<>();
        for (int k = 0; k < w; k++) {
            Map<String, INDArray> f = pairFeed(b, pickRows(whole.get(BATCH_IMAGES), used[k]), p * k / w, p * (k + 1) / w, used[k]);
            for (Tower.Mask m : dropoutMasks) f.put(m.name(), pickRows(whole.get(m.name()), used[k]));
            feeds.add(f);
            shares[k] /= weightSum;
        }
        return new StepInput(List.copyOf(feeds), shares);
    }

    /** Rows {@code index} (ascending) of {@code a}, copied into a new array. */
    private static INDArray pickRows(INDArray a, int[] index) {
        long[] shape = a.shape().clone();
        int rowLength = (int) (a.length() / shape[0]);
        float[] all = (a.isView() || a.ordering() != 'c' ? a.dup('c') : a).data().asFloat();
        float[] out = new float[index.length * rowLength];
        for (int i = 0; i < index.length; i++) System.arraycopy(all, index[i] * rowLength, out, i * rowLength, rowLength);
        shape[0] = index.length;
        return Nd4j.create(out, shape, 'c');
    }

    /**
     * A training step's placeholder values, one map per worker, and each
     * worker's share of the batch's pair weight (its loss and gradients count
     * with that factor).
     */
    public record StepInput(List<Map<String, INDArray>> feeds, double[] shares) {
        public int workers() { return feeds.size(); }
    }

    /** The placeholder values for one training step on a batch of separate pairs. */
    public Map<String, INDArray> feed(PairBatch batch) { return feed(batch.toTrainingBatch()); }

    /** Restarts the generator of the dropout masks: the same seed gives the same masks. */
    public void seedDropout(long seed) {
        dropoutMaskSource.reseed(seed);
    }

    private Map<String, INDArray> inputs(PairBatch batch) {
        checkPair(batch.left(), batch.right());
        if (batch.targets().rank() != 2 || batch.targets().size(0) != batch.left().size(0) || batch.targets().size(1) != 1) {
            throw new IllegalArgumentException("targets must have shape [" + batch.left().size(0) + ", 1], got " + Arrays.toString(batch.targets().shape()));
        }
        return Map.of(LEFT, batch.left(), RIGHT, batch.right(), TARGET, batch.targets().castTo(DataType.FLOAT));
    }

    /** Inverted dropout masks: each value kept with probability 1-rate and scaled by 1/(1-rate), else 0. */
    private Map<String, INDArray> withMasks(Map<String, INDArray> inputs, int rows) {
        if (dropoutMasks.isEmpty()) return inputs;
        Map<String, INDArray> feed = new java.util.HashMap<>(inputs);
        for (Tower.Mask m : dropoutMasks) {
            long[] dims = m.shape().dims();
            long[] shape = new long[dims.length + 1];
            shape[0] = rows;
            System.arraycopy(dims, 0, shape, 1, dims.length);
            feed.put(m.name(), dropoutMaskSource.draw(shape, m.rate()));
        }
        return feed;
    }

    /** The training loss (dropout on) and its gradient for every parameter, from one forward and backward pass. */
    public LossAndGradients lossAndGradients(Map<String, INDArray> feed) {
        SameDiffRuns.LossAndGradients lg = SameDiffRuns.lossAndGradients(sd, feed, LOSS, parameters());
        return new LossAndGradients(lg.loss(), lg.gradients());
    }

    /**
     * The training loss and gradients of a prepared step: with one share on the
     * calling thread, else share k on worker k, and the loss and gradients summed
     * with the shares as weights, in worker order (the same sums every run).
     */
    public LossAndGradients lossAndGradients(StepInput in) {
        if (in.workers() == 1) return lossAndGradients(in.feeds().get(0));
        if (in.workers() > workers()) {
            throw new IllegalArgumentException("the step was prepared for " + in.workers() + " workers but the model has " + workers());
        }
        List<LossAndGradients> parts = parallel().run(in.workers(), (m, k) -> m.lossAndGradients(in.feeds().get(k)));
        double loss = 0;
        Map<String, INDArray> sum = new LinkedHashMap<>();
        for (int k = 0; k < parts.size(); k++) {
            double share = in.shares()[k];
            loss += share * parts.get(k).loss();
            for (Map.Entry<String, INDArray> g : parts.get(k).gradients().entrySet()) {
                INDArray acc = sum.get(g.getKey());
                // new arrays: a run's gradient may be an array its graph writes again next run
                if (acc == null) sum.put(g.getKey(), g.getValue().mul(share));
                else acc.addi(g.getValue().mul(share));
            }
        }
        return new LossAndGradients(loss, sum);
    }

    /** The loss of one training step and the gradient of each parameter (by name). */
    public record LossAndGradients(double loss, Map<String, INDArray> gradients) {}

    /** The trainable arrays by name, live: changing them changes the model. */
    public Map<String, INDArray> parameters() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        for (String p : paramNames) m.put(p, sd.getArrForVarName(p));
        return m;
    }

    public List<String> parameterNames() { return paramNames; }

    /** L2 coefficient of each regularised weight (absent = none). */
    public Map<String, Double> l2() { return l2; }

    /** Copies of all parameter arrays (a snapshot, e.g. the best weights so far). */
    public Map<String, INDArray> copyParameters() {
        Map<String, INDArray> m = new LinkedHashMap<>();
        for (String p : paramNames) m.put(p, sd.getArrForVarName(p).dup());
        return m;
    }

    /** Overwrites the parameters with the given arrays (same names and shapes). */
    public void setParameters(Map<String, INDArray> values) {
        for (String p : paramNames) {
            INDArray v = values.get(p);
            if (v == null) throw new IllegalArgumentException("no value for parameter " + p);
            INDArray cur = sd.getArrForVarName(p);
            if (!Arrays.equals(cur.shape(), v.shape())) {
                throw new IllegalArgumentException("parameter " + p + " has shape " + Arrays.toString(cur.shape()) + " but the value has " + Arrays.toString(v.shape()));
            }
            cur.assign(v);
        }
    }

    /** Optimizer, updater state and history of the training so far; null before any training. */
    public TrainingState trainingState() { return trainingState; }

    public void setTrainingState(TrainingState state) { this.trainingState = state; }

    // ---------------------------------------------------------------- description

    public EmbeddingNet net() { return net; }

    public Head head() { return head; }

    public long seed() { return seed; }

    public int embeddingSize() { return net.embeddingSize(); }

    /** Number of trainable values: one tower plus the head, not two towers. */
    public long paramCount() {
        long n = 0;
        for (String p : paramNames) n += sd.getArrForVarName(p).length();
        return n;
    }

    public int inferenceBatchSize() { return inferenceBatchSize; }

    /** Images per forward pass in embed/distances/probabilitySame (bounds memory). */
    public SiameseModel inferenceBatchSize(int n) {
        if (n < 1) throw new IllegalArgumentException("inference batch size must be at least 1, got " + n);
        this.inferenceBatchSize = n;
        return this;
    }

    /** The underlying graph, for inspection; changing it may break the model. */
    public SameDiff sameDiff() { return sd; }


    public String summary() {
        return "SiameseModel " + head.spec() + ", " + String.format("%,d", paramCount()) + " parameters (shared by both branches)"
                + (head instanceof Head.Koch ? ", head dense(1) included" : "") + "\n" + net.summary();
    }

    @Override
    public String toString() { return summary(); }

    // ---------------------------------------------------------------- persistence

    /**
     * Saves weights, architecture and training state (optimizer, updater state,
     * history) to a zip file. Refuses to replace an existing file; see {@link #save(java.nio.file.Path, boolean)}.
     */
    public void save(java.nio.file.Path file) { save(file, false); }

    /**
     * Saves as {@link #save(java.nio.file.Path)}; with replace=true an existing
     * file is replaced. The file is written to a temporary file in the same
     * folder first and then renamed, so an interrupted save never leaves a
     * half-written model under the real name.
     */
    public void save(java.nio.file.Path file, boolean replace) { ModelFiles.save(this, file, replace); }

    /** Loads a model saved by {@link #save}: same outputs, and training can resume from its state. */
    public static SiameseModel load(java.nio.file.Path file) { return ModelFiles.load(file); }

    // ---------------------------------------------------------------- checks

    private void checkPair(INDArray left, INDArray right) {
        checkImages("left", left);
        checkImages("right", right);
        if (left.size(0) != right.size(0)) {
            throw new IllegalArgumentException("left has " + left.size(0) + " images but right has " + right.size(0));
        }
    }

    private void checkImages(String what, INDArray x) {
        Shape s = net.inputShape();
        if (x.rank() != 4 || x.size(1) != s.channels() || x.size(2) != s.height() || x.size(3) != s.width()) {
            throw new IllegalArgumentException(what + " images have shape " + Arrays.toString(x.shape()) + " but this model takes [n, "
                    + s.channels() + ", " + s.height() + ", " + s.width() + "]");
        }
        if (x.dataType() != DataType.FLOAT) {
            throw new IllegalArgumentException(what + " images are " + x.dataType() + "; the model takes FLOAT");
        }
    }
}
