package org.siamesekit.pairs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;

import org.siamesekit.data.LabelledImages;

/**
 * The images of each class, restricted to a chosen set of classes, and the
 * primitive random draws every sampler needs: a genuine pair (two different
 * images of one class) and an impostor pair (one image from each of two
 * different classes). Shared so the fixed-size sampler and the endless batch
 * source draw pairs the same way.
 */
final class ClassPools {
    private final LabelledImages images;
    private final int[][] byClass;
    /** Classes with at least two images: the only ones that can form a genuine pair. */
    private final int[] genuineClasses;
    /** Classes with at least one image. */
    private final int[] nonEmptyClasses;

    /** @param classes the classes to draw from, or null for all classes */
    ClassPools(LabelledImages images, Collection<Integer> classes) {
        this.images = images;
        this.byClass = new int[images.numClasses()][];
        boolean[] allowed = new boolean[images.numClasses()];
        if (classes == null) {
            java.util.Arrays.fill(allowed, true);
        } else {
            for (int c : classes) {
                if (c < 0 || c >= images.numClasses()) {
                    throw new IllegalArgumentException("class " + c + " is not a class of " + images
                            + " (0.." + (images.numClasses() - 1) + ")");
                }
                allowed[c] = true;
            }
        }
        List<Integer> genuine = new ArrayList<>();
        List<Integer> nonEmpty = new ArrayList<>();
        for (int c = 0; c < byClass.length; c++) {
            byClass[c] = allowed[c] ? images.indicesOf(c) : new int[0];
            if (byClass[c].length >= 1) nonEmpty.add(c);
            if (byClass[c].length >= 2) genuine.add(c);
        }
        this.genuineClasses = genuine.stream().mapToInt(Integer::intValue).toArray();
        this.nonEmptyClasses = nonEmpty.stream().mapToInt(Integer::intValue).toArray();
    }

    LabelledImages images() { return images; }
    int[] members(int label) { return byClass[label]; }
    int[] genuineClasses() { return genuineClasses; }
    int[] nonEmptyClasses() { return nonEmptyClasses; }

    void requireGenuinePossible() {
        if (genuineClasses.length == 0) {
            throw new IllegalArgumentException("no class of " + images + " (in the chosen classes) has two images, "
                    + "so no genuine pair can be drawn");
        }
    }

    void requireImpostorPossible() {
        if (nonEmptyClasses.length < 2) {
            throw new IllegalArgumentException("impostor pairs need images of at least two classes; " + images
                    + " has " + nonEmptyClasses.length + " in the chosen classes");
        }
    }

    /** Two different images of one class, the class drawn uniformly among classes with two or more images. */
    int[] genuine(Random rng) {
        int[] members = byClass[genuineClasses[rng.nextInt(genuineClasses.length)]];
        return twoDistinct(members, rng);
    }

    /** A different image of the same class as {@code anchor}. */
    int partnerOf(int anchor, Random rng) {
        int[] members = byClass[images.label(anchor)];
        if (members.length < 2) {
            throw new IllegalArgumentException("image " + anchor + " is the only image of class "
                    + images.label(anchor) + " (" + images.className(images.label(anchor)) + "); it has no genuine partner");
        }
        int j = rng.nextInt(members.length - 1);
        // skip the anchor itself: map positions >= anchor's position one up
        int pos = java.util.Arrays.binarySearch(members, anchor);
        return members[j >= pos ? j + 1 : j];
    }

    /** One image from each of two different classes, the classes drawn uniformly. */
    int[] impostor(Random rng) {
        int a = rng.nextInt(nonEmptyClasses.length);
        int b = rng.nextInt(nonEmptyClasses.length - 1);
        if (b >= a) b++;
        int[] ma = byClass[nonEmptyClasses[a]], mb = byClass[nonEmptyClasses[b]];
        return new int[] {ma[rng.nextInt(ma.length)], mb[rng.nextInt(mb.length)]};
    }

    /** An image of a class other than {@code anchor}'s, the class drawn uniformly. */
    int impostorOf(int anchor, Random rng) {
        int own = java.util.Arrays.binarySearch(nonEmptyClasses, images.label(anchor));
        int count = own >= 0 ? nonEmptyClasses.length - 1 : nonEmptyClasses.length;
        if (count == 0) {
            throw new IllegalArgumentException("image " + anchor + " has no impostor partner: no other class has images");
        }
        int k = rng.nextInt(count);
        if (own >= 0 && k >= own) k++;
        int[] m = byClass[nonEmptyClasses[k]];
        return m[rng.nextInt(m.length)];
    }

    static int[] twoDistinct(int[] members, Random rng) {
        int i = rng.nextInt(members.length);
        int j = rng.nextInt(members.length - 1);
        if (j >= i) j++;
        return new int[] {members[i], members[j]};
    }
}
