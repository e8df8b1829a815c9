package org.siamesekit.pairs;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One mini-batch of pairs ready for a Siamese model: left and right images
 * [b, 1, h, w] and targets [b, 1] (1 genuine, 0 impostor).
 */
public record PairBatch(INDArray left, INDArray right, INDArray targets) {
    public int size() { return (int) targets.size(0); }

    /** The 2n images (left ones first) and the pairs (i, n + i), each of weight 1. */
    public TrainingBatch toTrainingBatch() { return TrainingBatch.of(this); }
}
