package org.siamesekit.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.siamesekit.models.Activation;
import org.siamesekit.models.EmbeddingNet;
import org.siamesekit.models.ModelFileException;
import org.siamesekit.models.SiameseModel;
import org.siamesekit.optim.Optimizer;
import org.siamesekit.optim.TrainingHistory;
import org.siamesekit.optim.TrainingState;

/**
 * Damaged model files: every single-bit flip and every truncation of a small
 * saved model either loads the very same values or fails with the kit's
 * {@link ModelFileException} naming the file; hand-made entries (big-endian
 * arrays, short data, unreadable numbers) are refused with their entry named.
 */
@Tag("faults")
class ModelFaultsTest {
    static SiameseModel model;
    static byte[] saved;
    @TempDir static Path dir;

    @BeforeAll
    static void saveATinyTrainedModel() throws IOException {
        Nd4j.getRandom().setSeed(3);
        model = SiameseModel.koch(EmbeddingNet.input(1, 3, 3).flatten().dense(4, Activation.SIGMOID), 7);
        model.parameters().values().forEach(p -> p.addi(0.25));
        TrainingState st = new TrainingState(Optimizer.adam(0.01), model.parameters());
        st.updaterState().values().forEach(a -> a.assign(Nd4j.rand(DataType.FLOAT, a.shape())));
        st.history().add(new TrainingHistory.Row(1, 3, 0.5, 0.6, Double.NaN, 1.0));
        model.setTrainingState(new TrainingState(Optimizer.adam(0.01), model.parameters(), st.updaterState(), 3, 1, st.history()));
        Path file = dir.resolve("tiny.model");
        model.save(file);
        saved = Files.readAllBytes(file);
    }

    @Test
    void everySingleBitFlipLoadsTheSameValuesOrFailsWithTheKitsMessage() throws IOException {
        Path copy = dir.resolve("flipped.model");
        int loaded = 0, refused = 0;
        long t0 = System.nanoTime();
        for (int pos = 0; pos < saved.length; pos++) {
            byte[] b = saved.clone();
            b[pos] ^= (byte) (1 << (pos % 8));
            Files.write(copy, b);
            SiameseModel back;
            try {
                back = SiameseModel.load(copy);
            } catch (ModelFileException e) {
                assertTrue(e.getMessage().startsWith(copy.toAbsolutePath().toString()), e.getMessage());
                refused++;
                continue;
            } catch (RuntimeException e) {
                throw new AssertionError("byte " + pos + ": not the kit's message: " + e, e);
            }
            loaded++;
            assertSameValues(back, "byte " + pos);
        }
        System.out.printf("bit flips over %d bytes: %d loaded the same values, %d refused (%.1f s)%n",
                saved.length, loaded, refused, (System.nanoTime() - t0) / 1e9);
        assertTrue(refused > saved.length / 2, "most flips hit checked bytes");
    }

    @Test
    void everyTruncationIsRefused() throws IOException {
        Path copy = dir.resolve("short.model");
        for (int len = 0; len < saved.length; len++) {
            Files.write(copy, java.util.Arrays.copyOf(saved, len));
            ModelFileException e = assertThrows(ModelFileException.class, () -> SiameseModel.load(copy), "length " + len);
            assertTrue(e.getMessage().contains("short.model"), e.getMessage());
        }
    }

    @Test
    void aBigEndianArrayIsRefusedBeforeNd4jSeesIt() throws IOException {
        Path f = rewrite("bigendian.model", "params/head_W.npy", npy -> {
            String h = new String(npy, StandardCharsets.ISO_8859_1);
            return h.replace("'<f4'", "'>f4'").getBytes(StandardCharsets.ISO_8859_1);
        });
        ModelFileException e = assertThrows(ModelFileException.class, () -> SiameseModel.load(f));
        assertEquals("params/head_W.npy", e.entry());
        assertTrue(e.getMessage().contains("big-endian") && e.getMessage().contains("bigendian.model"), e.getMessage());
    }

