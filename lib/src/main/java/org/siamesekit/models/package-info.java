/**
 * Siamese networks on SameDiff: {@link org.siamesekit.models.EmbeddingNet} (the
 * twin network, built in one chain), {@link org.siamesekit.models.Head}
 * (contrastive, Koch's L1 + sigmoid, triplet), {@link org.siamesekit.models.SiameseModel}
 * (one graph, one set of shared weights; embed, distances, probabilitySame,
 * save/load) and {@link org.siamesekit.models.Presets} (the notebooks' networks).
 */
package org.siamesekit.models;
