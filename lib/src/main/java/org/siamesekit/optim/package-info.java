/**
 * Optimisation state that travels with a model: {@link org.siamesekit.optim.Optimizer}
 * (SGD, Nesterov momentum, RMSProp, Adam; learning-rate decay),
 * {@link org.siamesekit.optim.TrainingState} (updater state and counters; one
 * optimizer step) and {@link org.siamesekit.optim.TrainingHistory} (losses and
 * metric per round, as a Tablesaw table). Uses only ND4J and Tablesaw.
 */
package org.siamesekit.optim;
