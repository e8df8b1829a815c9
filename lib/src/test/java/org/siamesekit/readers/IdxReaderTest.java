package org.siamesekit.readers;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdxReaderTest {
    @TempDir
    Path dir;

    private static byte[] idx(int magic, int[] dims, int dataBytes) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeInt(magic);
        for (int x : dims) d.writeInt(x);
        for (int i = 0; i < dataBytes; i++) d.writeByte(i * 7);
        return b.toByteArray();
    }

    private Path write(String name, byte[] content, boolean gzip) throws IOException {
        Path p = dir.resolve(name);
        try (OutputStream o = gzip ? new GZIPOutputStream(Files.newOutputStream(p)) : Files.newOutputStream(p)) {
            o.write(content);
        }
        return p;
    }

    private static void fails(Path p, Consumer<Path> read, String problem) {
        MalformedFileException e = assertThrows(MalformedFileException.class, () -> read.accept(p));
        assertTrue(e.getMessage().startsWith(p + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), "expected '" + problem + "' in: " + e.getMessage());
    }

    @Test
    void readsGzipAndPlainFiles() throws IOException {
        for (boolean gz : new boolean[] {true, false}) {
            Path im = write("im" + gz, idx(2051, new int[] {3, 2, 4}, 24), gz);
            Path lb = write("lb" + gz, idx(2049, new int[] {3}, 3), gz);
            IdxReader.Images images = IdxReader.readImages(im);
            assertEquals(3, images.count());
            assertEquals(2, images.rows());
            assertEquals(4, images.cols());
            assertEquals((byte) (23 * 7), images.pixels()[23]);
            assertEquals((23 * 7 & 0xff) / 255f, images.toFloats()[23], 1e-7);
            assertArrayEquals(new int[] {0, 7, 14}, IdxReader.readLabels(lb).values());
            assertEquals(3, IdxReader.readLabelled(im, lb).labels().count());
        }
    }

    @Test
    void rejectsWrongMagic() throws IOException {
        Path labels = write("labels.gz", idx(2049, new int[] {3}, 3), true);
        fails(labels, IdxReader::readImages, "not an IDX images file: magic number is 2049 (0x00000801), expected 2051 (0x00000803) (this is a labels file)");
        Path images = write("images", idx(2051, new int[] {1, 1, 1}, 1), false);
        fails(images, IdxReader::readLabels, "not an IDX labels file: magic number is 2051");
        Path floats = write("floats", idx(0x0d03, new int[] {1, 1, 1}, 4), false);
        fails(floats, IdxReader::readImages, "magic number is 3331 (0x00000d03)");
    }

    @Test
    void rejectsTruncatedHeaderAndData() throws IOException {
        fails(write("hdr.gz", Arrays.copyOf(idx(2051, new int[] {3, 2, 4}, 0), 10), true), IdxReader::readImages,
                "truncated header: end of data while reading size of dimension 2");
        fails(write("data.gz", idx(2051, new int[] {3, 2, 4}, 20), true), IdxReader::readImages,
                "truncated data: sizes [3, 2, 4] need 24 bytes after the header, found 20");
        fails(write("empty", new byte[0], false), IdxReader::readLabels, "truncated header: end of data while reading the magic number");
    }

    @Test
    void rejectsTruncatedGzipStream() throws IOException {
        Path whole = write("whole.gz", idx(2049, new int[] {5000}, 5000), true);
        byte[] gz = Files.readAllBytes(whole);
        Path cut = dir.resolve("cut.gz");
        Files.write(cut, Arrays.copyOf(gz, gz.length / 2));
        fails(cut, IdxReader::readLabels, "truncated gzip stream");
    }

    @Test
    void rejectsExtraData() throws IOException {
        fails(write("extra.gz", idx(2049, new int[] {3}, 5), true), IdxReader::readLabels,
                "2 unexpected bytes after the 3 bytes of data announced by sizes [3]");
    }

    @Test
    void rejectsMismatchedCounts() throws IOException {
        Path im = write("im.gz", idx(2051, new int[] {3, 1, 1}, 3), true);
        Path lb = write("lb.gz", idx(2049, new int[] {2}, 2), true);
        MalformedFileException e = assertThrows(MalformedFileException.class, () -> IdxReader.readLabelled(im, lb));
        assertEquals(lb + ": 2 labels, but the images file " + im + " has 3 images", e.getMessage());
    }
}
