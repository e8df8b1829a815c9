package org.siamesekit.readers;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipException;

/**
 * A strict reader of IDX files (the MNIST / Fashion-MNIST format), gzip'd or plain.
 *
 * <p>An IDX file starts with a big-endian magic number: two zero bytes, a type
 * byte (0x08 = unsigned byte, the only type used by these datasets) and the
 * number of dimensions; then one big-endian 32-bit size per dimension; then the
 * data, one byte per value. Images files have magic 2051 (u8, 3 dimensions:
 * count, rows, columns), labels files 2049 (u8, 1 dimension: count).
 *
 * <p>The data must be exactly as long as the sizes say: missing bytes and
 * extra bytes are both errors, as is a gzip stream that ends early or is
 * corrupt. Whether a file is gzip'd is decided by its first two bytes
 * (0x1f 0x8b), not by its name.
 */
public final class IdxReader {
    /** Magic number of an images file: unsigned bytes, 3 dimensions. */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of a labels file: unsigned bytes, 1 dimension. */
    public static final int LABELS_MAGIC = 0x00000801;

    private IdxReader() {}

    /**
     * Images from an IDX images file.
     *
     * @param count  number of images
     * @param rows   height of each image
     * @param cols   width of each image
     * @param pixels count*rows*cols unsigned bytes (use {@code & 0xff}), image by image, row-major
     */
    public record Images(String source, int count, int rows, int cols, byte[] pixels) {
        /** Pixel values divided by 255, as floats in [0, 1]. */
        public float[] toFloats() {
            float[] out = new float[pixels.length];
            for (int i = 0; i < pixels.length; i++) out[i] = (pixels[i] & 0xff) / 255f;
            return out;
        }
    }

    /** Labels from an IDX labels file, each an unsigned byte. */
    public record Labels(String source, int[] values) {
        public int count() { return values.length; }
    }

    /** Images and their labels from a matching pair of files. */
    public record LabelledSet(Images images, Labels labels) {}

    /** Reads an images file (magic 2051). */
    public static Images readImages(Path file) {
        Parsed p = read(file, IMAGES_MAGIC, "images");
        int[] d = p.dims;
        return new Images(p.source, d[0], d[1], d[2], p.data);
    }

    /** Reads an images file (magic 2051) from a stream; {@code source} names it in errors. */
    public static Images readImages(InputStream in, String source) {
        Parsed p = read(in, source, IMAGES_MAGIC, "images");
        int[] d = p.dims;
        return new Images(p.source, d[0], d[1], d[2], p.data);
    }

    /** Reads a labels file (magic 2049). */
    public static Labels readLabels(Path file) {
        return toLabels(read(file, LABELS_MAGIC, "labels"));
    }

    /** Reads a labels file (magic 2049) from a stream; {@code source} names it in errors. */
    public static Labels readLabels(InputStream in, String source) {
        return toLabels(read(in, source, LABELS_MAGIC, "labels"));
    }

    /** Reads an images file and a labels file and checks that they have the same count. */
    public static LabelledSet readLabelled(Path imagesFile, Path labelsFile) {
        Images images = readImages(imagesFile);
        Labels labels = readLabels(labelsFile);
        if (images.count() != labels.count()) {
            throw new MalformedFileException(labelsFile.toString(), labels.count() + " labels, but the images file "
                    + imagesFile + " has " + images.count() + " images");
        }
        return new LabelledSet(images, labels);
    }

    private static Labels toLabels(Parsed p) {
        int[] values = new int[p.data.length];
        for (int i = 0; i < values.length; i++) values[i] = p.data[i] & 0xff;
        return new Labels(p.source, values);
    }

    private record Parsed(String source, int[] dims, byte[] data) {}

