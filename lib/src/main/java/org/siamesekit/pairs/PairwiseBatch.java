package org.siamesekit.pairs;

/**
 * A training batch for the pair heads (contrastive, Koch): either n pairs of
 * images ({@link PairBatch}) or a batch of images with the pairs among them
 * ({@link IndexedPairBatch}). The model trains on the second form; the first
 * converts to it.
 */
public sealed interface PairwiseBatch permits PairBatch, IndexedPairBatch {
    /** This batch as images and the pairs among them. */
    IndexedPairBatch indexed();
}
