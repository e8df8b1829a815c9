package org.siamesekit.readers;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A strict reader of binary PGM ("P5") images, as used by the ORL faces.
 *
 * <p>Format (netpbm): the magic {@code P5}, then width, height and maxval as
 * positive decimal numbers separated by whitespace, then exactly one whitespace
 * character, then width*height samples, row by row: one byte each when
 * maxval &lt; 256, two bytes big-endian otherwise. A comment runs from
 * {@code #} to the end of its line and may stand anywhere in the header,
 * including straight after maxval (its line end is then the single whitespace),
 * as netpbm itself allows.
 *
 * <p>Strictness, because a silently misread face is worse than an error:
 * the file must hold exactly the pixel data the header announces. Missing
 * bytes are an error, and so are <em>extra</em> bytes after the pixel data:
 * netpbm allows several images in one file, which the kit does not use, and
 * trailing bytes in a single-image file usually mean a wrong size or maxval.
 * Samples above maxval are an error too.
 *
 * <p>Every error is a {@link MalformedFileException} whose message names the
 * file (or "zip!entry") and what is wrong.
 */
public final class PgmReader {
    private PgmReader() {}

    /** Reads a PGM file. */
    public static PgmImage read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(bytes, file.toString());
    }

    /**
     * Reads a PGM image from a stream (for example a zip entry), to its end.
     *
     * @param source the name used in error messages, such as "faces.zip!s1/1.pgm"
     */
    public static PgmImage read(InputStream in, String source) {
        byte[] bytes;
        try {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
        }
        return parse(bytes, source);
    }

    /** Parses a whole PGM file held in memory. */
    public static PgmImage parse(byte[] data, String source) {
        Header h = new Header(data, source);
        if (data.length < 2 || data[0] != 'P' || data[1] != '5') {
            String found = data.length == 0 ? "an empty file" : "'" + printable(data, 2) + "'";
            throw new MalformedFileException(source, "not a binary PGM file: expected magic 'P5', found " + found
                    + (data.length >= 2 && data[0] == 'P' ? " (only binary grey-scale P5 is supported)" : ""));
        }
        h.pos = 2;
        int width = h.number("width", 1, Integer.MAX_VALUE);
        int height = h.number("height", 1, Integer.MAX_VALUE);
        int maxval = h.number("maxval", 1, 65535);
        h.endOfHeader();

        int bytesPerSample = maxval < 256 ? 1 : 2;
        long count = (long) width * height;
        long expected = count * bytesPerSample;
        if (count > Integer.MAX_VALUE - 8) {
            throw new MalformedFileException(source, "image of " + width + "x" + height + " is too large");
        }
        long available = data.length - h.pos;
        if (available < expected) {
            throw new MalformedFileException(source, "truncated pixel data: a " + width + "x" + height + " image with maxval "
                    + maxval + " needs " + expected + " bytes, the file has " + available);
        }
        if (available > expected) {
            throw new MalformedFileException(source, (available - expected) + " unexpected bytes after the "
                    + expected + " bytes of pixel data (a " + width + "x" + height + " image with maxval " + maxval + ")");
        }
        int[] samples = new int[(int) count];
        int p = h.pos;
        if (bytesPerSample == 1) {
            for (int i = 0; i < samples.length; i++) samples[i] = data[p + i] & 0xff;
        } else {
            for (int i = 0; i < samples.length; i++, p += 2) {
                samples[i] = ((data[p] & 0xff) << 8) | (data[p + 1] & 0xff);
            }
        }
        if (maxval != 255 && maxval != 65535) {
            for (int i = 0; i < samples.length; i++) {
                if (samples[i] > maxval) {
                    throw new MalformedFileException(source, "sample " + samples[i] + " at column " + (i % width) + ", row "
                            + (i / width) + " exceeds maxval " + maxval);
                }
            }
        }
        return new PgmImage(width, height, maxval, samples);
    }

    private static String printable(byte[] data, int n) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(n, data.length); i++) {
            int c = data[i] & 0xff;
            sb.append(c >= 32 && c < 127 ? String.valueOf((char) c) : String.format("\\x%02x", c));
        }
        return sb.toString();
    }

    /** Cursor over the header text. */
    private static final class Header {
        final byte[] data;
        final String source;
        int pos;

        Header(byte[] data, String source) {
            this.data = data;
            this.source = source;
        }

        /** Skips whitespace and comments, then reads a decimal number in [min, max]. */
        int number(String what, int min, long max) {
            skipSpaceAndComments(what);
            int start = pos;
            long value = 0;
            while (pos < data.length && isDigit(data[pos])) {
                value = value * 10 + (data[pos] - '0');
                if (value > max) {
                    throw new MalformedFileException(source, what + " " + digitsFrom(start) + " is too large (at most " + max + ")");
                }
                pos++;
            }
            if (pos == start) {
                throw new MalformedFileException(source, what + " must be a positive decimal number, found '"
                        + printable(java.util.Arrays.copyOfRange(data, pos, data.length), 8) + "'");
            }
            if (pos >= data.length) {
                throw new MalformedFileException(source, "truncated header: end of file right after " + what);
            }
            if (!isSpace(data[pos]) && data[pos] != '#') {
                throw new MalformedFileException(source, what + " must be a positive decimal number, found '"
                        + printable(java.util.Arrays.copyOfRange(data, start, data.length), pos - start + 1) + "'");
            }
            if (value < min) {
                throw new MalformedFileException(source, what + " is " + value + ", must be at least " + min);
            }
            return (int) value;
        }

        /** After maxval: one whitespace character, or a comment whose line end plays that part. */
        void endOfHeader() {
            if (data[pos] == '#') {
                while (pos < data.length && data[pos] != '\n' && data[pos] != '\r') pos++;
                if (pos >= data.length) {
                    throw new MalformedFileException(source, "truncated header: end of file inside a comment after maxval");
                }
            }
            pos++; // the single whitespace character
        }

        void skipSpaceAndComments(String what) {
            while (pos < data.length) {
                byte b = data[pos];
                if (isSpace(b)) {
                    pos++;
                } else if (b == '#') {
                    while (pos < data.length && data[pos] != '\n' && data[pos] != '\r') pos++;
                } else {
                    return;
                }
            }
            throw new MalformedFileException(source, "truncated header: end of file before " + what);
        }

        private String digitsFrom(int start) {
            int end = start;
            while (end < data.length && isDigit(data[end]) && end - start < 20) end++;
            return new String(data, start, end - start, java.nio.charset.StandardCharsets.US_ASCII);
        }

        private static boolean isDigit(byte b) { return b >= '0' && b <= '9'; }

        private static boolean isSpace(byte b) {
            return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0b || b == 0x0c;
        }
    }
}
