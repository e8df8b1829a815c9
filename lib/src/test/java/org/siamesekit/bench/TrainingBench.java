package org.siamesekit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.siamesekit.data.LabelledImages;
import org.siamesekit.models.EmbeddingNet;
import org.siamesekit.models.Presets;
import org.siamesekit.models.SiameseModel;
import org.siamesekit.notebook.Kit;
import org.siamesekit.optim.Optimizer;
import org.siamesekit.pairs.PairBatch;
import org.siamesekit.pairs.Pairs;
import org.siamesekit.pairs.TrainingBatch;
import org.siamesekit.training.Trainer;

/**
 * The kit's side of the speed benchmark (bench/torch_bench.py is PyTorch's):
 * the same networks timed the same way on synthetic inputs, since only speed is
 * measured. Prints one line per measurement, {@code kit <network> <metric> <value>},
 * and writes them to build/bench/kit.txt (or the path after --out).
 *
 * <p>Options: --orl-pairs N (15000), --orl-epochs N (3: the first epoch is reported
 * on its own, since the JIT compiles SameDiff's code during it; the last one as
 * seconds_per_epoch), --koch-iters N (5), --compact-iters N (20),
 * --skip-koch, --workers N (data-parallel workers, each on cores / N op threads;
 * default the kit's, one), --no-prefetch (prepare each batch on the training
 * thread), --out PATH.
 */
public final class TrainingBench {
    private final List<String> lines = new ArrayList<>();
    private int workers;
    private boolean prefetch = true;

