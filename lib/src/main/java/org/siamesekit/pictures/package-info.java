/**
 * Images to look at: grids of labelled images, pairs and N-way tasks
 * ({@link org.siamesekit.pictures.Images}). Uses {@code data}, {@code pairs},
 * {@code tasks} and {@code evaluation}.
 */
package org.siamesekit.pictures;
