package org.siamesekit.notebook;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.display.Renderer;
import io.github.spencerpark.jupyter.kernel.display.common.Image;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;
import org.nd4j.linalg.factory.Nd4j;
import org.siamesekit.backend.Backend;
import org.siamesekit.files.KitPaths;
import org.siamesekit.tables.Tables;

import tech.tablesaw.api.Table;

/**
 * What the first cell of every notebook calls: {@code Kit.setup();} prints
 * where the maths runs (ND4J backend and device), the Java version, whether
 * quick mode is on and the seed; and, under IJava, teaches the kernel to show
 * XChart charts as PNG and Tablesaw tables as HTML (the kit's own kernel does
 * that itself).
 *
 * <p>Quick mode (environment variable {@code SIAMESE_KIT_QUICK} = 1 or true)
 * is for CI and first tries: notebooks shrink epochs and trial counts with
 * {@code int epochs = Kit.pick(1, 13);}.
 */
public final class Kit {
    /** Environment variable that turns quick mode on (1 or true). */
    public static final String QUICK_ENV = "SIAMESE_KIT_QUICK";
    /** Environment variable that overrides the seed. */
    public static final String SEED_ENV = "SIAMESE_KIT_SEED";
    /** Seed used when {@value #SEED_ENV} is unset. */
    public static final long DEFAULT_SEED = 42;

    private static final String IJAVA_PACKAGE = "io.github.spencerpark.ijava.";

    private Kit() {}

    /** Seeds ND4J, registers renderers under IJava, and prints the banner. */
    public static void setup() {
        org.siamesekit.backend.CudaSupport.checkBeforeNd4j(); // before ND4J loads a CUDA backend that cannot run here
        Nd4j.getRandom().setSeed(seed());
        BaseKernel kernel = Notebook.kernel();
        if (kernel != null && kernel.getClass().getName().startsWith(IJAVA_PACKAGE)) {
            registerRenderers(kernel.getRenderer());
        }
        System.out.println(banner());
    }

    /** True when {@value #QUICK_ENV} is 1 or true (any case). */
    public static boolean quick() {
        return isTrue(System.getenv(QUICK_ENV));
    }

    /** {@code quickValue} in quick mode, else {@code fullValue}. */
    public static int pick(int quickValue, int fullValue) { return quick() ? quickValue : fullValue; }
    public static long pick(long quickValue, long fullValue) { return quick() ? quickValue : fullValue; }
    public static double pick(double quickValue, double fullValue) { return quick() ? quickValue : fullValue; }
    public static <T> T pick(T quickValue, T fullValue) { return quick() ? quickValue : fullValue; }

    /** The notebooks' seed: {@value #SEED_ENV} if set, else {@value #DEFAULT_SEED}. */
    public static long seed() {
        String s = System.getenv(SEED_ENV);
        if (s == null || s.isBlank()) return DEFAULT_SEED;
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(SEED_ENV + "='" + s + "' is not a whole number", e);
        }
    }

    /** The banner {@link #setup()} prints. */
    public static String banner() {
        return "Siamese kit | " + backend() + "\n"
                + "            | Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
                + " | quick mode " + (quick() ? "ON (" + QUICK_ENV + ")" : "off") + " | seed " + seed();
    }

    /**
     * Where ND4J runs, e.g. "nd4j-native (oneDNN AVX2), 2 threads" or
     * "nd4j-cuda (cuDNN), NVIDIA A100-SXM4-40GB".
     */
    public static String backend() { return Backend.describe(); }

    /** Whether ND4J runs on a GPU (the CUDA backend). */
    public static boolean onGpu() { return Backend.onGpu(); }

    /**
     * Where a notebook's output file goes: {@code build/<kind>/<name>} in the
     * kit's checkout (e.g. {@code Kit.outputFile("models", "orl.model")}), its
     * folder created if missing.
     */
    public static Path outputFile(String kind, String name) { return KitPaths.outputFile(kind, name); }

    static boolean isTrue(String v) {
        if (v == null) return false;
        String s = v.trim().toLowerCase(Locale.ROOT);
        return s.equals("1") || s.equals("true") || s.equals("yes");
    }

    /**
     * Adds PNG rendering for XChart charts, HTML for Tablesaw tables and PNG for
     * images to an IJava renderer, each only if the renderer cannot show it yet
     * (so calling setup twice registers nothing twice).
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static void registerRenderers(Renderer renderer) {
        XYChart probeChart = new XYChart(10, 10);
        if (!renderer.render(probeChart).hasDataForType(Image.PNG)) {
            renderer.createRegistration((Class) Chart.class).preferring(Image.PNG).supporting(Image.PNG)
                    .register((chart, ctx) -> Image.renderImage(BitmapEncoder.getBufferedImage((Chart) chart), ctx));
        }
        if (!renderer.render(Table.create("probe")).hasDataForType(MIMEType.TEXT_HTML)) {
            renderer.createRegistration(Table.class).preferring(MIMEType.TEXT_HTML).supporting(MIMEType.TEXT_HTML, MIMEType.TEXT_PLAIN)
                    .register((table, ctx) -> {
                        ctx.renderIfRequested(MIMEType.TEXT_HTML, () -> Tables.toHtml(table));
                        ctx.renderIfRequested(MIMEType.TEXT_PLAIN, () -> table.print());
                    });
        }
        if (!renderer.render(new java.awt.image.BufferedImage(1, 1, java.awt.image.BufferedImage.TYPE_INT_RGB)).hasDataForType(Image.PNG)) {
            Image.registerAll(renderer);
        }
    }
}
