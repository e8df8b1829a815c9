package org.siamesekit.models.samediff;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.siamesekit.models.EmbeddingNet;
import org.siamesekit.models.Presets;
import org.siamesekit.models.SiameseModel;
import org.siamesekit.pairs.PairBatch;

/**
 * What each {@link Workaround} buys now: the median time of a training step
 * (forward and backward, as the trainer runs it) with all workarounds on and
 * with each one off, on the ORL network (contrastive, 128 pairs of 56×46) and
 * Omniglot's compact Koch network (64 pairs of 35×35). Configurations are
 * interleaved round by round so that a change in the machine's speed hits all
 * alike. Also the native memory ND4J still holds after each block of steps
 * (after a garbage collection). Synthetic images: only speed and memory are
 * measured. Prints and writes a Markdown table (bench/workarounds.sh).
 *
 * <p>Options: --rounds N (5), --steps N (steps per configuration and round, 5),
 * --out PATH (build/bench/workarounds.md).
 */
public final class WorkaroundBench {
    private WorkaroundBench() {}

    public static void main(String[] args) throws IOException {
        int rounds = 5, steps = 5;
        Path out = Path.of("build/bench/workarounds.md");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "ND4J %s, %s; %d rounds × %d steps per configuration%n%n",
                Nd4jVersion.current(), org.siamesekit.backend.Backend.describe(), rounds, steps));
        md.append("| network | configuration | median step (ms) | step time saved by the workaround | native MiB held after a block |\n");
        md.append("| --- | --- | --- | --- | --- |\n");
        measure(md, "ORL (Presets.orl, 128 pairs)", () -> SiameseModel.contrastive(Presets.orl(), 1.0, 1),
                Presets.orl(), 128, rounds, steps);
        measure(md, "Omniglot compact (Presets.kochCompact, 64 pairs)", () -> SiameseModel.koch(Presets.kochCompact(35), 1),
                Presets.kochCompact(35), 64, rounds, steps);
        System.out.println(md);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, md.toString());
        System.out.println("saved " + out);
    }

    private static void measure(StringBuilder md, String network, Supplier<SiameseModel> build, EmbeddingNet net,
                                int pairs, int rounds, int steps) {
        // "all on" and one configuration per workaround switched off; each model is built
        // under its own switches, since some workarounds act when the backward graph is built
        Map<String, Workaround> configs = new LinkedHashMap<>();
        configs.put("all on", null);
        for (Workaround w : Workaround.values()) configs.put(w.property() + "=false", w);
        Map<String, SiameseModel> models = new LinkedHashMap<>();
        for (Map.Entry<String, Workaround> c : configs.entrySet()) {
            switchOnly(c.getValue());
            models.put(c.getKey(), build.get());
        }
        switchOnly(null);
        long h = net.inputShape().height(), w = net.inputShape().width();
        Nd4j.getRandom().setSeed(5);
        PairBatch batch = new PairBatch(Nd4j.rand(DataType.FLOAT, pairs, 1, h, w), Nd4j.rand(DataType.FLOAT, pairs, 1, h, w),
                Nd4j.rand(DataType.FLOAT, pairs, 1).gt(0.5).castTo(DataType.FLOAT));
        Map<String, List<Double>> times = new LinkedHashMap<>();
        Map<String, List<Double>> held = new LinkedHashMap<>();
        for (int r = -1; r < rounds; r++) { // round -1 warms every configuration up
            for (Map.Entry<String, Workaround> c : configs.entrySet()) {
                switchOnly(c.getValue());
                SiameseModel m = models.get(c.getKey());
                for (int s = 0; s < steps; s++) {
                    long t0 = System.nanoTime();
                    m.lossAndGradients(m.feed(batch));
                    if (r >= 0) times.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add((System.nanoTime() - t0) / 1e6);
                }
                if (r >= 0) held.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add(heldMiB());
            }
        }
        switchOnly(null);
        double on = median(times.get("all on"));
        for (String c : configs.keySet()) {
            double t = median(times.get(c));
            String saved = c.equals("all on") ? "" : String.format(Locale.ROOT, "%+.1f %%", 100 * (t - on) / t);
            md.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %s | %.0f |%n", network, c, t, saved, median(held.get(c))));
        }
    }

    /** All workarounds on except {@code off} (none when null). */
    private static void switchOnly(Workaround off) {
        for (Workaround w : Workaround.values()) {
            if (w == off) System.setProperty(w.property(), "false"); else System.clearProperty(w.property());
        }
    }

    /** Native memory ND4J's arrays still hold once the garbage collector has freed what nothing references. */
    private static double heldMiB() {
        System.gc();
        try {
            Thread.sleep(100); // JavaCPP frees collected arrays on its deallocator thread
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Pointer.totalBytes() / (double) (1 << 20);
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
