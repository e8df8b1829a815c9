package org.siamesekit.readers;

/**
 * A grey-scale image read from a PGM file.
 *
 * @param width   columns
 * @param height  rows
 * @param maxval  the largest possible sample (255 for 8-bit files, up to 65535 for 16-bit)
 * @param samples row-major samples, each in [0, maxval]; not copied, treat as read-only
 */
public record PgmImage(int width, int height, int maxval, int[] samples) {

    public PgmImage {
        if (samples.length != (long) width * height) {
            throw new IllegalArgumentException(samples.length + " samples for a " + width + "x" + height + " image");
        }
    }

    /** The sample at column x, row y. */
    public int sample(int x, int y) {
        return samples[y * width + x];
    }

    /** All samples divided by maxval: row-major floats in [0, 1] (0 = black). */
    public float[] toFloats() {
        float[] out = new float[samples.length];
        toFloats(out, 0);
        return out;
    }

    /** Writes the samples divided by maxval into dst starting at offset. */
    public void toFloats(float[] dst, int offset) {
        float scale = 1f / maxval;
        for (int i = 0; i < samples.length; i++) dst[offset + i] = samples[i] * scale;
    }
}
