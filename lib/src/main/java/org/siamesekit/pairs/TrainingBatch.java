package org.siamesekit.pairs;

import java.util.Arrays;
import java.util.Objects;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A mini-batch of images and the pairs among them that the loss counts: pair k
 * is (images[left[k]], images[right[k]]), with target[k] (1 genuine, 0
 * impostor) and weight[k]. The loss of the batch is the weighted mean
 * Σ weight·loss / Σ weight over its pairs.
 *
 * <p>Every image goes through the network once however many pairs it is in,
 * which is what makes {@link AllPairsBatches} cheap: 128 images make 8,128
 * pairs for the price of 128 embeddings. A {@link PairBatch} of n pairs is the
 * special case of 2n images and the pairs (i, n + i), all of weight 1.
 *
 * @param images  [b, 1, h, w]
 * @param left    index into images of each pair's first image
 * @param right   index into images of each pair's second image
 * @param targets per pair: 1 genuine, 0 impostor
 * @param weights per pair, at least 0 and not all 0
 */
public record TrainingBatch(INDArray images, int[] left, int[] right, float[] targets, float[] weights) {
    public TrainingBatch {
        Objects.requireNonNull(images, "images");
        int n = left.length;
        if (right.length != n || targets.length != n || weights.length != n) {
            throw new IllegalArgumentException("left, right, targets and weights must have one entry per pair; got "
                    + n + ", " + right.length + ", " + targets.length + " and " + weights.length);
        }
        if (n == 0) throw new IllegalArgumentException("a batch needs at least one pair");
        long b = images.size(0);
        double total = 0;
        for (int k = 0; k < n; k++) {
            if (left[k] < 0 || left[k] >= b || right[k] < 0 || right[k] >= b) {
                throw new IllegalArgumentException("pair " + k + " is (" + left[k] + ", " + right[k] + ") but the batch has " + b + " images");
            }
            if (targets[k] != 0 && targets[k] != 1) throw new IllegalArgumentException("target of pair " + k + " is " + targets[k] + ", not 0 or 1");
            if (!(weights[k] >= 0) || Float.isInfinite(weights[k])) throw new IllegalArgumentException("weight of pair " + k + " is " + weights[k]);
            total += weights[k];
        }
        if (total == 0) throw new IllegalArgumentException("all pair weights are 0");
    }

    /** The n pairs of a {@link PairBatch} as 2n images (left ones first) and the pairs (i, n + i), weight 1 each. */
    public static TrainingBatch of(PairBatch batch) {
        int n = batch.size();
        int[] l = new int[n], r = new int[n];
        for (int i = 0; i < n; i++) {
            l[i] = i;
            r[i] = n + i;
        }
        float[] w = new float[n];
        Arrays.fill(w, 1f);
        INDArray images = Nd4j.concat(0, batch.left(), batch.right());
        return new TrainingBatch(images, l, r, batch.targets().castTo(DataType.FLOAT).toFloatVector(), w);
    }


    public int pairs() { return left.length; }

    public int imageCount() { return (int) images.size(0); }

    public int genuinePairs() {
        int g = 0;
        for (float t : targets) if (t == 1) g++;
        return g;
    }

    @Override
    public String toString() {
        return "TrainingBatch[" + imageCount() + " images, " + pairs() + " pairs, " + genuinePairs() + " genuine]";
    }
}
