/**
 * One-shot enrolment: a {@link org.siamesekit.gallery.FaceGallery} keeps one
 * embedding per enrolled person and identifies or rejects a new photo.
 * Uses {@code models}, {@code evaluation}, {@code readers} and {@code files}.
 */
package org.siamesekit.gallery;
