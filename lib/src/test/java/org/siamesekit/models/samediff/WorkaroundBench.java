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
 * alike. Synthetic images: only speed and memory are measured. Prints and
 * writes a Markdown table (bench/workarounds.sh).
 *
 * <p>Memory is measured one configuration per JVM (bench/workarounds.sh starts
 * one per switch): {@code --memory orl|compact --steps N} runs N steps and
 * prints the process's peak resident memory.
 *
 * <p>Options: --rounds N (5), --steps N (steps per configuration and round, 5),
 * --out PATH (build/bench/workarounds.md).
 */
public final class WorkaroundBench {
    private WorkaroundBench() {}

    public static void main(String[] args) throws IOException {
        int rounds = 5, steps = 5;
        String memory = null;
        Path out = Path.of("build/bench/workarounds.md");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--memory" -> memory = args[++i];
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--steps" -> steps = Integer.parseInt(args[++i]);
                case "--out" -> out = Path.of(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (memory != null) {
            peakMemory(memory, steps);
            return;
        }
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "ND4J %s, %s; %d rounds × %d steps per configuration%n%n",
                Nd4jVersion.current(), org.siamesekit.backend.Backend.describe(), rounds, steps));
        md.append("| network | configuration | median step (ms) | step time saved by the workaround |\n");
        md.append("| --- | --- | --- | --- |\n");
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
        for (int r = -1; r < rounds; r++) { // round -1 warms every configuration up
            for (Map.Entry<String, Workaround> c : configs.entrySet()) {
                switchOnly(c.getValue());
                SiameseModel m = models.get(c.getKey());
                for (int s = 0; s < steps; s++) {
                    long t0 = System.nanoTime();
                    m.lossAndGradients(m.feed(batch));
                    if (r >= 0) times.computeIfAbsent(c.getKey(), k -> new ArrayList<>()).add((System.nanoTime() - t0) / 1e6);
                }
            }
        }
        switchOnly(null);
        double on = median(times.get("all on"));
        for (String c : configs.keySet()) {
            double t = median(times.get(c));
            String saved = c.equals("all on") ? "" : String.format(Locale.ROOT, "%+.1f %%", 100 * (t - on) / t);
            md.append(String.format(Locale.ROOT, "| %s | %s | %.1f | %s |%n", network, c, t, saved));
        }
    }

    /** All workarounds on except {@code off} (none when null). */
    private static void switchOnly(Workaround off) {
        for (Workaround w : Workaround.values()) {
            if (w == off) System.setProperty(w.property(), "false"); else System.clearProperty(w.property());
        }
    }

    /** Runs {@code steps} steps of one network under the switches this JVM was started with; prints peak RSS. */
    private static void peakMemory(String network, int steps) throws IOException {
        boolean orl = network.equals("orl");
        if (!orl && !network.equals("compact")) throw new IllegalArgumentException("--memory orl or compact");
        EmbeddingNet net = orl ? Presets.orl() : Presets.kochCompact(35);
        SiameseModel m = orl ? SiameseModel.contrastive(net, 1.0, 1) : SiameseModel.koch(net, 1);
        int pairs = orl ? 128 : 64;
        long h = net.inputShape().height(), w = net.inputShape().width();
        Nd4j.getRandom().setSeed(5);
        for (int s = 0; s < steps; s++) {
            PairBatch batch = new PairBatch(Nd4j.rand(DataType.FLOAT, pairs, 1, h, w), Nd4j.rand(DataType.FLOAT, pairs, 1, h, w),
                    Nd4j.rand(DataType.FLOAT, pairs, 1).gt(0.5).castTo(DataType.FLOAT));
            m.lossAndGradients(m.feed(batch));
        }
        String hwm = Files.readAllLines(Path.of("/proc/self/status")).stream().filter(l -> l.startsWith("VmHWM:"))
                .findFirst().orElse("VmHWM: 0 kB").replaceAll("\\D+", " ").trim();
        System.out.printf(Locale.ROOT, "peak_rss_mib %.0f%n", Long.parseLong(hwm.split(" ")[0]) / 1024.0);
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
