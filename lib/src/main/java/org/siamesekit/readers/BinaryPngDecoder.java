package org.siamesekit.readers;

import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * A fast decoder for exactly one PNG flavour: 1-bit grey-scale, not interlaced
 * (the format of every Omniglot image). ImageIO decodes these correctly but
 * spends ~100 µs per tiny image on reader set-up and metadata; inflating and
 * un-filtering directly takes a few µs, which makes loading all 32,460
 * Omniglot images several times faster. Any other PNG is left to ImageIO
 * ({@link #decode} returns false), and tests check both give the same pixels.
 *
 * <p>It is strict: chunk CRCs are checked, and the inflated data must be
 * exactly height rows of (1 filter byte + ceil(width/8) bytes).
 */
final class BinaryPngDecoder {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final ThreadLocal<Inflater> INFLATER = ThreadLocal.withInitial(Inflater::new);

    private BinaryPngDecoder() {}

    /**
     * Decodes a 1-bit grey, non-interlaced PNG of the given size into ink values
     * (1 for black, 0 for white), row-major into {@code ink}.
     *
     * @return false when the PNG is of another flavour or size (the caller then uses ImageIO)
     * @throws MalformedFileException when it is of this flavour but damaged
     */
    static boolean decode(byte[] png, String source, int width, int height, float[] ink) {
        if (png.length < 33 || !startsWithSignature(png)) return false;
        int pos = 8;
        // IHDR must come first
        if (readInt(png, pos) != 13 || !isType(png, pos + 4, "IHDR")) return false;
        int w = readInt(png, pos + 8), h = readInt(png, pos + 12);
        int depth = png[pos + 16], colour = png[pos + 17], compression = png[pos + 18], filter = png[pos + 19],
                interlace = png[pos + 20];
        if (depth != 1 || colour != 0 || compression != 0 || filter != 0 || interlace != 0 || w != width || h != height) {
            return false;
        }
        int rowBytes = (width + 7) / 8;
        byte[] raw = new byte[height * (rowBytes + 1)];
        Inflater inf = INFLATER.get();
        inf.reset();
        int got = 0;
        byte[] spare = new byte[1];
        boolean end = false;
        try {
            while (!end) {
                if (pos + 12 > png.length) throw bad(source, "truncated PNG: no IEND chunk");
                int len = readInt(png, pos);
                if (len < 0 || pos + 12L + len > png.length) throw bad(source, "truncated PNG chunk at byte " + pos);
                CRC32 crc = new CRC32();
                crc.update(png, pos + 4, 4 + len);
                if ((int) crc.getValue() != readInt(png, pos + 8 + len)) {
                    throw bad(source, "corrupt PNG: CRC mismatch in chunk " + new String(png, pos + 4, 4, java.nio.charset.StandardCharsets.ISO_8859_1));
                }
                if (isType(png, pos + 4, "IDAT")) {
                    inf.setInput(png, pos + 8, len);
                    while (!inf.needsInput() && !inf.finished()) {
                        // once raw is full, inflate into a spare byte: output there means too much data
                        int n = got < raw.length ? inf.inflate(raw, got, raw.length - got) : inf.inflate(spare);
                        if (got == raw.length && n > 0) {
                            throw bad(source, "PNG image data is longer than " + height + " rows of " + width + " pixels");
                        }
                        got += n;
                        if (n == 0 && inf.needsDictionary()) throw bad(source, "corrupt PNG image data (preset dictionary)");
                    }
                } else if (isType(png, pos + 4, "IEND")) {
                    end = true;
                } else if ((png[pos + 4] & 0x20) == 0 && !isType(png, pos + 4, "IHDR")) {
                    return false; // an unknown critical chunk (PLTE...): let ImageIO decide
                }
                pos += 12 + len;
            }
        } catch (DataFormatException e) {
            throw bad(source, "corrupt PNG image data (" + e.getMessage() + ")");
        }
        if (got != raw.length || !inf.finished()) {
            throw bad(source, "PNG image data holds " + got + " bytes, expected " + raw.length
                    + " for " + height + " rows of " + width + " 1-bit pixels");
        }
        unfilter(raw, rowBytes, height, source);
        for (int y = 0; y < height; y++) {
            int row = y * (rowBytes + 1) + 1;
            for (int x = 0; x < width; x++) {
                int bit = (raw[row + (x >> 3)] >> (7 - (x & 7))) & 1;
                ink[y * width + x] = 1 - bit; // grey sample 0 is black: ink
            }
        }
        return true;
    }

    /** Undoes the PNG row filters in place (bytes per pixel is 1 for bit depths below 8). */
    private static void unfilter(byte[] raw, int rowBytes, int height, String source) {
        int stride = rowBytes + 1;
        for (int y = 0; y < height; y++) {
            int row = y * stride + 1, prev = row - stride;
            int type = raw[row - 1];
            for (int i = 0; i < rowBytes; i++) {
                int a = i > 0 ? raw[row + i - 1] & 0xff : 0;
                int b = y > 0 ? raw[prev + i] & 0xff : 0;
                int c = i > 0 && y > 0 ? raw[prev + i - 1] & 0xff : 0;
                int x = raw[row + i] & 0xff;
                switch (type) {
                    case 0 -> { }
                    case 1 -> x += a;
                    case 2 -> x += b;
                    case 3 -> x += (a + b) >>> 1;
                    case 4 -> x += paeth(a, b, c);
                    default -> throw bad(source, "corrupt PNG: unknown row filter " + type + " in row " + y);
                }
                raw[row + i] = (byte) x;
            }
        }
    }

    private static int paeth(int a, int b, int c) {
        int p = a + b - c, pa = Math.abs(p - a), pb = Math.abs(p - b), pc = Math.abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static MalformedFileException bad(String source, String problem) {
        return new MalformedFileException(source, problem);
    }

    private static boolean startsWithSignature(byte[] b) {
        for (int i = 0; i < SIGNATURE.length; i++) if (b[i] != SIGNATURE[i]) return false;
        return true;
    }

    private static boolean isType(byte[] b, int at, String type) {
        return b[at] == type.charAt(0) && b[at + 1] == type.charAt(1) && b[at + 2] == type.charAt(2) && b[at + 3] == type.charAt(3);
    }

    private static int readInt(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }
}
