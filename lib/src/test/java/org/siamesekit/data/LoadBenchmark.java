package org.siamesekit.data;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Loading speed of every dataset into {@link LabelledImages}: prints seconds
 * and images per second and saves the table to build/bench/load.txt (in the
 * repository root). Run with bench/load.sh; args: number of runs (default 2;
 * the first includes JIT warm-up).
 *
 * <p>Data comes from the standard data folder, filled from the mirror if
 * {@value DataManager#MIRROR_ENV} is set.
 */
public final class LoadBenchmark {
    private LoadBenchmark() {}

    /** A load returning how many images it produced (parts are dropped as soon as counted). */
    private record Case(String name, int expected, java.util.function.IntSupplier load) {}

    public static void main(String[] args) throws IOException {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        DataManager dm = DataManager.standard();
        List<String> lines = new ArrayList<>();
        lines.add("# Dataset loading benchmark, " + ZonedDateTime.now().withNano(0));
        lines.add("# " + Runtime.getRuntime().availableProcessors() + " CPUs, load average before "
                + String.format(Locale.ROOT, "%.2f", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())
                + ", Java " + System.getProperty("java.version") + ", max heap "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB");

        long t0 = System.nanoTime();
        dm.ensure(List.of(Dataset.values()));
        lines.add(String.format(Locale.ROOT, "# ensure(all) with SHA-256 checks of %s: %.2f s", dm.dataDir(), secs(t0)));

        List<Case> cases = List.of(
                new Case("ORL faces 112x92", 400, () -> OrlFaces.load(dm, 1).size()),
                new Case("ORL faces 56x46 (downsample 2)", 400, () -> OrlFaces.load(dm, 2).size()),
                new Case("Fashion-MNIST train+test 28x28", 70_000, () -> FashionMnist.load(dm, FashionMnist.Split.TRAIN).size()
                        + FashionMnist.load(dm, FashionMnist.Split.TEST).size()),
                new Case("Omniglot background+evaluation 105x105", 32_460, () -> Omniglot.background(dm, 1).size()
                        + Omniglot.evaluation(dm, 1).size()),
                new Case("Omniglot background+evaluation 52x52 (downsample 2)", 32_460, () -> Omniglot.background(dm, 2).size()
                        + Omniglot.evaluation(dm, 2).size()),
                new Case("Omniglot background+evaluation 35x35 (downsample 3)", 32_460, () -> Omniglot.background(dm, 3).size()
                        + Omniglot.evaluation(dm, 3).size()));

        lines.add(String.format(Locale.ROOT, "%-52s %7s %4s %9s %11s", "dataset", "images", "run", "seconds", "images/s"));
        for (Case c : cases) {
            for (int r = 1; r <= runs; r++) {
                long t = System.nanoTime();
                int n = c.load.getAsInt();
                double s = secs(t);
                if (n != c.expected) throw new IllegalStateException(c.name + ": " + n + " images");
                String line = String.format(Locale.ROOT, "%-52s %7d %4d %9.2f %11.0f", c.name, n, r, s, n / s);
                System.out.println(line);
                lines.add(line);
                System.gc(); // let ND4J free the native buffers of the previous run
            }
        }
        Path out = (DataManager.findRepoRoot(Path.of("").toAbsolutePath()) != null
                ? DataManager.findRepoRoot(Path.of("").toAbsolutePath()) : Path.of("")).resolve("build/bench/load.txt");
        Files.createDirectories(out.getParent());
        Files.write(out, lines);
        System.out.println("Saved to " + out);
    }

    private static double secs(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
