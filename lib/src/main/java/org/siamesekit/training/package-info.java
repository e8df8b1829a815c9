/**
 * Training a {@link org.siamesekit.models.SiameseModel}: {@link org.siamesekit.training.Trainer}
 * (epochs over fixed pairs or iterations over sampled batches; validation,
 * metric, best weights, checkpoints, early stopping, resume), {@link org.siamesekit.training.Optimizer},
 * {@link org.siamesekit.training.TrainingHistory} (a Tablesaw table and a
 * {@link org.siamesekit.training.LossChart}) and {@link org.siamesekit.training.TripletSampler}.
 */
package org.siamesekit.training;

