package org.siamesekit.readers;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import java.util.zip.ZipException;

/**
 * Decompresses gzip data and rejects anything after it that is not another gzip
 * member. {@link java.util.zip.GZIPInputStream} silently ignores trailing bytes
 * that do not start a member, so a file with garbage appended (a botched
 * download resumed into the same file) would pass as good.
 *
 * <p>Each member's header flags (FEXTRA, FNAME, FCOMMENT, FHCRC) are honoured;
 * its CRC-32 and length trailer are checked.
 */
final class StrictGzipInputStream extends InputStream {
    private final InputStream in;
    private final String source;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private final byte[] buf = new byte[1 << 16];
    private int pos, end; // buf[pos, end): read from `in`, not yet used (the inflater's share is given to it)
    private long memberLength;
    private boolean done;

    StrictGzipInputStream(InputStream in, String source) throws IOException {
        this.in = in;
        this.source = source;
        readHeader(true);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        while (!done) {
            if (inflater.finished()) {
                pos = end - inflater.getRemaining(); // what follows the deflate data: the trailer
                endMember();
                continue;
            }
            int n;
            try {
                n = inflater.inflate(b, off, len);
            } catch (DataFormatException e) {
                throw new ZipException("invalid deflate data: " + e.getMessage());
            }
            if (n > 0) {
                crc.update(b, off, n);
                memberLength += n;
                return n;
            }
            if (inflater.needsInput()) {
                if (pos == end && !fill()) throw new EOFException("gzip data ends early");
                inflater.setInput(buf, pos, end - pos);
                pos = end;
            } else if (inflater.needsDictionary()) {
                throw new ZipException("deflate data asks for a preset dictionary");
            }
        }
        return -1;
    }

    /** Checks the trailer, then requires either the end of the data or another member. */
    private void endMember() throws IOException {
        long wantCrc = readLE(4), wantLen = readLE(4);
        if (wantCrc != crc.getValue()) {
            throw new MalformedFileException(source, String.format("gzip CRC-32 is %08x, the trailer says %08x", crc.getValue(), wantCrc));
        }
        if (wantLen != (memberLength & 0xffffffffL)) {
            throw new MalformedFileException(source, "gzip length is " + memberLength + ", the trailer says " + wantLen + " (mod 2^32)");
        }
        inflater.reset();
        crc.reset();
        memberLength = 0;
        if (!readHeader(false)) done = true;
    }

    private boolean fill() throws IOException {
        int n = in.read(buf);
        pos = 0;
        end = Math.max(n, 0);
        return n > 0;
    }

    private int nextByte() throws IOException {
        if (pos == end && !fill()) return -1;
        return buf[pos++] & 0xff;
    }

    private long readLE(int n) throws IOException {
        long v = 0;
        for (int i = 0; i < n; i++) {
            int c = nextByte();
            if (c < 0) throw new EOFException("gzip data ends early");
            v |= (long) c << (8 * i);
        }
        return v;
    }

    /** Reads a member header; false at a clean end of data (only allowed after a member). */
    private boolean readHeader(boolean first) throws IOException {
        int id1 = nextByte();
        if (id1 < 0) {
            if (first) throw new MalformedFileException(source, "empty gzip data");
            return false;
        }
        int id2 = nextByte();
        if (id1 != 0x1f || id2 != 0x8b) {
            if (first) throw new MalformedFileException(source, "not gzip data");
            long extra = 1 + (id2 < 0 ? 0 : 1) + countRest();
            throw new MalformedFileException(source, extra + " bytes of trailing garbage after the gzip data");
        }
        int cm = nextByte(), flags = nextByte();
        if (cm != 8) throw new MalformedFileException(source, "gzip compression method " + cm + " is not deflate");
        readLE(4); // modification time
        readLE(2); // extra flags, operating system
        if ((flags & 4) != 0) { // FEXTRA
            long xlen = readLE(2);
            for (long i = 0; i < xlen; i++) readLE(1);
        }
        if ((flags & 8) != 0) skipZeroTerminated(); // FNAME
        if ((flags & 16) != 0) skipZeroTerminated(); // FCOMMENT
        if ((flags & 2) != 0) readLE(2); // FHCRC
        return true;
    }

    private void skipZeroTerminated() throws IOException {
        while (readLE(1) != 0) { /* skip */ }
    }

    private long countRest() throws IOException {
        long n = end - pos;
        pos = end;
        for (int got; (got = in.read(buf)) > 0; ) n += got;
        return n;
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        in.close();
    }
}
