package org.siamesekit.gallery;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.siamesekit.evaluation.Embeddings;
import org.siamesekit.evaluation.ScoredPairs;
import org.siamesekit.models.Activation;
import org.siamesekit.models.EmbeddingNet;
import org.siamesekit.models.SiameseModel;
import org.siamesekit.readers.MalformedFileException;

import static org.junit.jupiter.api.Assertions.*;

class FaceGalleryTest {
    @TempDir Path dir;

    /** A gallery of 4×3 images whose "embedding" is the raw pixels (12 numbers). */
    private static FaceGallery pixelGallery() {
        return new FaceGallery(Embeddings::pixels, 4, 3, 12, "pixels-4x3");
    }

    /** A 4×3 image with every pixel = v, plus a small bump at pixel k so images differ in shape too. */
    private static INDArray image(double v, int k) {
        INDArray x = Nd4j.valueArrayOf(new long[] {1, 1, 4, 3}, v, DataType.FLOAT);
        x.putScalar(new long[] {0, 0, k / 3, k % 3}, v + 0.05);
        return x;
    }

    private static FaceGallery threePeople() {
        FaceGallery g = pixelGallery();
        g.enrol("ada", image(0.1, 0));
        g.enrol("bob", image(0.5, 1));
        g.enrol("cy", image(0.9, 2));
        return g;
    }

    @Test
    void identifyRanksByDistanceAndDecidesByThreshold() {
        FaceGallery g = threePeople();
        List<Match> m = g.identify(image(0.45, 1), 3);
        assertEquals(List.of("bob", "ada", "cy"), m.stream().map(Match::name).toList());
        assertEquals(1, m.get(0).rank());
        assertEquals(Math.sqrt(12) * 0.05, m.get(0).distance(), 1e-5);
        assertTrue(m.get(0).distance() < m.get(1).distance() && m.get(1).distance() <= m.get(2).distance());
        assertEquals(2, g.identify(image(0.45, 1), 2).size());
        assertEquals(3, g.identify(image(0.45, 1), 10).size(), "k beyond the gallery gives everyone");

        assertTrue(g.decide(image(0.45, 1), 0.2).accepted());
        assertEquals("bob", g.decide(image(0.45, 1), 0.2).name());
        Decision far = g.decide(image(0.3, 1), 0.2); // 0.2 from ada and from bob: a stranger
        assertFalse(far.accepted());
        assertNull(far.name());
        assertTrue(g.verify("bob", image(0.45, 1), 0.2));
        assertFalse(g.verify("cy", image(0.45, 1), 0.2));
    }

    @Test
    void topKAccuracyAndOpenSetScores() {
        FaceGallery g = threePeople();
        INDArray probes = Nd4j.concat(0, image(0.12, 3), image(0.6, 4), image(0.3, 5));
        List<List<Match>> ranked = g.identifyAll(probes, 3);
        // probe 2 is closer to bob than to its true name "ada"
        List<String> truth = List.of("ada", "bob", "ada");
        assertEquals(2.0 / 3, FaceGallery.topKAccuracy(ranked, truth, 1), 1e-12);
        assertEquals(1.0, FaceGallery.topKAccuracy(ranked, truth, 2), 1e-12);

        ScoredPairs s = g.openSetScores(Nd4j.concat(0, image(0.12, 3), image(0.7, 4)), List.of("ada", "dora"));
        // ada: one genuine (nearest overall = ada) and one impostor (nearest without ada = bob); dora: impostor only
        assertEquals(1, s.genuineCount());
        assertEquals(2, s.impostorCount());
        double[] d = Embeddings.distances(Nd4j.concat(0, image(0.12, 3), image(0.7, 4)).reshape(2, 12), g.embeddings()).ravel().toDoubleVector();
        assertEquals(d[0], s.genuineScores()[0], 1e-6);
        assertEquals(d[1], s.impostorScores()[0], 1e-6);
        assertEquals(Math.min(d[3], Math.min(d[4], d[5])), s.impostorScores()[1], 1e-6);
    }

    @Test
    void roundTripKeepsNamesOrderAndExactEmbeddings() throws Exception {
        FaceGallery g = threePeople();
        g.enrol("Dr. Ünal O'Neil", image(0.3333333, 7));
        Path f = g.save(dir.resolve("people.gallery"));
        FaceGallery back = FaceGallery.load(f, pixelGallery());
        assertEquals(g.names(), back.names());
        assertEquals(g.embeddings(), back.embeddings());
        assertEquals(g.identify(image(0.45, 1), 4), back.identify(image(0.45, 1), 4));
        assertTrue(Files.readString(f).startsWith("siamese-kit-gallery v1\nembedding-size 12\nimage-size 4 3\nmodel pixels-4x3\nentries 4\n"));
        assertEquals(List.of("people.gallery"), list(dir), "no temporary file left behind");

        Path empty = pixelGallery().save(dir.resolve("empty.gallery"));
        assertEquals(0, FaceGallery.load(empty, pixelGallery()).size());
    }

