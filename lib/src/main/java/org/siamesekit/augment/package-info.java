/**
 * Changes to images: random ones for training, drawn afresh for every batch
 * ({@link org.siamesekit.augment.AffineDistortion}, Koch et al.'s affine
 * distortions and small ones for faces; {@link org.siamesekit.augment.HorizontalFlip};
 * {@link org.siamesekit.augment.BrightnessContrast}; chained by
 * {@link org.siamesekit.augment.Augmentations}), and one fixed by the seed for
 * evaluation ({@link org.siamesekit.augment.CameraPerturbation}, a door camera's
 * shifts, tilts, zooms and light). Uses only ND4J.
 */
package org.siamesekit.augment;
