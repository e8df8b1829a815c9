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
import org.siamesekit.pairs.PairBatch;

/**
 * Where a training step's time goes: times every SameDiff op of the forward
 * and backward pass with a listener and prints milliseconds per step by op
 * type, next to the whole step's time (the difference is SameDiff's own work
 * between ops). Run by {@code bench/profile.sh}; synthetic inputs.
 *
 * <p>Usage: {@code OpProfile [orl|fashion|fashionTwoConv|kochCompact|koch] [pairs per batch] [steps]}
 */
public final class OpProfile extends BaseListener {
    private final Map<String, long[]> byOp = new TreeMap<>();
    private long opStart;

    public static void main(String[] args) {
        String net = args.length > 0 ? args[0] : "orl";
        int batch = args.length > 1 ? Integer.parseInt(args[1]) : 128;
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
        PairBatch b = TrainingBench.randomBatch(embedding, batch);
        for (int i = 0; i < 5; i++) model.lossAndGradients(model.feed(b)); // warm-up
        OpProfile profile = new OpProfile();
        model.sameDiff().addListeners(profile);
        long feedNanos = 0, stepNanos = 0;
        for (int i = 0; i < steps; i++) {
            long t0 = System.nanoTime();
            var feed = model.feed(b);
            long t1 = System.nanoTime();
            model.lossAndGradients(feed);
            feedNanos += t1 - t0;
            stepNanos += System.nanoTime() - t1;
        }
        double step = stepNanos / 1e6 / steps;
        System.out.printf(Locale.ROOT, "%s network, %d pairs per step, %d steps: forward+backward %.1f ms per step, dropout masks %.1f ms%n",
                net, batch, steps, step, feedNanos / 1e6 / steps);
        System.out.printf(Locale.ROOT, "%-24s %10s %8s %6s%n", "op", "ms/step", "share", "calls");
        long total = profile.byOp.values().stream().mapToLong(v -> v[0]).sum();
        profile.byOp.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue()[0], x.getValue()[0])).limit(12)
                .forEach(e -> System.out.printf(Locale.ROOT, "%-24s %10.2f %7.1f%% %6d%n", e.getKey(),
                        e.getValue()[0] / 1e6 / steps, 100.0 * e.getValue()[0] / 1e6 / steps / step, e.getValue()[1] / steps));
        double ops = total / 1e6 / steps;
        System.out.printf(Locale.ROOT, "%-24s %10.2f %7.1f%%%n", "all ops", ops, 100 * ops / step);
        System.out.printf(Locale.ROOT, "%-24s %10.2f %7.1f%%%n", "between ops (SameDiff)", step - ops, 100 * (step - ops) / step);
    }

    @Override
    public boolean isActive(Operation operation) { return true; }

    @Override
    public void preOpExecution(SameDiff sd, At at, SameDiffOp op, OpContext opContext) { opStart = System.nanoTime(); }

    @Override
    public void opExecution(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, OpContext opContext, INDArray[] outputs) {
        long[] v = byOp.computeIfAbsent(op.getOp().opName(), k -> new long[2]);
        v[0] += System.nanoTime() - opStart;
        v[1]++;
    }
}
