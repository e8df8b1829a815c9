package org.siamesekit.models;

/** Convolution padding: VALID shrinks the image by kernel-1, SAME keeps its size. */
public enum Padding { VALID, SAME }
