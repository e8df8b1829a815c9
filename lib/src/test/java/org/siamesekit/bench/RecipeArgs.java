package org.siamesekit.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The key=value arguments of the recipe benchmarks, and the file each appends its result line to. */
final class RecipeArgs {
    private RecipeArgs() {}

    /** The arguments as a map; an argument without '=' or with a key not in {@code keys} is an error that lists the keys. */
    static Map<String, String> parse(String[] args, Set<String> keys) {
        Map<String, String> o = new HashMap<>();
        for (String a : args) {
            String[] kv = a.split("=", 2);
            if (kv.length != 2 || !keys.contains(kv[0])) throw new IllegalArgumentException("unknown argument '" + a + "'; keys: " + keys);
            o.put(kv[0], kv[1]);
        }
        return o;
    }

    /** The 1-minute load average, printed with each result: a busy machine makes the minutes mean less. */
    static String load() throws IOException {
        return Files.readString(Paths.get("/proc/loadavg")).split(" ")[0];
    }

    /** Prints the line and appends it to build/bench/{@code name}. */
    static void record(String line, String name) throws IOException {
        System.out.println(line);
        Path out = Paths.get("build/bench", name);
        Files.createDirectories(out.getParent());
        Files.writeString(out, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