    private static Parsed read(Path file, int magic, String kind) {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), magic, kind, Files.size(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Parsed read(InputStream raw, String source, int magic, String kind) {
        return read(raw, source, magic, kind, -1);
    }

    /** @param fileLength the file's length when known (checked against the sizes before allocating), else -1 */
    private static Parsed read(InputStream raw, String source, int magic, String kind, long fileLength) {
        try {
            InputStream in = new BufferedInputStream(raw, 1 << 16);
            in.mark(2);
            int b0 = in.read();
            int b1 = in.read();
            in.reset();
            boolean gzip = b0 == 0x1f && b1 == 0x8b;
            if (gzip) in = new BufferedInputStream(new StrictGzipInputStream(in, source), 1 << 16);
            int found = readInt(in, source, "the magic number");
            if (found != magic) {
                throw new MalformedFileException(source, String.format(
                        "not an IDX %s file: magic number is %d (0x%08x), expected %d (0x%08x)%s",
                        kind, found, found, magic, magic, describe(found)));
            }
            int rank = magic & 0xff;
            int[] dims = new int[rank];
            long total = 1;
            for (int i = 0; i < rank; i++) {
                dims[i] = readInt(in, source, "size of dimension " + (i + 1));
                if (dims[i] < 0) {
                    throw new MalformedFileException(source, "size of dimension " + (i + 1) + " is negative (" + dims[i] + ")");
                }
                total *= dims[i]; // cannot overflow: checked below after each step, and each size < 2^31
                if (total > Integer.MAX_VALUE - 8) {
                    throw new MalformedFileException(source, "sizes " + java.util.Arrays.toString(java.util.Arrays.copyOf(dims, i + 1))
                            + (i + 1 < rank ? "..." : "") + " are too large (more than 2^31 values)");
                }
            }
            // before allocating: a plain file must hold the data; gzip cannot expand more than ~1032x
            long header = 4 + 4L * rank;
            if (fileLength >= 0 && !gzip && header + total != fileLength) {
                throw new MalformedFileException(source, "sizes " + java.util.Arrays.toString(dims) + " need "
                        + (header + total) + " bytes, but the file has " + fileLength + (header + total > fileLength ? " (truncated)" : ""));
            }
            if (fileLength >= 0 && gzip && total > 1032 * fileLength) {
                throw new MalformedFileException(source, "sizes " + java.util.Arrays.toString(dims) + " need " + total
                        + " bytes, more than " + fileLength + " bytes of gzip data can hold (truncated or corrupt)");
            }
            byte[] data = readUpTo(in, (int) total);
            int got = data.length;
            if (got < total) {
                throw new MalformedFileException(source, "truncated data: sizes " + java.util.Arrays.toString(dims)
                        + " need " + total + " bytes after the header, found " + got);
            }
            long extra = 0;
            byte[] skip = new byte[8192];
            for (int n; (n = in.read(skip)) > 0; ) extra += n;
            if (extra > 0) {
                throw new MalformedFileException(source, extra + " unexpected bytes after the " + data.length
                        + " bytes of data announced by sizes " + java.util.Arrays.toString(dims));
            }
            return new Parsed(source, dims, data);
        } catch (EOFException e) {
            throw new MalformedFileException(source, "truncated gzip stream (the file ends before the compressed data does)", e);
        } catch (ZipException e) {
            throw new MalformedFileException(source, "corrupt gzip data: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source + ": " + e.getMessage(), e);
        }
    }

    /** Reads up to n bytes, growing the array as data arrives (a header may promise more than there is). */
    private static byte[] readUpTo(InputStream in, int n) throws IOException {
        byte[] data = new byte[Math.min(n, 1 << 20)];
        int got = 0;
        while (got < n) {
            if (got == data.length) data = java.util.Arrays.copyOf(data, (int) Math.min(n, 2L * data.length));
            int r = in.read(data, got, data.length - got);
            if (r < 0) break;
            got += r;
        }
        return got == data.length ? data : java.util.Arrays.copyOf(data, got);
    }

    private static String describe(int magic) {
        if (magic == IMAGES_MAGIC) return " (this is an images file)";
        if (magic == LABELS_MAGIC) return " (this is a labels file)";
        if ((magic >>> 16) == 0x1f8b) return " (a gzip header inside the gzip data?)";
        return "";
    }

    private static int readInt(InputStream in, String source, String what) throws IOException {
        byte[] b = in.readNBytes(4);
        if (b.length < 4) {
            throw new MalformedFileException(source, "truncated header: end of data while reading " + what);
        }
        return ((b[0] & 0xff) << 24) | ((b[1] & 0xff) << 16) | ((b[2] & 0xff) << 8) | (b[3] & 0xff);
    }
}
