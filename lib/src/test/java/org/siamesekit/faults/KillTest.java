package org.siamesekit.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siamesekit.models.SiameseModel;

/**
 * kill -9 while a model is being saved over an existing file: the file under
 * the real name stays a good model, and the next load removes the leftover.
 */
@Tag("faults")
class KillTest {
    @TempDir Path dir;

    @Test
    void killDuringSaveLeavesAGoodFileAndNoLeftoversAfterTheNextRun() throws Exception {
        Path target = dir.resolve("big.model");
        int leftovers = 0;
        long[] delaysMs = {30, 90, 170};
        for (long delay : delaysMs) {
            Process p = child(SaveLoop.class, target.toString());
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()));
            String line = out.readLine(); // the first save is complete: now kill one of the next ones
            assertTrue(line != null && line.startsWith("saved"), "the child saved once: " + line);
            Thread.sleep(delay);
            p.destroyForcibly(); // SIGKILL
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            List<Path> parts = parts();
            leftovers += parts.size();
            SiameseModel.load(target); // a whole model, the old or the new one; the load sweeps leftovers
            assertEquals(List.of(), parts(), "leftovers after the next run");
        }
        System.out.println("kill -9 during save: " + leftovers + " leftover(s) found and removed over " + delaysMs.length + " kills");
        assertTrue(leftovers > 0, "at least one kill landed inside a write (else this test tests nothing)");
    }

    private List<Path> parts() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".part")).toList();
        }
    }

    static Process child(Class<?> main, String... args) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new java.util.ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }
}
