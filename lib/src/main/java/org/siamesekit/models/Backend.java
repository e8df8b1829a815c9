package org.siamesekit.models;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.nd4j.linalg.factory.Nd4j;

/** A one-line description of the ND4J backend doing the arithmetic (CPU or CUDA, threads, devices). */
public final class Backend {
    private Backend() {}

    public static String describe() {
        Properties env = Nd4j.getExecutioner().getEnvironmentInformation();
        String kind = String.valueOf(env.getOrDefault("backend", "unknown"));
        String cls = Nd4j.getBackend().getClass().getSimpleName();
        StringBuilder sb = new StringBuilder(kind).append(" (").append(cls);
        if ("CPU".equalsIgnoreCase(kind)) {
            sb.append(", ").append(env.getOrDefault("cores", "?")).append(" cores, ")
                    .append(Nd4j.getEnvironment().maxThreads()).append(" threads, BLAS ")
                    .append(env.getOrDefault("blas.vendor", "?"));
        } else {
            Object devices = env.get("cuda.devicesInformation");
            if (devices instanceof List<?> list) {
                for (Object d : list) {
                    if (d instanceof Map<?, ?> m) {
                        sb.append(", ").append(m.get("cuda.deviceName"));
                        Object mem = m.get("cuda.totalMemory");
                        if (mem instanceof Number n) sb.append(String.format(" %.0f GiB", n.doubleValue() / (1L << 30)));
                    }
                }
            }
        }
        return sb.append(')').toString();
    }
}
