/**
 * Siamese networks on SameDiff: {@link org.siamesekit.models.EmbeddingNet} (the
 * twin network, built in one chain), {@link org.siamesekit.models.Head}
 * (contrastive, or Koch's L1 + sigmoid), {@link org.siamesekit.models.SiameseModel}
 * (one graph, one set of shared weights; embed, distances, probabilitySame,
 * save/load) and {@link org.siamesekit.models.Presets} (the notebooks' networks).
 * Uses {@code models.samediff} (the only door to SameDiff's execution),
 * {@code optim}, {@code pairs}, {@code evaluation}'s PairScorer, {@code backend}
 * and {@code files}.
 */
package org.siamesekit.models;
