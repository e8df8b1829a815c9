package org.siamesekit.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siamesekit.data.DataManager;

/**
 * GPU selection with faked nvidia-smi programs on PATH (no GPU is needed, and
 * none is used): the setup scripts' Maven profile, and Kit.setup() refusing
 * SIAMESE_KIT_BACKEND=cuda on a GPU that ND4J's CUDA 11.6 build cannot run on.
 */
@Tag("faults")
class GpuSelectionTest {
    @TempDir Path dir;

    record Run(int exit, String out, String err) {}

    @Test
    void theScriptsBuildForCudaOnlyWhereEveryGpuIsCovered() throws Exception {
        assertProfile(null, "", "nvidia-smi is not installed");
        assertProfile(fake("NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.", 9), "", "nvidia-smi failed");
        assertProfile(fake("NVIDIA GeForce RTX 3090, 8.6, 535.104.05", 0), "-Pcuda", "CUDA: NVIDIA GeForce RTX 3090");
        assertProfile(fake("NVIDIA L4, 8.9, 550.54.15", 0), "-Pcuda", "compute capability 8.9");
        assertProfile(fake("NVIDIA H100 80GB HBM3, 9.0, 550.54.15", 0), "",
                "cannot run on NVIDIA H100 80GB HBM3 (compute capability 9.0");
        assertProfile(fake("NVIDIA GeForce RTX 3090, 8.6, 550.54.15\nNVIDIA H200, 9.0, 550.54.15", 0), "",
                "NVIDIA H200 (compute capability 9.0");
        assertProfile(fake("Tesla V100-SXM2-16GB, 7.0, 440.33.01", 0), "", "driver 440.33.01 cannot run CUDA 11.6");
        assertProfile(fake("Field \"compute_cap\" is not a valid field to query.", 2), "", "cannot report compute capability");
    }

    @Test
    void kitSetupRefusesForcedCudaOnAnUncoveredGpuNamingItAndWhatToDo() throws Exception {
        Path bin = fake("NVIDIA H100 80GB HBM3, 9.0, 550.54.15", 0);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Run r = run(List.of(java, "-cp", System.getProperty("java.class.path"), KitSetupMain.class.getName()),
                Map.of("PATH", bin + ":" + System.getenv("PATH"), CudaSupport.BACKEND_ENV, "cuda"));
        assertNotEquals(0, r.exit, r.out + r.err);
        assertTrue(r.err.contains("SIAMESE_KIT_BACKEND=cuda, but ND4J 1.0.0-M2.1's CUDA 11.6 build cannot run on"
                + " NVIDIA H100 80GB HBM3 (compute capability 9.0"), r.err);
        assertTrue(r.err.contains("What to do: build and run the kit for the CPU"), r.err);
    }

    private void assertProfile(Path fakeBin, String profile, String reason) throws Exception {
        Path root = DataManager.findRepoRoot(Path.of("").toAbsolutePath());
        // without a fake, a PATH that has java and bash but no nvidia-smi
        Path javaBin = Path.of(System.getProperty("java.home"), "bin");
        String path = (fakeBin != null ? fakeBin + ":" : "") + javaBin + ":/usr/bin:/bin";
        Run r = run(List.of("bash", "-c", "source scripts/common.sh && maven_profile_args"), Map.of("PATH", path), root);
        assertEquals(0, r.exit, r.err);
        assertEquals(profile, r.out.strip(), r.err);
        assertTrue(r.err.contains(reason), "expected \"" + reason + "\" in: " + r.err);
    }

    /** A folder holding a fake nvidia-smi that prints {@code output} and exits with {@code exit}. */
    private Path fake(String output, int exit) throws IOException {
        Path bin = Files.createTempDirectory(dir, "bin");
        Path smi = bin.resolve("nvidia-smi");
        Files.writeString(smi, "#!/bin/sh\ncat <<'EOF'\n" + output + "\nEOF\nexit " + exit + "\n");
        Files.setPosixFilePermissions(smi, PosixFilePermissions.fromString("rwxr-xr-x"));
        return bin;
    }

    private Run run(List<String> cmd, Map<String, String> env) throws Exception {
        return run(cmd, env, Path.of("").toAbsolutePath());
    }

    private Run run(List<String> cmd, Map<String, String> env, Path cwd) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
        pb.environment().remove(CudaSupport.BACKEND_ENV);
        pb.environment().putAll(env);
        Path err = Files.createTempFile(dir, "err", ".txt");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "finished");
        return new Run(p.exitValue(), out, Files.readString(err));
    }
}