    public static void main(String[] args) throws IOException {
        int orlPairs = 15000, orlEpochs = 3, kochIters = 5, compactIters = 20;
        boolean skipKoch = false;
        TrainingBench b = new TrainingBench();
        Path out = Paths.get("build/bench/kit.txt");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--orl-pairs" -> orlPairs = Integer.parseInt(args[++i]);
                case "--orl-epochs" -> orlEpochs = Integer.parseInt(args[++i]);
                case "--koch-iters" -> kochIters = Integer.parseInt(args[++i]);
                case "--compact-iters" -> compactIters = Integer.parseInt(args[++i]);
                case "--skip-koch" -> skipKoch = true;
                case "--workers" -> b.workers = Integer.parseInt(args[++i]);
                case "--no-prefetch" -> b.prefetch = false;
                case "--out" -> out = Paths.get(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        b.report("all", "backend", Kit.backend().replace(' ', '_'));
        b.report("all", "omp_wait_policy", String.valueOf(System.getenv("OMP_WAIT_POLICY")));
        b.report("all", "loadavg_1min_start", loadAverage());
        SiameseModel probe = SiameseModel.contrastive(Presets.orl(), 1.0, 1);
        if (b.workers > 0) probe.workers(b.workers);
        b.report("all", "workers", probe.workers());
        b.report("all", "op_threads_per_worker", probe.opThreadsPerWorker());
        b.report("all", "prefetch", b.prefetch);
        b.orl(orlPairs, orlEpochs);
        b.iterations("koch_compact", Presets.kochCompact(35), 32, compactIters, 3);
        b.iterations("koch_compact52", Presets.kochCompact(52), 32, compactIters, 3);
        if (!skipKoch) b.iterations("koch", Presets.koch(), 32, kochIters, 1);
        b.report("all", "loadavg_1min_end", loadAverage());
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.write(out, b.lines);
        System.out.println("written to " + out.toAbsolutePath());
    }

    /**
     * CPU time of this whole process (all threads, native ones included). On a
     * shared machine wall time grows with other processes' load, CPU time much
     * less, so both are reported; unloaded, wall ≈ CPU time / threads used.
     */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Milliseconds the JIT compilers have worked so far (their threads' time, part of cpuNanos, taken from the training). */
    private static long jitMillis() {
        return java.lang.management.ManagementFactory.getCompilationMXBean().getTotalCompilationTime();
    }

    /** The machine's 1-minute load average: other processes on the same cores slow every number here. */
    private static String loadAverage() {
        try {
            return Files.readString(Paths.get("/proc/loadavg")).split(" ")[0];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    /** Median seconds of single training steps on pre-gathered batches (less sensitive to bursts of load than a whole epoch). */
    private static double medianStep(SiameseModel model, List<PairBatch> batches, int steps) {
        double[] t = new double[steps];
        for (int i = 0; i < steps; i++) {
            PairBatch b = batches.get(i % batches.size());
            long s = System.nanoTime();
            model.lossAndGradients(model.prepare(b.toTrainingBatch(), model.workers()));
            t[i] = (System.nanoTime() - s) / 1e9;
        }
        java.util.Arrays.sort(t);
        return t[steps / 2];
    }

    /** The benchmark's trainer settings: workers and prefetching as given on the command line. */
    private Trainer.Builder trainer() {
        Trainer.Builder t = Trainer.builder().progress(false).prefetch(prefetch);
        return workers > 0 ? t.workers(workers) : t;
    }

    private SiameseModel withWorkers(SiameseModel m) {
        return workers > 0 ? m.workers(workers) : m;
    }

    private void report(String network, String metric, Object value) {
        String line = "kit " + network + " " + metric + " " + (value instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : value);
        System.out.println(line);
        lines.add(line);
    }

    /**
     * Epochs of the ORL preset (contrastive, RMSProp) over `pairs` pairs in batches
     * of 128, pixels gathered per batch. The first epoch and the last are reported:
     * the JVM's compilers work through the first one or two (on 2 cores they take
     * CPU time from the training), while the last shows what each further epoch of
     * a long training costs.
     */
    private void orl(int pairCount, int epochs) {
        if (epochs < 1) throw new IllegalArgumentException("--orl-epochs must be at least 1, got " + epochs);
        long t = System.nanoTime();
        SiameseModel model = withWorkers(SiameseModel.contrastive(Presets.orl(), 1.0, 1));
        report("orl", "build_seconds", (System.nanoTime() - t) / 1e9);
        LabelledImages images = randomImages(400, 40, 56, 46);
        Pairs pairs = randomPairs(images, pairCount);
        // warm-up: a few batches (graph set-up, first allocations), as PyTorch's side does
        trainer().epochs(1).batchSize(128).optimizer(Optimizer.rmsProp(1e-3)).build()
                .fit(model, pairs.select(java.util.stream.IntStream.range(0, 3 * 128).toArray()));
        double[] seconds = new double[epochs], cpuSeconds = new double[epochs], jitSeconds = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            t = System.nanoTime();
            long cpu = cpuNanos(), jit = jitMillis();
            trainer().epochs(1).batchSize(128).optimizer(Optimizer.rmsProp(1e-3)).build().fit(model, pairs);
            seconds[e] = (System.nanoTime() - t) / 1e9;
            cpuSeconds[e] = (cpuNanos() - cpu) / 1e9;
            jitSeconds[e] = (jitMillis() - jit) / 1e3;
        }
        int last = epochs - 1;
        report("orl", "seconds_first_epoch", seconds[0]);
        report("orl", "jit_compile_seconds_in_first_epoch", jitSeconds[0]);
        report("orl", "seconds_per_epoch", seconds[last]);
        report("orl", "cpu_seconds_per_epoch", cpuSeconds[last]);
        report("orl", "jit_compile_seconds_in_epoch", jitSeconds[last]);
        report("orl", "pairs_per_second", pairCount / seconds[last]);
        report("orl", "timed_epochs", epochs);
        List<PairBatch> some = new ArrayList<>();
        org.siamesekit.pairs.Batches.inOrder(pairs.select(java.util.stream.IntStream.range(0, 5 * 128).toArray()), 128).forEach(some::add);
        double median = medianStep(model, some, 15);
        report("orl", "median_step_seconds", median);
        report("orl", "seconds_per_epoch_from_median_step", median * Math.ceil(pairCount / 128.0));
        report("orl", "embed_images_per_second", throughput(model, 20000, 256, 56, 46));
    }

    /** Seconds per training step on freshly drawn batches of `batch` pairs (Koch head, Adam). */
    private void iterations(String name, EmbeddingNet net, int batch, int iters, int warmup) {
        long t = System.nanoTime();
        SiameseModel model = withWorkers(SiameseModel.koch(net, 1));
        report(name, "build_seconds", (System.nanoTime() - t) / 1e9);
        report(name, "parameters", model.paramCount());
        int h = (int) net.inputShape().height(), w = (int) net.inputShape().width();
        PairBatch b = randomBatch(net, batch);
        Supplier<TrainingBatch> same = b::toTrainingBatch;
        trainer().iterations(warmup).optimizer(Optimizer.adam(6e-5)).build().fit(model, same);
        t = System.nanoTime();
        long cpu = cpuNanos(), jit = jitMillis();
        trainer().iterations(iters).validateEvery(iters).optimizer(Optimizer.adam(6e-5)).build().fit(model, same);
        report(name, "seconds_per_iteration", (System.nanoTime() - t) / 1e9 / iters);
        report(name, "cpu_seconds_per_iteration", (cpuNanos() - cpu) / 1e9 / iters);
        report(name, "jit_compile_seconds_per_iteration", (jitMillis() - jit) / 1e3 / iters);
        report(name, "median_step_seconds", medianStep(model, List.of(b), Math.max(3, iters)));
        report(name, "embed_images_per_second", throughput(model, name.equals("koch") ? 256 : 4096, 64, h, w));
    }

    /** A batch of random images for {@code net} with random targets (seeded: the same batch every run). */
    static PairBatch randomBatch(EmbeddingNet net, int pairs) {
        long h = net.inputShape().height(), w = net.inputShape().width();
        Nd4j.getRandom().setSeed(0);
        return new PairBatch(Nd4j.rand(DataType.FLOAT, pairs, 1, h, w), Nd4j.rand(DataType.FLOAT, pairs, 1, h, w),
                Nd4j.rand(DataType.FLOAT, pairs, 1).gt(0.5).castTo(DataType.FLOAT));
    }

    /** An all-pairs batch ({@link org.siamesekit.pairs.Batches#allPairs}) of {@code images} random images, {@code perClass} per class. */
    static TrainingBatch randomAllPairs(EmbeddingNet net, int images, int perClass) {
        int classes = images / perClass, h = (int) net.inputShape().height(), w = (int) net.inputShape().width();
        return org.siamesekit.pairs.Batches.allPairs(randomImages(2 * images, classes, h, w), 0)
                .classes(classes).imagesPerClass(perClass).get();
    }

    private static double throughput(SiameseModel model, int n, int batch, int h, int w) {
        INDArray x = Nd4j.rand(DataType.FLOAT, batch, 1, h, w);
        model.inferenceBatchSize(batch);
        model.embed(x); // warm-up
        long t = System.nanoTime();
        int done = 0;
        while (done < n) {
            model.embed(x);
            done += batch;
        }
        return done / ((System.nanoTime() - t) / 1e9);
    }

    private static LabelledImages randomImages(int n, int classes, int h, int w) {
        Nd4j.getRandom().setSeed(1);
        int[] labels = new int[n];
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) names.add("c" + c);
        for (int i = 0; i < n; i++) labels[i] = i % classes;
        return new LabelledImages(Nd4j.rand(DataType.FLOAT, n, 1, h, w), labels, names);
    }

    /** Half genuine, half impostor, uniformly drawn (seeded). */
    private static Pairs randomPairs(LabelledImages images, int count) {
        java.util.SplittableRandom rng = new java.util.SplittableRandom(2);
        int[] l = new int[count], r = new int[count];
        boolean[] g = new boolean[count];
        for (int i = 0; i < count; i++) {
            int a = rng.nextInt(images.size()), b;
            if (i % 2 == 0) {
                int[] same = images.indicesOf(images.label(a));
                do { b = same[rng.nextInt(same.length)]; } while (b == a);
            } else {
                do { b = rng.nextInt(images.size()); } while (images.label(b) == images.label(a));
            }
            l[i] = a;
            r[i] = b;
            g[i] = i % 2 == 0;
        }
        return new Pairs(images, l, r, g);
    }
}
