package org.siamesekit.readers;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PgmReaderTest {
    @TempDir
    Path dir;

    /** A file with this header text followed by these bytes. */
    private Path pgm(String name, String header, byte... data) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(header.getBytes(StandardCharsets.US_ASCII));
        b.write(data);
        Path p = dir.resolve(name);
        Files.write(p, b.toByteArray());
        return p;
    }

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) b[i] = (byte) v[i];
        return b;
    }

    private MalformedFileException fails(Path p, String problem) {
        MalformedFileException e = assertThrows(MalformedFileException.class, () -> PgmReader.read(p));
        assertTrue(e.getMessage().startsWith(p.toString() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), "expected '" + problem + "' in: " + e.getMessage());
        assertEquals(p.toString(), e.source());
        return e;
    }

    @Test
    void reads8BitImage() throws IOException {
        PgmImage img = PgmReader.read(pgm("a.pgm", "P5\n3 2\n255\n", bytes(0, 1, 2, 253, 254, 255)));
        assertEquals(3, img.width());
        assertEquals(2, img.height());
        assertEquals(255, img.maxval());
        assertArrayEquals(new int[] {0, 1, 2, 253, 254, 255}, img.samples());
        assertEquals(253, img.sample(0, 1));
        float[] f = img.toFloats();
        assertEquals(0f, f[0]);
        assertEquals(1f, f[5]);
        assertEquals(2 / 255f, f[2], 1e-7);
    }

    @Test
    void reads16BitBigEndian() throws IOException {
        PgmImage img = PgmReader.read(pgm("b.pgm", "P5 2 1 65535\n", bytes(0x01, 0x02, 0xff, 0xff)));
        assertArrayEquals(new int[] {0x0102, 65535}, img.samples());
        assertEquals(1f, img.toFloats()[1]);
        PgmImage small = PgmReader.read(pgm("c.pgm", "P5 1 1 256\n", bytes(0x01, 0x00)));
        assertEquals(256, small.samples()[0]);
        assertEquals(1f, small.toFloats()[0]);
    }

    @Test
    void acceptsCommentsAnywhereInHeader() throws IOException {
        PgmImage img = PgmReader.read(pgm("c.pgm", "P5# after magic\n#own line\n 2#w\n#h next\n1\n# maxval next\n100# after maxval\n",
                bytes(7, 100)));
        assertArrayEquals(new int[] {7, 100}, img.samples());
        assertEquals(100, img.maxval());
        // a pixel byte that looks like whitespace or '#' right after the header is data, not header
        PgmImage tricky = PgmReader.read(pgm("d.pgm", "P5 2 1 255\n", bytes('#', '\n')));
        assertArrayEquals(new int[] {'#', '\n'}, tricky.samples());
    }

    @Test
    void readsFromStreamWithSourceName() {
        byte[] file = ("P5 1 1 255\n" + "x").getBytes(StandardCharsets.US_ASCII);
        assertEquals('x', PgmReader.read(new ByteArrayInputStream(file), "faces.zip!s1/1.pgm").samples()[0]);
        byte[] bad = "P6 1 1 255\nxyz".getBytes(StandardCharsets.US_ASCII);
        MalformedFileException e = assertThrows(MalformedFileException.class,
                () -> PgmReader.read(new ByteArrayInputStream(bad), "faces.zip!s1/2.pgm"));
        assertTrue(e.getMessage().startsWith("faces.zip!s1/2.pgm: not a binary PGM file"), e.getMessage());
    }

    @Test
    void rejectsBadMagic() throws IOException {
        fails(pgm("ascii.pgm", "P2 1 1 255\n1\n"), "expected magic 'P5', found 'P2' (only binary grey-scale P5 is supported)");
        fails(pgm("colour.ppm", "P6 1 1 255\n", bytes(1, 2, 3)), "found 'P6'");
        fails(pgm("garbage.pgm", "GIF89a"), "expected magic 'P5', found 'GI'");
        fails(pgm("empty.pgm", ""), "found an empty file");
    }

    @Test
    void rejectsBadMaxval() throws IOException {
        fails(pgm("zero.pgm", "P5 1 1 0\n", bytes(0)), "maxval is 0, must be at least 1");
        fails(pgm("big.pgm", "P5 1 1 65536\n", bytes(0, 0)), "maxval 65536 is too large (at most 65535)");
        fails(pgm("word.pgm", "P5 1 1 max\n", bytes(0)), "maxval must be a positive decimal number, found 'max");
    }

    @Test
    void rejectsBadDimensions() throws IOException {
        fails(pgm("alpha.pgm", "P5 abc 1 255\n", bytes(0)), "width must be a positive decimal number, found 'abc");
        fails(pgm("neg.pgm", "P5 2 -1 255\n", bytes(0)), "height must be a positive decimal number, found '-1");
        fails(pgm("mixed.pgm", "P5 2x 1 255\n", bytes(0)), "width must be a positive decimal number, found '2x'");
        fails(pgm("zerow.pgm", "P5 0 1 255\n"), "width is 0, must be at least 1");
        fails(pgm("huge.pgm", "P5 99999999999 1 255\n"), "width 99999999999 is too large (at most 2147483647)");
    }

    @Test
    void rejectsTruncatedHeader() throws IOException {
        fails(pgm("t1.pgm", "P5"), "truncated header: end of file before width");
        fails(pgm("t2.pgm", "P5 12 "), "truncated header: end of file before height");
        fails(pgm("t3.pgm", "P5 12 5 # comment without end"), "truncated header: end of file before maxval");
        fails(pgm("t4.pgm", "P5 12 5 255"), "truncated header: end of file right after maxval");
        fails(pgm("t5.pgm", "P5 1 1 255# comment"), "end of file inside a comment after maxval");
    }

    @Test
    void rejectsTruncatedData() throws IOException {
        fails(pgm("short.pgm", "P5 2 2 255\n", bytes(1, 2, 3)),
                "truncated pixel data: a 2x2 image with maxval 255 needs 4 bytes, the file has 3");
        fails(pgm("short16.pgm", "P5 2 1 1000\n", bytes(0, 1, 0)), "needs 4 bytes, the file has 3");
    }

    @Test
    void rejectsTrailingBytes() throws IOException {
        fails(pgm("long.pgm", "P5 1 1 255\n", bytes(1, '\n')),
                "1 unexpected bytes after the 1 bytes of pixel data (a 1x1 image with maxval 255)");
    }

    @Test
    void rejectsSampleAboveMaxval() throws IOException {
        fails(pgm("over.pgm", "P5 2 1 15\n", bytes(3, 16)), "sample 16 at column 1, row 0 exceeds maxval 15");
    }
}
