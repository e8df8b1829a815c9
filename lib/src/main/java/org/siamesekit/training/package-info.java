/**
 * Training a {@link org.siamesekit.models.SiameseModel}:
 * {@link org.siamesekit.training.Trainer} (epochs over fixed pairs or iterations
 * over sampled batches; validation, metric, best weights, checkpoints, early
 * stopping, resume) and its live {@link org.siamesekit.training.Progress} line and
 * loss chart; its input pipeline prepares the next batch on another thread;
 * {@link org.siamesekit.training.FaceRecipe}, the kit's recipe for a face network.
 * Uses {@code models} (and {@code models.samediff}'s worker threads), {@code optim},
 * {@code pairs}, {@code data}, {@code charts}, {@code backend}, {@code augment},
 * {@code evaluation} and {@code notebook}'s display bridge.
 */
package org.siamesekit.training;