    @Test
    void neverOverwritesUnlessAsked() throws Exception {
        FaceGallery g = threePeople();
        Path f = dir.resolve("g.gallery");
        Files.writeString(f, "precious");
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> g.save(f));
        assertInstanceOf(FileAlreadyExistsException.class, e.getCause());
        assertTrue(e.getMessage().contains(f.toString()), e.getMessage());
        assertEquals("precious", Files.readString(f));
        g.save(f, true);
        assertEquals(3, FaceGallery.load(f, pixelGallery()).size());
        assertEquals(List.of("g.gallery"), list(dir));
    }

    @Test
    void badFilesGiveErrorsNamingTheFile() throws Exception {
        Path good = threePeople().save(dir.resolve("good.gallery"));
        List<String> lines = Files.readAllLines(good);
        String text = Files.readString(good);

        assertBad("magic.gallery", "P5\n92 112\n255\n", "not a Siamese kit gallery");
        assertBad("binary.gallery", new String(new byte[] {0, (byte) 0xff, 3}, StandardCharsets.ISO_8859_1), "not a Siamese kit gallery");
        assertBad("version.gallery", text.replace("siamese-kit-gallery v1", "siamese-kit-gallery v2"), "version 2 is not supported");
        assertBad("short.gallery", String.join("\n", lines.subList(0, 6)) + "\n", "truncated: the header announces 3 entries but the file holds 1");
        assertBad("header.gallery", String.join("\n", lines.subList(0, 3)) + "\n", "truncated: the header ends before 'model'");
        assertBad("cut.gallery", text.substring(0, text.length() - 20), "line 8: 'cy' has");
        assertBad("nan.gallery", text.replace("bob\t0.5", "bob\tzero"), "line 7: 'zero' is not a number");
        assertBad("size.gallery", text.replace("embedding-size 12", "embedding-size 13"), "holds embeddings of size 13 for 4×3 images");
        assertBad("model.gallery", text.replace("model pixels-4x3", "model 0123abcd"), "was enrolled with model 0123abcd but this model is pixels-4x3");
        assertBad("twice.gallery", text.replace("\ncy\t", "\nada\t"), "'ada' is enrolled twice");
        assertBad("extra.gallery", text + "zed\t1 2\n", "more than the 3 entries");

        UncheckedIOException missing = assertThrows(UncheckedIOException.class, () -> FaceGallery.load(dir.resolve("none.gallery"), pixelGallery()));
        assertTrue(missing.getMessage().contains("none.gallery"), missing.getMessage());
    }

    private void assertBad(String name, String content, String expected) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, content, StandardCharsets.ISO_8859_1);
        MalformedFileException e = assertThrows(MalformedFileException.class, () -> FaceGallery.load(f, pixelGallery()), name);
        assertTrue(e.getMessage().startsWith(f.toAbsolutePath().toString() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(expected), name + ": " + e.getMessage());
    }

    @Test
    void wrongImagesAndNamesAreRefusedClearly() {
        FaceGallery g = new FaceGallery(Embeddings::pixels, 56, 46, 56 * 46, "pixels");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> g.enrol("mnist", Nd4j.zeros(DataType.FLOAT, 1, 1, 28, 28)));
        assertTrue(e.getMessage().contains("28×28") && e.getMessage().contains("56×46"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> g.enrol("rgb", Nd4j.zeros(DataType.FLOAT, 1, 3, 56, 46)));
        assertTrue(e.getMessage().contains("[1, 3, 56, 46]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> g.enrol("two", Nd4j.zeros(DataType.FLOAT, 2, 1, 56, 46)));
        assertTrue(e.getMessage().contains("one photo"), e.getMessage());
        g.enrol("plain 2-d", Nd4j.zeros(DataType.DOUBLE, 56, 46)); // [h, w] and doubles are fine
        e = assertThrows(IllegalArgumentException.class, () -> g.enrol("plain 2-d", Nd4j.zeros(DataType.FLOAT, 56, 46)));
        assertTrue(e.getMessage().contains("already enrolled"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> g.enrol("tab\there", Nd4j.zeros(DataType.FLOAT, 56, 46)));
        assertThrows(IllegalArgumentException.class, () -> g.enrol(" ", Nd4j.zeros(DataType.FLOAT, 56, 46)));
        assertThrows(IllegalStateException.class, () -> pixelGallery().identify(image(0.1, 0), 1), "empty gallery");
    }

    @Test
    void modelGalleriesCheckTheFingerprint() {
        EmbeddingNet net = EmbeddingNet.input(1, 6, 5).flatten().dense(4, Activation.RELU);
        SiameseModel a = SiameseModel.contrastive(net, 1.0, 1), same = SiameseModel.contrastive(net, 1.0, 1), other = SiameseModel.contrastive(net, 1.0, 2);
        assertEquals(FaceGallery.fingerprint(a), FaceGallery.fingerprint(same));
        assertNotEquals(FaceGallery.fingerprint(a), FaceGallery.fingerprint(other));

        FaceGallery g = FaceGallery.forModel(a);
        g.enrol("x", Nd4j.rand(DataType.FLOAT, 1, 1, 6, 5));
        Path f = g.save(dir.resolve("m.gallery"));
        assertEquals(g.embeddings(), FaceGallery.load(f, same).embeddings());
        MalformedFileException e = assertThrows(MalformedFileException.class, () -> FaceGallery.load(f, other));
        assertTrue(e.getMessage().contains("enrol the people again"), e.getMessage());
    }

    private static List<String> list(Path dir) throws Exception {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
