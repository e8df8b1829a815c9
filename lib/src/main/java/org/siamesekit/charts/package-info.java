/**
 * XChart charts of training and results: {@link org.siamesekit.charts.LossChart}
 * (loss against epoch or iteration) and {@link org.siamesekit.charts.Charts}
 * (ROC, distance histograms, N-way accuracy). Uses {@code optim} and
 * {@code evaluation}.
 */
package org.siamesekit.charts;
