package org.siamesekit.bench;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.siamesekit.models.EmbeddingNet;
import org.siamesekit.models.Presets;
import org.siamesekit.models.SiameseModel;
import org.siamesekit.pairs.TrainingBatch;

/**
 * Where a training step's time goes: times every SameDiff op of the forward
 * and backward pass with a listener and prints milliseconds per step by op
 * type (or, with {@code shapes}, by op type and input → output shape), with
 * the time SameDiff spent just before each (the "gap before"), next to the
 * whole step's time (the difference is SameDiff's own work between ops).
 * Run by {@code bench/profile.sh}; synthetic inputs. A batch given as
 * {@code 128all} is 128 images in groups of 4 and every pair among them (notebook
 * 03's CPU batches).
 *
 * <p>Usage: {@code OpProfile [orl|fashion|fashionTwoConv|kochCompact|koch] [pairs per batch] [steps] [shapes]}
 */
public final class OpProfile extends BaseListener {
    private final Map<String, long[]> byOp = new TreeMap<>();
    private final boolean byShape;
    // nanoTime marks: the op's start, the last op's end, the step's first op's start;
    // the gap since the last op's end (SameDiff's work before this op: output
    // shapes, output arrays, the op's context); totals before the first and after the last op
    private long opStart, lastEnd, firstStart, gap, preNanos, postNanos;

    private OpProfile(boolean byShape) { this.byShape = byShape; }

    public static void main(String[] args) {
        String net = args.length > 0 ? args[0] : "orl";
        // "128" = 128 separate pairs; "128all" = 128 images in groups of 4 and every pair among them
        boolean allPairs = args.length > 1 && args[1].endsWith("all");
        int batch = args.length > 1 ? Integer.parseInt(args[1].replace("all", "")) : 128;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        EmbeddingNet embedding = switch (net) {
            case "orl" -> Presets.orl();
            case "fashion" -> Presets.fashion();
            case "fashionTwoConv" -> Presets.fashionTwoConv();
            case "kochCompact" -> Presets.kochCompact();
            case "koch" -> Presets.koch();
            default -> throw new IllegalArgumentException("unknown network '" + net + "' (orl, fashion, fashionTwoConv, kochCompact or koch)");
        };
        // the head each network is used with in the notebooks
        SiameseModel model = net.startsWith("koch") ? SiameseModel.koch(embedding, 1) : SiameseModel.contrastive(embedding, 1.0, 1);
        TrainingBatch b = allPairs ? TrainingBench.randomAllPairs(embedding, batch, 4)
                : TrainingBench.randomBatch(embedding, batch).toTrainingBatch();
        for (int i = 0; i < 5; i++) model.lossAndGradients(model.feed(b)); // warm-up
        OpProfile profile = new OpProfile(args.length > 3 && args[3].equals("shapes"));
        model.sameDiff().addListeners(profile);
        long feedNanos = 0, stepNanos = 0;
        long cpu0 = cpuNanos();
        for (int i = 0; i < steps; i++) {
            long t0 = System.nanoTime();
            var feed = model.feed(b);
            long t1 = System.nanoTime();
            profile.lastEnd = 0; // the first op's gap would otherwise hold the time between steps
            profile.firstStart = 0;
            model.lossAndGradients(feed);
            long t2 = System.nanoTime();
            feedNanos += t1 - t0;
            stepNanos += t2 - t1;
            profile.preNanos += profile.firstStart - t1;
            profile.postNanos += t2 - profile.lastEnd;
        }
        double step = stepNanos / 1e6 / steps;
        double cpu = (cpuNanos() - cpu0) / 1e6 / steps;
        System.out.printf(Locale.ROOT, "%s network, %d %s per step, %d steps: forward+backward %.1f ms per step, dropout masks %.1f ms, CPU %.1f ms per step (all threads)%n",
                net, batch, allPairs ? "images (all pairs)" : "pairs", steps, step, feedNanos / 1e6 / steps, cpu);
        System.out.printf(Locale.ROOT, "%-60s %10s %8s %6s %10s%n", "op", "ms/step", "share", "calls", "gap before");
        long total = profile.byOp.values().stream().mapToLong(v -> v[0]).sum();
        profile.byOp.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue()[0], x.getValue()[0])).limit(40)
                .forEach(e -> System.out.printf(Locale.ROOT, "%-60s %10.2f %7.1f%% %6d %10.2f%n", e.getKey(),
                        e.getValue()[0] / 1e6 / steps, 100.0 * e.getValue()[0] / 1e6 / steps / step, e.getValue()[1] / steps, e.getValue()[2] / 1e6 / steps));
        double ops = total / 1e6 / steps;
        System.out.printf(Locale.ROOT, "%-60s %10.2f %7.1f%%%n", "all ops", ops, 100 * ops / step);
        System.out.printf(Locale.ROOT, "%-60s %10.2f %7.1f%%%n", "between ops (SameDiff)", step - ops, 100 * (step - ops) / step);
        System.out.printf(Locale.ROOT, "%-60s %10.2f%n", "  before the first op", profile.preNanos / 1e6 / steps);
        System.out.printf(Locale.ROOT, "%-60s %10.2f%n", "  after the last op", profile.postNanos / 1e6 / steps);
    }

    /** CPU time of the whole process (all threads): less sensitive than wall time to other processes' load. */
    private static long cpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    @Override
    public boolean isActive(Operation operation) { return true; }

    @Override
    public void preOpExecution(SameDiff sd, At at, SameDiffOp op, OpContext opContext) {
        opStart = System.nanoTime();
        if (firstStart == 0) firstStart = opStart;
        if (lastEnd != 0) gap += opStart - lastEnd;
    }

    @Override
    public void opExecution(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, OpContext opContext, INDArray[] outputs) {
        String key = op.getOp().opName();
        if (byShape) key += " " + java.util.Arrays.toString(opContext.getInputArray(0).shape()) + "->" + java.util.Arrays.toString(outputs[0].shape());
        long[] v = byOp.computeIfAbsent(key, k -> new long[3]);
        v[0] += System.nanoTime() - opStart;
        v[1]++;
        v[2] += gap;
        gap = 0;
        lastEnd = System.nanoTime();
    }
}
