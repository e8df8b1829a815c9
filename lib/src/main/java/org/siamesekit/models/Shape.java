package org.siamesekit.models;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The shape of one example as it flows through a network, without the batch
 * dimension: [channels, height, width] for images and feature maps, [features]
 * once flattened.
 */
public record Shape(long... dims) {
    public Shape {
        dims = dims.clone();
        for (long d : dims) {
            if (d < 1) throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " has a dimension below 1");
        }
    }

    public static Shape image(long channels, long height, long width) { return new Shape(channels, height, width); }

    public static Shape vector(long features) { return new Shape(features); }

    public boolean isImage() { return dims.length == 3; }

    public boolean isVector() { return dims.length == 1; }

    public long channels() { requireImage(); return dims[0]; }

    public long height() { requireImage(); return dims[1]; }

    public long width() { requireImage(); return dims[2]; }

    public long size() {
        long n = 1;
        for (long d : dims) n *= d;
        return n;
    }

    /** The shape with a leading batch dimension of -1 (any size), for a SameDiff placeholder. */
    public long[] withAnyBatch() {
        long[] s = new long[dims.length + 1];
        s[0] = -1;
        System.arraycopy(dims, 0, s, 1, dims.length);
        return s;
    }

    @Override
    public long[] dims() { return dims.clone(); }

    private void requireImage() {
        if (!isImage()) throw new IllegalStateException("shape " + this + " is not an image [channels, height, width]");
    }

    @Override
    public boolean equals(Object o) { return o instanceof Shape s && Arrays.equals(s.dims, dims); }

    @Override
    public int hashCode() { return Arrays.hashCode(dims); }

    /** For example 6×54×44 or 128. */
    @Override
    public String toString() {
        return Arrays.stream(dims).mapToObj(Long::toString).collect(Collectors.joining("×"));
    }
}
