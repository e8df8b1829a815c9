package org.siamesekit.data;

import java.nio.FloatBuffer;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fills a float [n, 1, h, w] INDArray image by image, from several threads.
 *
 * <p>Pixels are written straight into the array's native buffer (bulk copies
 * of one image at a time, never per-pixel putScalar), so a large set such as
 * Omniglot at full resolution needs its memory once, not twice (a Java float[]
 * plus the native copy). Distinct indices may be written concurrently.
 */
public final class ImageArrayBuilder {
    private final int n, h, w;
    private final INDArray array;
    private final FloatBuffer buffer;

    public ImageArrayBuilder(int n, int h, int w) {
        if (n < 0 || h < 1 || w < 1) throw new IllegalArgumentException("bad shape " + n + "x1x" + h + "x" + w);
        if ((long) n * h * w * Float.BYTES > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(n + " images of " + h + "x" + w + " exceed 2 GiB; load fewer or downsample");
        }
        this.n = n;
        this.h = h;
        this.w = w;
        // a dataset outlives any workspace a caller may have open, so allocate outside them
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            this.array = Nd4j.create(DataType.FLOAT, n, 1, h, w);
        }
        // an absolute-put view of the native memory; absolute puts leave the
        // shared position alone, so disjoint writes from many threads are safe
        this.buffer = n == 0 ? null : array.data().asNioFloat();
    }

    public int pixelsPerImage() { return h * w; }

    /** Copies one image's h*w row-major pixels (from {@code offset} in {@code pixels}) to slot {@code index}. */
    public void put(int index, float[] pixels, int offset) {
        if (index < 0 || index >= n) throw new IndexOutOfBoundsException("image " + index + " of " + n);
        buffer.put(index * h * w, pixels, offset, h * w);
    }

    public void put(int index, float[] pixels) { put(index, pixels, 0); }

    /** Copies {@code count} consecutive images from {@code pixels}, starting at slot {@code first}. */
    public void putAll(int first, int count, float[] pixels) {
        if (first < 0 || first + count > n) throw new IndexOutOfBoundsException("images " + first + ".." + (first + count) + " of " + n);
        buffer.put(first * h * w, pixels, 0, count * h * w);
    }

    /** The filled array (not copied). */
    public INDArray build() { return array; }
}
