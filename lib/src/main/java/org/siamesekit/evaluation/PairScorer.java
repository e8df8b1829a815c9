package org.siamesekit.evaluation;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Anything that scores image pairs by dissimilarity: lower means "more likely
 * the same class". A Siamese model (Euclidean distance, or 1 - p(same) for a
 * sigmoid head) and the pixel nearest-neighbour baseline both are one, so the
 * same metrics and N-way evaluation serve them all.
 */
@FunctionalInterface
public interface PairScorer {
    /**
     * @param left  images [b, 1, h, w]
     * @param right images [b, 1, h, w]
     * @return b dissimilarity scores, lower = more similar
     */
    double[] dissimilarity(INDArray left, INDArray right);
}
