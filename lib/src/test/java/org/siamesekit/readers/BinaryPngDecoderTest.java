package org.siamesekit.readers;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The direct 1-bit PNG decoder must agree with ImageIO to the pixel, and be strict. */
class BinaryPngDecoderTest {
    private static final int S = OmniglotReader.SIZE;

    /** A random-ish binary image (blobs and noise, so the writer picks several row filters). */
    private static BufferedImage binaryImage(long seed) {
        Random r = new Random(seed);
        BufferedImage img = new BufferedImage(S, S, BufferedImage.TYPE_BYTE_BINARY);
        for (int y = 0; y < S; y++) {
            for (int x = 0; x < S; x++) {
                boolean ink = ((x / (3 + seed % 5)) + (y / 4)) % 3 == 0 ^ r.nextInt(10) == 0;
                img.getRaster().setSample(x, y, 0, ink ? 0 : 1);
            }
        }
        return img;
    }

    private static byte[] write(BufferedImage img, boolean interlaced) throws IOException {
        ImageWriter w = ImageIO.getImageWritersByFormatName("png").next();
        ImageWriteParam p = w.getDefaultWriteParam();
        if (interlaced) p.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(b)) {
            w.setOutput(out);
            w.write(null, new IIOImage(img, null, null), p);
        }
        w.dispose();
        return b.toByteArray();
    }

    private static float[] direct(byte[] png) {
        float[] ink = new float[S * S];
        assertTrue(BinaryPngDecoder.decode(png, "test.png", S, S, ink), "fast path taken");
        return ink;
    }

    private static float[] imageIO(byte[] png) {
        float[] ink = new float[S * S];
        OmniglotReader.decodeWithImageIO(png, "test.png", ink);
        return ink;
    }

    @Test
    void agreesWithImageIOOnCraftedImages() throws IOException {
        for (long seed = 0; seed < 20; seed++) {
            byte[] png = write(binaryImage(seed), false);
            float[] fast = direct(png);
            assertArrayEquals(imageIO(png), fast, "seed " + seed);
            for (float v : fast) assertTrue(v == 0f || v == 1f);
        }
    }

    @Test
    void agreesWithImageIOOnRealOmniglotImages() throws IOException {
        Path root = org.siamesekit.data.DataManager.findRepoRoot(Path.of("").toAbsolutePath());
        Path zip = root == null ? null : root.resolve("../shared/datasets/omniglot/images_evaluation.zip").normalize();
        Assumptions.assumeTrue(zip != null && Files.isRegularFile(zip), "no Omniglot copy");
        int compared = 0;
        try (ZipFile z = new ZipFile(zip.toFile())) {
            int i = 0;
            for (ZipEntry e : java.util.Collections.list(z.entries())) {
                if (e.isDirectory() || i++ % 10 != 0) continue;
                byte[] png;
                try (InputStream in = z.getInputStream(e)) {
                    png = in.readAllBytes();
                }
                assertArrayEquals(imageIO(png), direct(png), e.getName());
                compared++;
            }
        }
        assertEquals(1318, compared);
    }

    @Test
    void leavesOtherFlavoursToImageIO() throws IOException {
        float[] ink = new float[S * S];
        byte[] interlaced = write(binaryImage(3), true);
        assertFalse(BinaryPngDecoder.decode(interlaced, "i.png", S, S, ink));
        BufferedImage grey = new BufferedImage(S, S, BufferedImage.TYPE_BYTE_GRAY);
        assertFalse(BinaryPngDecoder.decode(write(grey, false), "g.png", S, S, ink));
        assertFalse(BinaryPngDecoder.decode(write(binaryImage(1), false), "small.png", 50, 50, ink));
        assertFalse(BinaryPngDecoder.decode("GIF89a and more bytes to be long enough".getBytes(), "x.gif", S, S, ink));
        // and the public entry point still reads the interlaced one correctly
        float[] viaReader = new float[S * S];
        OmniglotReader.decode(interlaced, "i.png", viaReader);
        assertArrayEquals(imageIO(write(binaryImage(3), false)), viaReader);
    }

    @Test
    void rejectsDamagedFiles() throws IOException {
        byte[] png = write(binaryImage(7), false);
        float[] ink = new float[S * S];

        byte[] flipped = png.clone();
        flipped[png.length - 20] ^= 0x55; // inside the IDAT data: its CRC no longer matches
        MalformedFileException e = assertThrows(MalformedFileException.class,
                () -> BinaryPngDecoder.decode(flipped, "flip.png", S, S, ink));
        assertEquals("flip.png: corrupt PNG: CRC mismatch in chunk IDAT", e.getMessage());

        byte[] cut = Arrays.copyOf(png, png.length - 30);
        MalformedFileException e2 = assertThrows(MalformedFileException.class,
                () -> BinaryPngDecoder.decode(cut, "cut.png", S, S, ink));
        assertTrue(e2.getMessage().startsWith("cut.png: truncated PNG"), e2.getMessage());
    }
}
