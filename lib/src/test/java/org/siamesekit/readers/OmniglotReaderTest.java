package org.siamesekit.readers;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.siamesekit.data.LabelledImages;
import org.siamesekit.data.Omniglot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OmniglotReaderTest {
    @TempDir
    Path dir;

    /** A 1-bit PNG, white except a black square of side {@code ink} at the top-left corner offset by {@code shift}. */
    static byte[] png(int width, int height, int ink, int shift, int type) throws IOException {
        BufferedImage img = new BufferedImage(width, height, type);
        var g = img.createGraphics();
        g.setColor(java.awt.Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(java.awt.Color.BLACK);
        g.fillRect(shift, shift, ink, ink);
        g.dispose();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        ImageIO.write(img, "png", b);
        return b.toByteArray();
    }

    static byte[] png(int ink, int shift) throws IOException {
        return png(105, 105, ink, shift, BufferedImage.TYPE_BYTE_BINARY);
    }

    private Path zip(String name, Map<String, byte[]> entries) throws IOException {
        Path p = dir.resolve(name);
        try (ZipOutputStream z = new ZipOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(p)))) {
            for (var e : entries.entrySet()) {
                z.putNextEntry(new ZipEntry(e.getKey()));
                z.write(e.getValue());
                z.closeEntry();
            }
        }
        return p;
    }

    /** Two alphabets (given in reverse order), characters with 3 drawers each; ink square side = drawer. */
    private Map<String, byte[]> goodEntries() throws IOException {
        Map<String, byte[]> m = new LinkedHashMap<>();
        m.put("images_background/", new byte[0]);
        m.put("images_background/Zed/character10/0012_01.png", png(1, 0));
        m.put("images_background/Zed/character02/0011_01.png", png(1, 0));
        for (int d = 1; d <= 3; d++) {
            m.put(String.format("images_background/Alpha/character01/0001_%02d.png", d), png(d, 0));
            m.put(String.format("images_background/Alpha/character02/0002_%02d.png", d), png(d, 3));
        }
        m.put("__MACOSX/images_background/._x.png", new byte[] {1, 2});
        m.put("images_background/Alpha/.DS_Store", new byte[] {1});
        return m;
    }

    @Test
    void readsClassesGroupsAndInk() throws IOException {
        Path z = zip("images_background.zip", goodEntries());
        LabelledImages set = Omniglot.decode(OmniglotReader.index(z), 1);
        assertEquals(List.of("Alpha/character01", "Alpha/character02", "Zed/character02", "Zed/character10"), set.classNames());
        assertEquals("Alpha", set.groupOf(1));
        assertEquals("Zed", set.groupOf(3));
        assertArrayEquals(new int[] {0, 0, 0, 1, 1, 1, 2, 3}, set.labels());
        assertEquals(105, set.height());
        // ink is 1, paper 0: drawer d drew a d x d black square
        for (int d = 1; d <= 3; d++) assertEquals(d * d, set.image(d - 1).sumNumber().doubleValue(), 1e-6);
        assertEquals(1f, set.images().getFloat(0, 0, 0, 0));
        assertEquals(0f, set.images().getFloat(0, 0, 0, 1));
        assertEquals(1f, set.images().getFloat(3, 0, 3, 3));
        assertEquals(0f, set.images().getFloat(3, 0, 0, 0));

        OmniglotReader.Index index = OmniglotReader.index(z);
        assertEquals("images_background", index.root());
        assertEquals(List.of("Alpha", "Zed"), index.alphabets());
        assertEquals(8, index.imageCount());
    }

    @Test
    void downsamplesByBlockAveraging() throws IOException {
        Path z = zip("images_background.zip", goodEntries());
        LabelledImages small = Omniglot.decode(OmniglotReader.index(z), 3);
        assertEquals(35, small.height());
        assertEquals(35, small.width());
        // drawer 3 of Alpha/character01: a 3x3 square fills output pixel (0,0) exactly
        assertEquals(1f, small.images().getFloat(2, 0, 0, 0), 1e-6);
        assertEquals(0f, small.images().getFloat(2, 0, 0, 1), 1e-6);
        // drawer 2: 4 of 9 pixels
        assertEquals(4f / 9, small.images().getFloat(1, 0, 0, 0), 1e-6);
        // Alpha/character02 drawer 1 is a pixel at (3,3): output (1,1) holds 1/9
        assertEquals(1f / 9, small.images().getFloat(3, 0, 1, 1), 1e-6);
        assertEquals(52, Omniglot.decode(OmniglotReader.index(z), 2).width());
    }

    @Test
    void decodesGreyPngsLikeBinaryOnes() throws IOException {
        float[] binary = new float[105 * 105], grey = new float[105 * 105];
        OmniglotReader.decode(png(105, 105, 7, 11, BufferedImage.TYPE_BYTE_BINARY), "b", binary);
        OmniglotReader.decode(png(105, 105, 7, 11, BufferedImage.TYPE_BYTE_GRAY), "g", grey);
        assertArrayEquals(binary, grey);
        assertEquals(49, sum(binary), 1e-6);
        assertEquals(1f, binary[11 * 105 + 11]);
        assertEquals(1f, binary[17 * 105 + 17]);
        assertEquals(0f, binary[18 * 105 + 17]);
    }

    private static double sum(float[] a) {
        double s = 0;
        for (float v : a) s += v;
        return s;
    }

    private void fails(Map<String, byte[]> entries, String problem) throws IOException {
        Path z = zip("bad" + System.nanoTime() + ".zip", entries);
        MalformedFileException e = assertThrows(MalformedFileException.class, () -> Omniglot.decode(OmniglotReader.index(z), 1));
        assertTrue(e.getMessage().startsWith(z.toString()), e.getMessage());
        assertTrue(e.getMessage().contains(problem), "expected '" + problem + "' in: " + e.getMessage());
    }

    @Test
    void rejectsBadNames() throws IOException {
        Map<String, byte[]> m = goodEntries();
        m.put("images_background/Alpha/character01/readme.txt", new byte[1]);
        fails(m, ": unexpected entry 'images_background/Alpha/character01/readme.txt' (expected <root>/<Alphabet>/characterNN/CCCC_DD.png)");

        m = goodEntries();
        m.put("images_background/Alpha/char03/0003_01.png", png(1, 0));
        fails(m, "unexpected entry 'images_background/Alpha/char03/0003_01.png'");

        m = goodEntries();
        m.put("other_root/Alpha/character09/0009_01.png", png(1, 0));
        fails(m, "entry 'other_root/Alpha/character09/0009_01.png' is not under the same top folder 'images_background/'");

        m = goodEntries();
        m.put("images_background/Alpha/character01/0005_04.png", png(1, 0));
        fails(m, "has character number 0005 but the other files of Alpha/character01 have 0001");

        m = goodEntries();
        m.put("images_background/Beta/character01/0002_01.png", png(1, 0));
        fails(m, "character number 0002 is used by both");

        fails(Map.of("README", new byte[1]), "unexpected entry 'README'");
        fails(Map.of(), "no Omniglot images");
    }

    @Test
    void rejectsBadImages() throws IOException {
        Map<String, byte[]> m = goodEntries();
        m.put("images_background/Alpha/character01/0001_04.png", png(100, 105, 1, 0, BufferedImage.TYPE_BYTE_BINARY));
        fails(m, "!images_background/Alpha/character01/0001_04.png: image is 100x105, expected 105x105");

        m = goodEntries();
        m.put("images_background/Alpha/character01/0001_04.png", png(105, 105, 1, 0, BufferedImage.TYPE_INT_RGB));
        fails(m, "!images_background/Alpha/character01/0001_04.png: image has 3 channels, expected 1 (grey)");

        m = goodEntries();
        m.put("images_background/Alpha/character01/0001_04.png", "not a png".getBytes());
        fails(m, "!images_background/Alpha/character01/0001_04.png: not a readable PNG image");
    }

    @Test
    void rejectsNonZip() throws IOException {
        Path p = dir.resolve("images_background.zip");
        try (OutputStream o = Files.newOutputStream(p)) {
            o.write("this is not a zip".getBytes());
        }
        MalformedFileException e = assertThrows(MalformedFileException.class, () -> OmniglotReader.index(p));
        assertTrue(e.getMessage().startsWith(p + ": not a readable zip file"), e.getMessage());
    }
}
