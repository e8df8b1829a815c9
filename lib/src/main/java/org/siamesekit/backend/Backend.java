package org.siamesekit.backend;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import org.bytedeco.javacpp.Loader;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/** The one description of the ND4J backend doing the arithmetic: CPU or CUDA, features, threads, devices. */
public final class Backend {
    private Backend() {}

    /** Whether ND4J runs on a GPU (the CUDA backend). */
    public static boolean onGpu() {
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        return String.valueOf(env.getOrDefault("backend", "")).equalsIgnoreCase("CUDA")
                || Nd4j.getBackend().getClass().getName().contains("jcublas");
    }

    /**
     * Where ND4J runs, e.g. "nd4j-native (oneDNN AVX2), 2 threads" or
     * "nd4j-cuda (cuDNN), NVIDIA A100-SXM4-40GB".
     */
    public static String describe() {
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        String build = buildInfo();
        List<String> features = new ArrayList<>();
        if (onGpu()) {
            if (build.contains("HAVE_CUDNN")) features.add("cuDNN");
            return "nd4j-cuda" + (features.isEmpty() ? "" : " (" + String.join(" ", features) + ")") + ", " + cudaDevices(env);
        }
        if (build.contains("HAVE_ONEDNN")) features.add("oneDNN");
        String ext = cpuLibraryExtension();
        if (ext.contains("avx512")) features.add("AVX512");
        else if (ext.contains("avx2")) features.add("AVX2");
        return "nd4j-native" + (features.isEmpty() ? "" : " (" + String.join(" ", features) + ")") + ", "
                + env.getOrDefault("omp.threads", Runtime.getRuntime().availableProcessors()) + " threads";
    }

    private static String buildInfo() {
        try {
            return NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
        } catch (RuntimeException | LinkageError e) {
            return "";
        }
    }

    /** The classifier of the loaded native CPU library, e.g. "onednn-avx2" (from its path), or "". */
    private static String cpuLibraryExtension() {
        try {
            String path = Loader.getLoadedLibraries().getOrDefault("nd4jcpu", "");
            String platform = Loader.getPlatform();
            int at = path.lastIndexOf("/" + platform);
            if (at < 0) return "";
            String dir = path.substring(at + 1, path.indexOf('/', at + 1));
            return dir.substring(platform.length()).toLowerCase(Locale.ROOT);
        } catch (RuntimeException | LinkageError e) {
            return "";
        }
    }

    private static String cudaDevices(Properties env) {
        Object info = env.get("cuda.devicesInformation");
        List<String> names = new ArrayList<>();
        if (info instanceof List<?> devices) {
            for (Object d : devices) {
                if (d instanceof Map<?, ?> m && m.get("cuda.deviceName") != null) names.add(String.valueOf(m.get("cuda.deviceName")));
            }
        }
        return names.isEmpty() ? "CUDA device" : String.join(", ", names);
    }

}
