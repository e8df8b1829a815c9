package org.siamesekit.readers;

/**
 * Shrinks grey images by an integer factor by averaging each k x k block
 * (area averaging, the standard way to reduce resolution without aliasing).
 *
 * <p>The output is floor(h/k) x floor(w/k); when a side is not a multiple of
 * k, its last (h mod k) rows or (w mod k) columns are dropped. For Omniglot
 * (105 x 105) a factor of 3 gives 35 x 35 exactly, a factor of 2 gives 52 x 52
 * and drops the last row and column, which are blank margin in that dataset.
 *
 * <p>Done per image while decoding, rather than with an ND4J pooling op on the
 * whole set, so that the full-resolution set never has to sit in memory at once.
 */
public final class Downsample {
    private Downsample() {}

    /** The side length after shrinking {@code side} by {@code factor}. */
    public static int size(int side, int factor) {
        if (factor < 1) throw new IllegalArgumentException("downsampling factor must be at least 1, got " + factor);
        if (side / factor < 1) throw new IllegalArgumentException("cannot shrink a side of " + side + " by " + factor);
        return side / factor;
    }

    /**
     * Averages k x k blocks of {@code src} (row-major, h x w) into {@code dst}
     * from {@code offset}, row-major, size(h,k) x size(w,k).
     */
    public static void blockAverage(float[] src, int h, int w, int k, float[] dst, int offset) {
        int oh = size(h, k), ow = size(w, k);
        if (k == 1) {
            System.arraycopy(src, 0, dst, offset, h * w);
            return;
        }
        float inv = 1f / (k * k);
        for (int oy = 0; oy < oh; oy++) {
            for (int ox = 0; ox < ow; ox++) {
                float sum = 0;
                int base = oy * k * w + ox * k;
                for (int dy = 0; dy < k; dy++) {
                    int row = base + dy * w;
                    for (int dx = 0; dx < k; dx++) sum += src[row + dx];
                }
                dst[offset + oy * ow + ox] = sum * inv;
            }
        }
    }

    /** Convenience: a new array with the averaged image. */
    public static float[] blockAverage(float[] src, int h, int w, int k) {
        float[] out = new float[size(h, k) * size(w, k)];
        blockAverage(src, h, w, k, out, 0);
        return out;
    }
}
