/**
 * Random changes to training images, drawn afresh for every batch:
 * {@link org.siamesekit.augment.AffineDistortion} (Koch et al.'s affine
 * distortions; small ones for faces) and {@link org.siamesekit.augment.HorizontalFlip}.
 * Uses only ND4J.
 */
package org.siamesekit.augment;
