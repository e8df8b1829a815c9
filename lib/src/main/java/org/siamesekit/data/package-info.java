/**
 * The datasets: {@link org.siamesekit.data.DataManager} makes each available
 * (verified copy, Debian file or download, checked against SHA-256 sums) and
 * {@link org.siamesekit.data.OrlFaces}, {@link org.siamesekit.data.FashionMnist} and
 * {@link org.siamesekit.data.Omniglot} load them as
 * {@link org.siamesekit.data.LabelledImages}. Uses {@code readers} and {@code files}.
 */
package org.siamesekit.data;
