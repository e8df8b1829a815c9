/**
 * Which images go together, and with what label: {@link org.siamesekit.pairs.Pairs}
 * and {@link org.siamesekit.pairs.PairSampler} for fixed pair lists,
 * {@link org.siamesekit.pairs.Splits} for class- and image-disjoint splits, and
 * {@link org.siamesekit.pairs.Batches}, the one entry point to training batches.
 * Uses {@code data}.
 */
package org.siamesekit.pairs;
