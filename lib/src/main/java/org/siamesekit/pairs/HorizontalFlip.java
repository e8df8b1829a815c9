package org.siamesekit.pairs;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.Reverse;
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
        INDArray images = batch.castTo(DataType.FLOAT);
        INDArray mirrored = Nd4j.exec(new Reverse(images, batch.rank() - 1))[0];
        long[] maskShape = new long[batch.rank()];
        Arrays.fill(maskShape, 1);
        maskShape[0] = batch.size(0);
        float[] flip = new float[(int) batch.size(0)];
        for (int i = 0; i < flip.length; i++) flip[i] = rng.nextDouble() < probability ? 1f : 0f;
        INDArray mask = Nd4j.create(flip, maskShape, 'c');
        // mask · mirrored + (1 − mask) · original, broadcast over each image's pixels
        return mirrored.mul(mask).addi(images.mul(mask.rsub(1f)));
    }

    @Override
    public String toString() {
        return "HorizontalFlip[p=" + probability + "]";
    }
}
