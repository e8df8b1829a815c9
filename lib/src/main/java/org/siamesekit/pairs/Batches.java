package org.siamesekit.pairs;

import java.util.SplittableRandom;

import org.siamesekit.data.LabelledImages;

/**
 * Where training batches come from; the one entry point to the batch types.
 * <ul>
 * <li>Epochs over a fixed list of {@link Pairs}: {@link #shuffled} and
 *     {@link #inOrder} give {@link PairBatch}es.</li>
 * <li>Endless sources for iteration training ({@code Trainer.fit(model, source)}),
 *     each a {@code Supplier<TrainingBatch>}: {@link #halfGenuine} (fresh pairs,
 *     half genuine) and {@link #allPairs} (a few classes × a few images and every
 *     pair among them).</li>
 * </ul>
 * A {@link TrainingBatch} is what a model trains on: images and the pairs among
 * them; a {@link PairBatch} converts to one.
 */
public final class Batches {
    private Batches() {}

    /** One epoch over {@code pairs} in a random order drawn from {@code rng}. */
    public static EpochBatches shuffled(Pairs pairs, int batchSize, SplittableRandom rng) {
        return EpochBatches.shuffled(pairs, batchSize, rng);
    }

    /** One pass over {@code pairs} in stored order (evaluation). */
    public static EpochBatches inOrder(Pairs pairs, int batchSize) {
        return EpochBatches.inOrder(pairs, batchSize);
    }

    /** The pairs at {@code positions} of {@code pairs}, as one batch. */
    public static PairBatch gather(Pairs pairs, int[] positions) {
        return EpochBatches.gather(pairs, positions);
    }

    /** Fresh batches of {@code batchSize} pairs, half genuine, half impostor. */
    public static HalfGenuineBatches halfGenuine(LabelledImages images, int batchSize, long seed) {
        return new HalfGenuineBatches(images, batchSize, seed, null, null);
    }

    /** Batches of 32 classes × 4 images and all pairs among them (settings on the result). */
    public static AllPairsBatches allPairs(LabelledImages images, long seed) {
        return AllPairsBatches.from(images, seed);
    }
}
