package org.siamesekit.augment;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Mirrors each image of a batch left to right with probability {@code probability},
 * each image decided on its own: the usual augmentation for photographs of
 * objects (a coat seen in a mirror is still a coat). Not for handwriting, where
 * the mirror image of a character can be another character.
 *
 * <p>An instance holds its own seeded random stream: the same seed and the same
 * sequence of calls flip the same images. Not thread-safe.
 */
public final class HorizontalFlip implements UnaryOperator<INDArray> {
    private final double probability;
    private final SplittableRandom rng;

    public HorizontalFlip(double probability, long seed) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("flip probability must be in [0, 1], got " + probability);
        }
        this.probability = probability;
        this.rng = new SplittableRandom(seed);
    }

    /** A copy of a batch [b, 1, h, w] (or [b, h, w]) with each image mirrored with the given probability. */
    @Override
    public INDArray apply(INDArray batch) {
        if (batch.rank() != 4 && batch.rank() != 3) {
            throw new IllegalArgumentException("expected images [b, 1, h, w], got shape " + Arrays.toString(batch.shape()));
        }
        // Mirrored in Java into one new array. The ND4J version (reverse, mask, two
        // products and a sum) left six batch-sized native arrays per step for the
        // garbage collector to free, and a full run of notebook 02 with it stopped
        // at the kernel's native memory limit.
        int n = (int) batch.size(0), w = (int) batch.size(batch.rank() - 1);
        float[] pixels = batch.castTo(DataType.FLOAT).dup('c').data().asFloat();
        int perImage = pixels.length / n;
        for (int i = 0; i < n; i++) {
            if (!(rng.nextDouble() < probability)) continue;
            for (int row = i * perImage; row < (i + 1) * perImage; row += w) {
                for (int a = row, b = row + w - 1; a < b; a++, b--) {
                    float t = pixels[a];
                    pixels[a] = pixels[b];
                    pixels[b] = t;
                }
            }
        }
        return Nd4j.create(pixels, batch.shape(), 'c');
    }

    @Override
    public String toString() {
        return "HorizontalFlip[p=" + probability + "]";
    }
}
