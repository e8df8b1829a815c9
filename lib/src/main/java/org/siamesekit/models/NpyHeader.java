package org.siamesekit.models;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The header of a NumPy {@code .npy} array, parsed and checked in Java, and the
 * array built from the bytes in Java too.
 *
 * <p>Why not {@code Nd4j.createNpyFromByteArray}: libnd4j's parser trusts the
 * bytes. A big-endian header ({@code '>f4'}) aborts the JVM (an assertion in
 * native code), and data shorter than the shape says is read past its end. Here
 * every field is checked (magic, version, header length, dtype and byte order,
 * memory order, shape, and data length = shape × item size) and an error names
 * the file and the entry; ND4J only receives a Java array of the right length.
 *
 * <p>Format: "\x93NUMPY", major and minor version, header length (2 bytes in
 * version 1, 4 in versions 2 and 3, little-endian), then a Python dict literal
 * such as {@code {'descr': '<f4', 'fortran_order': False, 'shape': (3, 4), }}
 * padded with spaces and ending in a newline, then the data.
 */
record NpyHeader(String descr, boolean fortranOrder, long[] shape, int dataOffset) {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^()]*)\\)");
    /** Largest header we accept; numpy's own limit for reading is 10,000 bytes. */
    private static final int MAX_HEADER = 10_000;

    /** Number of values the shape holds. */
    long count() {
        long n = 1;
        for (long d : shape) n = Math.multiplyExact(n, d);
        return n;
    }

    /** Bytes per value of the dtype. */
    int itemSize() { return Integer.parseInt(descr.substring(2)); }

    /**
     * Parses and checks the header of {@code npy}, including that the data after it
     * is exactly as long as the shape and dtype say.
     *
     * @param where names the array in errors, e.g. "/home/me/m.model, entry params/W.npy"
     * @throws IllegalArgumentException saying what is wrong, starting with {@code where}
     */
    static NpyHeader parse(byte[] npy, String where) {
        if (npy.length < 10 || !Arrays.equals(Arrays.copyOf(npy, 6), MAGIC)) {
            throw bad(where, "does not start with the .npy magic \\x93NUMPY");
        }
        int major = npy[6] & 0xff;
        int lenBytes = switch (major) {
            case 1 -> 2;
            case 2, 3 -> 4;
            default -> throw bad(where, ".npy format version " + major + "." + (npy[7] & 0xff) + " is not 1.0, 2.0 or 3.0");
        };
        if (npy.length < 8 + lenBytes) throw bad(where, "ends inside its header");
        ByteBuffer b = ByteBuffer.wrap(npy).order(ByteOrder.LITTLE_ENDIAN);
        long headerLen = lenBytes == 2 ? (b.getShort(8) & 0xffff) : (b.getInt(8) & 0xffffffffL);
        long offset = 8 + lenBytes + headerLen;
        if (headerLen > MAX_HEADER || offset > npy.length) {
            throw bad(where, "header length " + headerLen + " is beyond the " + npy.length + " bytes of the array");
        }
        String header = new String(npy, 8 + lenBytes, (int) headerLen, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String dict = header.strip();
        if (!header.endsWith("\n") || !dict.startsWith("{") || !dict.endsWith("}")) {
            throw bad(where, "header is not a dict ending in a newline: " + quote(header));
        }
        Matcher d = DESCR.matcher(dict), f = FORTRAN.matcher(dict), s = SHAPE.matcher(dict);
        if (!d.find() || !f.find() || !s.find()) {
            throw bad(where, "header lacks 'descr', 'fortran_order' or 'shape': " + quote(header));
        }
        String rest = dict.substring(1, dict.length() - 1).replace(d.group(), "").replace(f.group(), "").replace(s.group(), "");
        if (!rest.replaceAll("[\\s,]", "").isEmpty()) throw bad(where, "header has unexpected fields: " + quote(header));

        String descr = d.group(1);
        if (descr.startsWith(">")) {
            throw bad(where, "dtype " + descr + " is big-endian; the kit reads little-endian arrays"
                    + " (in numpy: a.astype('<" + descr.substring(1) + "'))");
        }
        if (!descr.matches("<(f4|f8|i4|i8)")) {
            throw bad(where, "dtype " + descr + " is not one the kit reads (<f4, <f8, <i4, <i8)");
        }
        if (f.group(1).equals("True")) throw bad(where, "is in Fortran order; the kit reads C order");
        long[] shape = parseShape(s.group(1), where);
        NpyHeader h = new NpyHeader(descr, false, shape, (int) offset);
        long need;
        try {
            need = Math.multiplyExact(h.count(), h.itemSize());
        } catch (ArithmeticException e) {
            throw bad(where, "shape " + Arrays.toString(shape) + " is too large");
        }
        long have = npy.length - offset;
        if (need != have) {
            throw bad(where, "shape " + Arrays.toString(shape) + " of " + descr + " needs " + need + " bytes of data, found " + have
                    + (have < need ? " (truncated)" : ""));
        }
        return h;
    }

    /** Parses {@code npy} ({@link #parse}) and builds the array from its data. */
    static INDArray read(byte[] npy, String where) {
        NpyHeader h = parse(npy, where);
        ByteBuffer data = ByteBuffer.wrap(npy, h.dataOffset, npy.length - h.dataOffset).slice().order(ByteOrder.LITTLE_ENDIAN);
        int n = Math.toIntExact(h.count());
        long[] shape = h.shape;
        return switch (h.descr) {
            case "<f4" -> { float[] v = new float[n]; data.asFloatBuffer().get(v); yield build(Nd4j.createFromArray(v), shape); }
            case "<f8" -> { double[] v = new double[n]; data.asDoubleBuffer().get(v); yield build(Nd4j.createFromArray(v), shape); }
            case "<i4" -> { int[] v = new int[n]; data.asIntBuffer().get(v); yield build(Nd4j.createFromArray(v), shape); }
            case "<i8" -> { long[] v = new long[n]; data.asLongBuffer().get(v); yield build(Nd4j.createFromArray(v), shape); }
            default -> throw new IllegalStateException(h.descr); // parse() admits only the four above
        };
    }

    /** The numpy dtype string for an ND4J type the kit saves. */
    static String descrOf(DataType t) {
        return switch (t) {
            case FLOAT -> "<f4";
            case DOUBLE -> "<f8";
            case INT -> "<i4";
            case LONG -> "<i8";
            default -> throw new IllegalArgumentException("the kit does not save " + t + " arrays");
        };
    }

    private static INDArray build(INDArray flat, long[] shape) {
        if (shape.length == 0) return flat.reshape(new long[0]);
        return flat.reshape('c', shape);
    }

    private static long[] parseShape(String inside, String where) {
        String t = inside.strip();
        if (t.endsWith(",")) t = t.substring(0, t.length() - 1).strip();
        if (t.isEmpty()) return new long[0];
        String[] parts = t.split(",");
        long[] shape = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].strip();
            if (!p.matches("\\d{1,18}")) throw bad(where, "shape (" + inside + ") is not a tuple of sizes");
            shape[i] = Long.parseLong(p);
        }
        return shape;
    }

    private static String quote(String header) {
        String h = header.length() > 120 ? header.substring(0, 120) + "..." : header;
        return "\"" + h.replace("\n", "\\n") + "\"";
    }

    private static IllegalArgumentException bad(String where, String problem) {
        return new IllegalArgumentException(where + ": " + problem);
    }
}