    @Test
    void anArrayEightBytesShortIsRefused() throws IOException {
        Path f = rewrite("short-array.model", "params/head_W.npy", npy -> java.util.Arrays.copyOf(npy, npy.length - 8));
        ModelFileException e = assertThrows(ModelFileException.class, () -> SiameseModel.load(f));
        assertTrue(e.getMessage().contains("params/head_W.npy") && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void anUnreadableNumberOrSpecNamesFileEntryAndKey() throws IOException {
        Path seed = rewrite("seed.model", "model.properties", p -> text(p).replaceAll("seed=\\d+", "seed=abc").getBytes());
        ModelFileException e = assertThrows(ModelFileException.class, () -> SiameseModel.load(seed));
        assertTrue(e.getMessage().contains("seed.model, entry model.properties: \"seed\" = \"abc\""), e.getMessage());

        Path net = rewrite("net.model", "model.properties", p -> text(p).replaceAll("net=.*", "net=input(1, 3").getBytes());
        e = assertThrows(ModelFileException.class, () -> SiameseModel.load(net));
        assertTrue(e.getMessage().contains("net.model, entry model.properties: \"net\""), e.getMessage());
    }

    @Test
    void anEntryChangedAfterSavingFailsItsManifestCheck() throws IOException {
        Path f = dir.resolve("edited.model");
        // changed with its CRC-32 made right again, as a zip tool would: only the manifest can tell
        writeZip(f, entries(saved), "history.csv", csv -> (text(csv) + "\n").getBytes());
        ModelFileException e = assertThrows(ModelFileException.class, () -> SiameseModel.load(f));
        assertTrue(e.getMessage().contains("entry history.csv: SHA-256"), e.getMessage());
    }

    @Test
    void aModelSavedBeforeManifestsStillLoads() throws IOException {
        Map<String, byte[]> old = entries(saved);
        old.remove("SHA256SUMS");
        old.put("model.properties", text(old.get("model.properties")).replaceAll("integrity=.*\\n", "").getBytes());
        Path f = dir.resolve("old.model");
        writeZip(f, old, null, null);
        assertSameValues(SiameseModel.load(f), "old format");
    }

    private static void assertSameValues(SiameseModel back, String what) {
        for (Map.Entry<String, INDArray> e : model.parameters().entrySet()) {
            assertEquals(e.getValue(), back.parameters().get(e.getKey()), what + ": parameter " + e.getKey());
        }
        assertEquals(model.trainingState().updaterState(), back.trainingState().updaterState(), what + ": updater state");
        assertEquals(model.trainingState().iteration(), back.trainingState().iteration(), what);
        assertEquals(model.trainingState().history().rows(), back.trainingState().history().rows(), what);
        assertEquals(model.net(), back.net(), what);
        assertEquals(model.head(), back.head(), what);
    }

    /** The saved model with one entry changed and the manifest made to match (a hand-made file). */
    private static Path rewrite(String name, String entry, UnaryOperator<byte[]> change) throws IOException {
        Map<String, byte[]> es = entries(saved);
        es.put(entry, change.apply(es.get(entry)));
        StringBuilder m = new StringBuilder();
        for (var e : es.entrySet()) if (!e.getKey().equals("SHA256SUMS")) m.append(sha256(e.getValue())).append("  ").append(e.getKey()).append('\n');
        es.put("SHA256SUMS", m.toString().getBytes(StandardCharsets.UTF_8));
        Path f = dir.resolve(name);
        writeZip(f, es, null, null);
        return f;
    }

    private static Map<String, byte[]> entries(byte[] zipBytes) throws IOException {
        Path tmp = Files.createTempFile(dir, "entries", ".zip");
        Files.write(tmp, zipBytes);
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipFile z = new ZipFile(tmp.toFile())) {
            for (ZipEntry e : java.util.Collections.list(z.entries())) out.put(e.getName(), z.getInputStream(e).readAllBytes());
        }
        Files.delete(tmp);
        return out;
    }

    private static void writeZip(Path f, Map<String, byte[]> es, String change, UnaryOperator<byte[]> how) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(buf)) {
            for (var e : es.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getKey().equals(change) ? how.apply(e.getValue()) : e.getValue());
                z.closeEntry();
            }
        }
        Files.write(f, buf.toByteArray());
    }

    private static String text(byte[] b) { return new String(b, StandardCharsets.UTF_8); }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
