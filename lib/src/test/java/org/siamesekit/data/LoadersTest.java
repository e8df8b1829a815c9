package org.siamesekit.data;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.siamesekit.readers.MalformedFileException;
import org.siamesekit.readers.OmniglotReader;
import org.siamesekit.readers.PgmReader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dataset loaders on the real (mirrored) files and on damaged copies of them. */
class LoadersTest {
    @TempDir
    Path tmp;

    private DataManager fromMirror() {
        return DataManager.builder(tmp.resolve("data")).mirror(TestData.mirror()).debianRoot(null).downloads(false)
                .out(new java.io.PrintStream(OutputStream.nullOutputStream())).build();
    }

    /** A copy of a zip with entries dropped, renamed or replaced. */
    private Path rewriteZip(Path src, String name, Predicate<String> keep, UnaryOperator<String> rename,
                            String extraName, byte[] extra) throws IOException {
        return rewriteZip(src, name, keep, rename, extraName, extra, true);
    }

    /** As above; without {@code contents} the entries are left empty (enough for name checks, and quick). */
    private Path rewriteZip(Path src, String name, Predicate<String> keep, UnaryOperator<String> rename,
                            String extraName, byte[] extra, boolean contents) throws IOException {
        Path out = tmp.resolve(name);
        try (ZipFile in = new ZipFile(src.toFile()); ZipOutputStream z = new ZipOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(out)))) {
            z.setLevel(1);
            for (ZipEntry e : java.util.Collections.list(in.entries())) {
                if (e.isDirectory() || !keep.test(e.getName())) continue;
                ZipEntry copy = new ZipEntry(rename.apply(e.getName()));
                if (!contents) { // stored empty: no deflater per entry, much quicker for 13,000 entries
                    copy.setMethod(ZipEntry.STORED);
                    copy.setSize(0);
                    copy.setCompressedSize(0);
                    copy.setCrc(0);
                }
                z.putNextEntry(copy);
                if (contents) {
                    try (InputStream s = in.getInputStream(e)) {
                        s.transferTo(z);
                    }
                }
                z.closeEntry();
            }
            if (extraName != null) {
                z.putNextEntry(new ZipEntry(extraName));
                z.write(extra);
                z.closeEntry();
            }
        }
        return out;
    }

    private static void assertProblem(Path file, String problem, org.junit.jupiter.api.function.Executable ex) {
        MalformedFileException e = assertThrows(MalformedFileException.class, ex);
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(problem), "expected '" + problem + "' in: " + e.getMessage());
    }

    @Test
    void orlFacesFullAndHalfResolution() throws IOException {
        DataManager dm = fromMirror();
        LabelledImages full = OrlFaces.load(dm, 1);
        assertEquals(400, full.size());
        assertEquals(112, full.height());
        assertEquals(92, full.width());
        assertEquals(40, full.numClasses());
        assertEquals("s1", full.className(0));
        assertEquals("s40", full.className(39));
        assertEquals(10, full.indicesOf(17).length);
        assertEquals(17, full.label(175));

        // image 13 is s2/4.pgm; compare with the PGM read directly
        Path zip = dm.path(Dataset.ORL_FACES.files().get(0));
        float[] direct;
        try (ZipFile z = new ZipFile(zip.toFile()); InputStream in = z.getInputStream(z.getEntry("orl_faces/s2/4.pgm"))) {
            direct = PgmReader.read(in, "s2/4.pgm").toFloats();
        }
        INDArray img = full.image(13);
        assertEquals(direct[5 * 92 + 7], img.getFloat(0, 0, 5, 7), 0);
        assertEquals(direct[111 * 92 + 91], img.getFloat(0, 0, 111, 91), 0);

        LabelledImages half = OrlFaces.load(dm, 2);
        assertEquals(56, half.height());
        assertEquals(46, half.width());
        float mean = (direct[10 * 92 + 20] + direct[10 * 92 + 21] + direct[11 * 92 + 20] + direct[11 * 92 + 21]) / 4;
        assertEquals(mean, half.image(13).getFloat(0, 0, 5, 10), 1e-6);
    }

    @Test
    void orlFacesStructureErrors() throws IOException {
        Path good = TestData.mirrored(Dataset.ORL_FACES, 0);
        Path missing = rewriteZip(good, "missing.zip", n -> !n.equals("orl_faces/s7/3.pgm"), n -> n, null, null);
        assertProblem(missing, "expected 40 people x 10 photos; missing [s7/3.pgm]", () -> OrlFaces.read(missing, 1));

        Path extra = rewriteZip(good, "extra.zip", n -> true, n -> n, "orl_faces/s41/1.pgm", new byte[1]);
        assertProblem(extra, "unexpected entry 'orl_faces/s41/1.pgm': people are s1..s40", () -> OrlFaces.index(extra));

        Path junk = rewriteZip(good, "junk.zip", n -> true, n -> n, "orl_faces/notes.txt", new byte[1]);
        assertProblem(junk, "unexpected entry 'orl_faces/notes.txt'", () -> OrlFaces.index(junk));

        byte[] small = "P5 10 10 255\n".getBytes(StandardCharsets.US_ASCII);
        byte[] smallPgm = java.util.Arrays.copyOf(small, small.length + 100);
        Path wrongSize = rewriteZip(good, "size.zip", n -> !n.equals("orl_faces/s3/1.pgm"), n -> n, "orl_faces/s3/1.pgm", smallPgm);
        assertProblem(wrongSize, "!orl_faces/s3/1.pgm: image is 10x10 (width x height), expected 92x112",
                () -> OrlFaces.read(wrongSize, 1));

        Path truncated = rewriteZip(good, "trunc.zip", n -> !n.equals("orl_faces/s3/1.pgm"), n -> n, "orl_faces/s3/1.pgm", small);
        assertProblem(truncated, "!orl_faces/s3/1.pgm: truncated pixel data", () -> OrlFaces.read(truncated, 1));
    }

    @Test
    void fashionMnistTestSplit() {
        LabelledImages test = FashionMnist.load(fromMirror(), FashionMnist.Split.TEST);
        assertEquals(10_000, test.size());
        assertEquals(28, test.height());
        assertEquals(FashionMnist.CLASS_NAMES, test.classNames());
        assertEquals("Ankle boot", test.className(test.label(0))); // the first test image is an ankle boot
        for (int c = 0; c < 10; c++) assertEquals(1000, test.indicesOf(c).length);
        double max = test.images().maxNumber().doubleValue(), min = test.images().minNumber().doubleValue();
        assertEquals(1.0, max, 1e-6);
        assertEquals(0.0, min, 1e-6);
    }

    @Test
    void fashionMnistBadLabel() throws IOException {
        Path images = tmp.resolve("im.gz"), labels = tmp.resolve("lb.gz");
        writeIdx(images, 2051, new int[] {2, 28, 28}, new byte[2 * 28 * 28]);
        writeIdx(labels, 2049, new int[] {2}, new byte[] {3, 10});
        assertProblem(labels, "label 10 of image 1 is not a class (0..9)", () -> FashionMnist.read(images, labels));
        writeIdx(images, 2051, new int[] {2, 28, 27}, new byte[2 * 28 * 27]);
        assertProblem(images, "images are 28x27, expected 28x28", () -> FashionMnist.read(images, labels));
    }

    private static void writeIdx(Path p, int magic, int[] dims, byte[] data) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeInt(magic);
        for (int x : dims) d.writeInt(x);
        d.write(data);
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(p))) {
            o.write(b.toByteArray());
        }
    }

    @Test
    void omniglotStructureOfBothSets() {
        OmniglotReader.Index bg = Omniglot.checkStructure(TestData.mirrored(Dataset.OMNIGLOT_BACKGROUND, 0), Omniglot.Split.BACKGROUND);
        assertEquals(30, bg.alphabets().size());
        assertEquals(964, bg.characters().size());
        assertEquals(19_280, bg.imageCount());
        OmniglotReader.Index ev = Omniglot.checkStructure(TestData.mirrored(Dataset.OMNIGLOT_EVALUATION, 0), Omniglot.Split.EVALUATION);
        assertEquals(20, ev.alphabets().size());
        assertEquals(659, ev.characters().size());
        assertEquals(13_180, ev.imageCount());
        Path bgZip = TestData.mirrored(Dataset.OMNIGLOT_BACKGROUND, 0);
        assertProblem(bgZip, "top folder is 'images_background/', expected 'images_evaluation/'",
                () -> Omniglot.checkStructure(bgZip, Omniglot.Split.EVALUATION));
    }

    @Test
    void omniglotEvaluationLoadsDownsampled() {
        LabelledImages ev = Omniglot.load(fromMirror(), Omniglot.Split.EVALUATION, 3);
        assertEquals(13_180, ev.size());
        assertEquals(35, ev.height());
        assertEquals(659, ev.numClasses());
        assertEquals("Angelic/character01", ev.className(0));
        assertEquals("Angelic", ev.groupOf(0));
        assertEquals("ULOG", ev.groupOf(658));
        assertEquals(20, ev.indicesOf(658).length);
        // strokes are thin: ink (1) is a small fraction, and every image has some
        double mean = ev.images().meanNumber().doubleValue();
        assertTrue(mean > 0.02 && mean < 0.2, "mean ink " + mean);
        INDArray perImage = ev.images().sum(1, 2, 3);
        assertTrue(perImage.minNumber().doubleValue() > 0);
    }

    @Test
    void omniglotStructureErrors() throws IOException {
        Path ev = TestData.mirrored(Dataset.OMNIGLOT_EVALUATION, 0);
        Path noDrawer = rewriteZip(ev, "drawer.zip", n -> !n.endsWith("/Keble/character03/1276_07.png")
                && !n.matches(".*/Keble/character03/\\d{4}_07\\.png"), n -> n, null, null, false);
        assertProblem(noDrawer, "Keble/character03 has drawers [01, 02, 03, 04, 05, 06, 08",
                () -> Omniglot.checkStructure(noDrawer, Omniglot.Split.EVALUATION));

        Path noAlphabet = rewriteZip(ev, "alphabet.zip", n -> !n.contains("/Tengwar/"), n -> n, null, null, false);
        assertProblem(noAlphabet, "19 alphabets, expected the 20 of the evaluation set; missing [Tengwar]",
                () -> Omniglot.checkStructure(noAlphabet, Omniglot.Split.EVALUATION));

        Path renamed = rewriteZip(ev, "renamed.zip", n -> true, n -> n.replace("images_evaluation/", "images_background/"), null, null, false);
        assertProblem(renamed, "top folder is 'images_background/', expected 'images_evaluation/'",
                () -> Omniglot.checkStructure(renamed, Omniglot.Split.EVALUATION));
    }
}
