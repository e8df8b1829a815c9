package org.siamesekit.backend;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Whether ND4J 1.0.0-M2.1's CUDA backend can run on the GPUs that
 * {@code nvidia-smi} lists, decided before ND4J loads anything.
 *
 * <p>That backend (nd4j-cuda-11.6) holds machine code (SASS) for compute
 * capabilities up to 8.6 and no PTX, so a GPU of a newer major version (9.0:
 * H100, H200; 10.x and 12.x: Blackwell) fails at its first kernel. SASS built
 * for X.Y runs on X.Z when Z ≥ Y, so 8.6 code also runs on 8.7 and 8.9. The
 * driver must run the CUDA 11.6 runtime: any 11.x runtime runs on drivers from
 * 450.80.02 on (NVIDIA's minor version compatibility; it needs no PTX JIT).
 *
 * <p>Used twice with the same rules: by the setup scripts, which run this file
 * with {@code java CudaSupport.java} to choose the Maven profile (hence only JDK
 * classes here), and by {@code Kit.setup()}, which fails with what to do when
 * CUDA is asked for on a GPU it cannot use.
 */
public final class CudaSupport {
    /** The environment variable that forces the backend: cpu or cuda. */
    public static final String BACKEND_ENV = "SIAMESE_KIT_BACKEND";
    /** The nvidia-smi query the decision reads. */
    public static final List<String> QUERY = List.of("nvidia-smi", "--query-gpu=name,compute_cap,driver_version",
            "--format=csv,noheader");
    /** Highest compute capability per major version that the SASS covers: 3.x to 8.x, none of 9 and later. */
    static final int LAST_MAJOR = 8;
    static final String MIN_DRIVER = "450.80.02";
    private static final String CUDA_BACKEND_CLASS = "org.nd4j.linalg.jcublas.JCublasBackend";

    private CudaSupport() {}

    /** One GPU as nvidia-smi reports it. */
    public record Gpu(String name, String computeCapability, String driver) {
        /** Whether nd4j-cuda-11.6's machine code runs on it. */
        boolean covered() {
            String[] p = computeCapability.split("\\.");
            int major = Integer.parseInt(p[0]), minor = Integer.parseInt(p[1]);
            return (major == 3 && minor >= 5) || (major > 3 && major <= LAST_MAJOR); // CUDA 11 starts at 3.5
        }

        @Override
        public String toString() { return name + " (compute capability " + computeCapability + ", driver " + driver + ")"; }
    }

    /**
     * The verdict: use CUDA or not, and why in one line.
     *
     * @param definite false when nvidia-smi could not say enough to be sure (CUDA not chosen, but not refused either)
     */
    public record Decision(boolean cuda, boolean definite, List<Gpu> gpus, String reason) {}

    /** Decides from nvidia-smi's output ({@link #QUERY}) and exit status; exit -1 when nvidia-smi is not there. */
    public static Decision decide(String output, int exit) {
        if (exit == -1) return new Decision(false, true, List.of(), "no NVIDIA GPU: nvidia-smi is not installed");
        String out = output == null ? "" : output.strip();
        if (exit != 0) {
            if (out.contains("compute_cap")) {
                return new Decision(false, false, List.of(), "the NVIDIA driver's nvidia-smi cannot report compute capability"
                        + " (driver older than 510?): update the driver to use the GPU");
            }
            String first = out.isEmpty() ? "exit status " + exit : out.lines().findFirst().orElse("");
            return new Decision(false, true, List.of(), "no usable NVIDIA GPU: nvidia-smi failed (" + first + ")");
        }
        List<Gpu> gpus = new ArrayList<>();
        for (String line : out.lines().map(String::strip).filter(l -> !l.isEmpty()).toList()) {
            int b = line.lastIndexOf(','), a = b < 0 ? -1 : line.lastIndexOf(',', b - 1);
            if (a < 0) return new Decision(false, false, gpus, "cannot read nvidia-smi's line \"" + line + "\"");
            Gpu g = new Gpu(line.substring(0, a).strip(), line.substring(a + 1, b).strip(), line.substring(b + 1).strip());
            if (!g.computeCapability.matches("\\d+\\.\\d+") || !g.driver.matches("\\d+(\\.\\d+)*")) {
                return new Decision(false, false, gpus, "nvidia-smi gives no compute capability or driver version for " + g.name
                        + " (\"" + line + "\")");
            }
            gpus.add(g);
        }
        if (gpus.isEmpty()) return new Decision(false, true, gpus, "no NVIDIA GPU: nvidia-smi lists none");
        for (Gpu g : gpus) {
            if (!g.covered()) {
                return new Decision(false, true, gpus, "ND4J 1.0.0-M2.1's CUDA 11.6 build cannot run on " + g
                        + ": it holds machine code for compute capability 3.5 to 8.6 (8.6 also runs on 8.7 and 8.9) and no PTX"
                        + (gpus.size() > 1 ? " (" + gpus.size() + " GPUs visible; every one must be covered)" : ""));
            }
            if (compareVersions(g.driver, MIN_DRIVER) < 0) {
                return new Decision(false, true, gpus, "the NVIDIA driver " + g.driver + " cannot run CUDA 11.6 (needs "
                        + MIN_DRIVER + " or newer); update the driver to use " + g.name);
            }
        }
        return new Decision(true, true, gpus, "CUDA: " + String.join(", ", gpus.stream().map(Gpu::toString).toList()));
    }

    /** Runs nvidia-smi ({@link #QUERY}) and decides. */
    public static Decision probe() {
        try {
            Process p = new ProcessBuilder(QUERY).redirectErrorStream(true).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(20, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Decision(false, false, List.of(), "nvidia-smi did not answer within 20 s");
            }
            return decide(new String(out, StandardCharsets.UTF_8), p.exitValue());
        } catch (IOException e) {
            return decide("", -1); // not on PATH
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Decision(false, false, List.of(), "interrupted while asking nvidia-smi");
        }
    }

    /**
     * For {@code Kit.setup()}, before ND4J loads: when CUDA is asked for
     * ({@value #BACKEND_ENV}=cuda) or its backend is on the classpath, checks the
     * GPUs and fails with what to do where nd4j-cuda-11.6 cannot run.
     *
     * @throws IllegalStateException naming the GPU, its compute capability and what to do
     */
    public static void checkBeforeNd4j() {
        String asked = System.getenv(BACKEND_ENV);
        boolean forced = asked != null && asked.strip().equalsIgnoreCase("cuda");
        if (!forced && !onClasspath()) return;
        Decision d = probe();
        if (d.cuda) return;
        String why = forced ? BACKEND_ENV + "=cuda" : "this kit was built for CUDA (nd4j-cuda on the classpath)";
        if (!d.definite) {
            System.err.println("Warning: " + why + ", but " + d.reason + "; trying CUDA anyway.");
            return;
        }
        throw new IllegalStateException(why + ", but " + d.reason + ".\nWhat to do: build and run the kit for the CPU"
                + " (unset " + BACKEND_ENV + " or set it to cpu, then run bash scripts/run-kit.sh, which rebuilds),"
                + " or use a GPU of compute capability 3.5 to 8.9 with driver " + MIN_DRIVER + " or newer.");
    }

    private static boolean onClasspath() {
        try {
            Class.forName(CUDA_BACKEND_CLASS, false, CudaSupport.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    static int compareVersions(String a, String b) {
        String[] x = a.split("\\."), y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            long u = i < x.length ? Long.parseLong(x[i]) : 0, v = i < y.length ? Long.parseLong(y[i]) : 0;
            if (u != v) return Long.compare(u, v);
        }
        return 0;
    }

    /**
     * For the setup scripts: prints "cuda" or "cpu" on stdout and the reason on
     * stderr. With an argument, {@value #BACKEND_ENV}'s value, which wins when it
     * is cpu or cuda.
     */
    public static void main(String[] args) {
        String forced = args.length > 0 ? args[0].strip().toLowerCase(Locale.ROOT) : "";
        if (forced.equals("cpu") || forced.equals("cuda")) {
            System.out.println(forced);
            System.err.println("backend " + forced + " (" + BACKEND_ENV + "=" + forced + ")");
            return;
        }
        Decision d = probe();
        System.out.println(d.cuda ? "cuda" : "cpu");
        System.err.println(d.cuda ? "building for " + d.reason : "building for the CPU: " + d.reason);
    }
}
