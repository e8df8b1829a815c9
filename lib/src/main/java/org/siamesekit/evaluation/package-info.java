/**
 * Judging a model honestly: verification at a threshold chosen on validation
 * pairs ({@link org.siamesekit.evaluation.Verification}), ROC, AUC and EER, N-way
 * one-shot accuracy ({@link org.siamesekit.evaluation.NWayEvaluator}), the
 * pixel baselines ({@link org.siamesekit.evaluation.Baselines}) and embeddings.
 * Uses {@code data}, {@code pairs} and {@code tasks}.
 */
package org.siamesekit.evaluation;
