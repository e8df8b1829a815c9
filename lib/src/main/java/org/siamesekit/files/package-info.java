/**
 * Writing the user's files safely (never half-written, never replaced unasked:
 * {@link org.siamesekit.files.SafeFiles}) and finding the kit's checkout and its
 * build outputs ({@link org.siamesekit.files.KitPaths}). Uses nothing of the kit.
 */
package org.siamesekit.files;
