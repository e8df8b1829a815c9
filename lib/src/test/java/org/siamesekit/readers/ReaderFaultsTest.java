package org.siamesekit.readers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile data files: each is refused before a large allocation, with a message naming the file. */
@Tag("faults")
class ReaderFaultsTest {
    @TempDir Path dir;

    @Test
    void aSmallIdxFileDeclaringTwoGigabytesIsRefusedWithoutAllocating() throws IOException {
        Path f = dir.resolve("huge-images-idx3-ubyte");
        byte[] b = header(0x803, 32768, 256, 256); // 2 GiB of pixels declared
        Files.write(f, java.util.Arrays.copyOf(b, 100));
        MalformedFileException e = assertThrows(MalformedFileException.class, () -> IdxReader.readImages(f));
        assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains("too large"), e.getMessage());

        Path g = dir.resolve("big-images-idx3-ubyte");
        Files.write(g, java.util.Arrays.copyOf(header(0x803, 30000, 256, 256), 100)); // 1.97 GB, below 2^31
        e = assertThrows(MalformedFileException.class, () -> IdxReader.readImages(g));
        assertTrue(e.getMessage().startsWith(g.toString()) && e.getMessage().contains("but the file has 100 (truncated)"), e.getMessage());

        Path gz = dir.resolve("big-images-idx3-ubyte.gz");
        Files.write(gz, gzip(java.util.Arrays.copyOf(header(0x803, 30000, 256, 256), 100)));
        e = assertThrows(MalformedFileException.class, () -> IdxReader.readImages(gz));
        assertTrue(e.getMessage().startsWith(gz.toString()) && e.getMessage().contains("gzip data can hold"), e.getMessage());

        // a stream (no file length): read as it comes, so a short stream is "truncated", not an OutOfMemoryError
        e = assertThrows(MalformedFileException.class, () -> IdxReader.readImages(
                new java.io.ByteArrayInputStream(java.util.Arrays.copyOf(header(0x803, 30000, 256, 256), 100)), "zip!entry"));
        assertTrue(e.getMessage().startsWith("zip!entry: truncated data"), e.getMessage());
    }

    @Test
    void sizesWhoseProductOverflowsAreRefused() throws IOException {
        Path f = dir.resolve("overflow-images-idx3-ubyte");
        Files.write(f, header(0x803, 1 << 30, 1 << 30, 16));
        MalformedFileException e = assertThrows(MalformedFileException.class, () -> IdxReader.readImages(f));
        assertTrue(e.getMessage().startsWith(f.toString()) && e.getMessage().contains("too large"), e.getMessage());
    }

    @Test
    void gzipWithTrailingGarbageOrABadTrailerIsRefused() throws IOException {
        byte[] good = gzip(concat(header(0x801, 3), new byte[] {1, 2, 3}));
        Path ok = dir.resolve("ok-labels.gz");
        Files.write(ok, concat(good, gzip(new byte[0]))); // two members: still fine
        assertEquals(3, IdxReader.readLabels(ok).count());

        Path f = dir.resolve("garbage-labels.gz");
        Files.write(f, concat(good, "trailing junk".getBytes()));
        MalformedFileException e = assertThrows(MalformedFileException.class, () -> IdxReader.readLabels(f));
        assertEquals(f + ": 13 bytes of trailing garbage after the gzip data", e.getMessage());

        byte[] badCrc = good.clone();
        badCrc[badCrc.length - 6] ^= 1;
        Path c = dir.resolve("crc-labels.gz");
        Files.write(c, badCrc);
        e = assertThrows(MalformedFileException.class, () -> IdxReader.readLabels(c));
        assertTrue(e.getMessage().startsWith(c + ": gzip CRC-32"), e.getMessage());

        Path t = dir.resolve("cut-labels.gz");
        Files.write(t, java.util.Arrays.copyOf(good, good.length - 3));
        e = assertThrows(MalformedFileException.class, () -> IdxReader.readLabels(t));
        assertTrue(e.getMessage().startsWith(t + ": truncated gzip stream"), e.getMessage());
    }

    @Test
    void aPngDeclaring40000x40000IsRefusedFromItsHeader() throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream ihdr = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(ihdr);
        d.writeInt(40000);
        d.writeInt(40000);
        d.write(new byte[] {8, 0, 0, 0, 0}); // 8-bit grey: not the fast decoder's flavour, so ImageIO's path
        chunk(png, "IHDR", ihdr.toByteArray());
        chunk(png, "IDAT", new byte[] {0x78, (byte) 0x9c, 3, 0, 0, 0, 0, 1});
        chunk(png, "IEND", new byte[0]);
        MalformedFileException e = assertThrows(MalformedFileException.class,
                () -> OmniglotReader.decode(png.toByteArray(), "omni.zip!a/b/character01/0001_01.png", new float[105 * 105]));
        assertEquals("omni.zip!a/b/character01/0001_01.png: image is 40000x40000, expected 105x105", e.getMessage());
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        DataOutputStream d = new DataOutputStream(out);
        d.writeInt(data.length);
        d.write(type.getBytes());
        d.write(data);
        CRC32 crc = new CRC32();
        crc.update(type.getBytes());
        crc.update(data);
        d.writeInt((int) crc.getValue());
    }

    private static byte[] header(int magic, int... dims) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeInt(magic);
        for (int x : dims) d.writeInt(x);
        return b.toByteArray();
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (GZIPOutputStream g = new GZIPOutputStream(b)) {
            g.write(data);
        }
        return b.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
