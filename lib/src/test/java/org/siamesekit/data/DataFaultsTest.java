package org.siamesekit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 during a dataset copy, and a data folder that cannot be written: no
 * bad file under a real name, no leftovers after the next run, and a message
 * that says what to do.
 */
@Tag("faults")
class DataFaultsTest {
    @TempDir Path dir;

    @Test
    void killDuringACopyLeavesNoBadFileAndTheNextRunCleansUp() throws Exception {
        Path mirror = TestData.mirror();
        Path data = dir.resolve("data");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), CopyMain.class.getName(),
                data.toString(), mirror.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()));
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("Copying fashion-mnist/train-images")) { /* wait */ }
        assertTrue(line != null, "the child started the big copy");
        Thread.sleep(40);
        p.destroyForcibly();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));

        Path folder = data.resolve("fashion-mnist");
        List<Path> parts = parts(folder);
        DataManager dm = DataManager.builder(data).downloads(false).build();
        for (DataManager.FileStatus s : dm.status(Dataset.FASHION_MNIST)) {
            assertTrue(!s.present() || s.good(), "a file under a real name is good or absent: " + s);
        }
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        DataManager.builder(data).mirror(mirror).downloads(false).out(new PrintStream(said, true)).build()
                .ensure(Dataset.FASHION_MNIST);
        assertEquals(List.of(), parts(folder), "leftovers after the next run");
        assertTrue(parts.isEmpty() || said.toString().contains("Removed " + parts.size() + " leftover(s) of interrupted writes"),
                said.toString());
        System.out.println("kill -9 during a dataset copy: " + parts.size() + " leftover(s) removed by the next run");
        assertTrue(!parts.isEmpty(), "the kill landed inside the copy (else this test tests nothing)");
    }

    @Test
    void aDataFolderThatCannotBeWrittenSaysToSetSiameseKitData() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("file"), "x");
        Path mirror = TestData.mirror();
        DataException e = assertThrows(DataException.class, () -> DataManager.builder(notAFolder.resolve("data"))
                .mirror(mirror).downloads(false).out(new PrintStream(new ByteArrayOutputStream())).build()
                .ensure(Dataset.ORL_FACES));
        assertTrue(e.getMessage().contains("Cannot write in " + notAFolder.resolve("data"))
                && e.getMessage().contains("set SIAMESE_KIT_DATA to a folder you can write in"), e.getMessage());

        assumeFalse("root".equals(System.getProperty("user.name")), "root writes in read-only folders");
        Path ro = Files.createDirectories(dir.resolve("ro/orl_faces"));
        ro.toFile().setWritable(false, false);
        e = assertThrows(DataException.class, () -> DataManager.builder(dir.resolve("ro")).mirror(mirror)
                .downloads(false).out(new PrintStream(new ByteArrayOutputStream())).build().ensure(Dataset.ORL_FACES));
        assertTrue(e.getMessage().contains("set SIAMESE_KIT_DATA to a folder you can write in"), e.getMessage());
    }

    private static List<Path> parts(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) return List.of();
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(f -> f.getFileName().toString().endsWith(".part")).toList();
        }
    }
}
