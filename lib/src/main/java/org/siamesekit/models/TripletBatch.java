package org.siamesekit.models;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One mini-batch of triplets for a {@link Head.Triplet} model: anchors,
 * positives (same class as their anchor) and negatives (another class), each
 * [b, 1, h, w].
 */
public record TripletBatch(INDArray anchor, INDArray positive, INDArray negative) {
    public TripletBatch {
        if (anchor.size(0) != positive.size(0) || anchor.size(0) != negative.size(0)) {
            throw new IllegalArgumentException("anchor, positive and negative batches differ in size: "
                    + anchor.size(0) + ", " + positive.size(0) + ", " + negative.size(0));
        }
    }

    public int size() { return (int) anchor.size(0); }
}
