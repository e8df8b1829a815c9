package org.siamesekit.pairs;

import java.util.Collection;
import java.util.Random;

import org.siamesekit.data.LabelledImages;

/**
 * Seeded sampling of genuine (same class) and impostor (different classes)
 * image pairs. Every pair joins two different images: there are no self-pairs
 * (i, i), which would teach a network nothing but "identical is similar".
 *
 * <p>Two recipes, one per seed notebook:
 * <ul>
 * <li>{@link #balanced} (ORL faces): a fixed number of genuine and of impostor
 * pairs drawn with replacement. A genuine pair picks a class uniformly (among
 * classes with two or more images) and two different images of it; an impostor
 * pair picks two different classes uniformly and one image of each.</li>
 * <li>{@link #onePerImage} (Fashion-MNIST, as in the Keras Siamese example):
 * every image anchors one genuine and one impostor pair, so each image is seen
 * equally often; 2n pairs for n images.</li>
 * </ul>
 * Both optionally take a set of classes to draw from, so training pairs can be
 * restricted to training classes.
 */
public final class PairSampler {
    private PairSampler() {}

    /** {@code nGenuine} genuine and {@code nImpostor} impostor pairs over all classes, shuffled together. */
    public static Pairs balanced(LabelledImages images, int nGenuine, int nImpostor, long seed) {
        return balanced(images, nGenuine, nImpostor, seed, null);
    }

    /**
     * {@code nGenuine} genuine and {@code nImpostor} impostor pairs drawn with
     * replacement from the given classes, then shuffled together (so any prefix
     * is itself roughly balanced).
     *
     * @param classes class labels to draw from, or null for all
     */
    public static Pairs balanced(LabelledImages images, int nGenuine, int nImpostor, long seed, Collection<Integer> classes) {
        if (nGenuine < 0 || nImpostor < 0) {
            throw new IllegalArgumentException("pair counts must be >= 0, got " + nGenuine + " genuine and " + nImpostor + " impostor");
        }
        ClassPools pools = new ClassPools(images, classes);
        if (nGenuine > 0) pools.requireGenuinePossible();
        if (nImpostor > 0) pools.requireImpostorPossible();
        Random rng = new Random(seed);
        int n = nGenuine + nImpostor;
        int[] left = new int[n], right = new int[n];
        boolean[] genuine = new boolean[n];
        for (int i = 0; i < n; i++) {
            int[] pair = i < nGenuine ? pools.genuine(rng) : pools.impostor(rng);
            left[i] = pair[0];
            right[i] = pair[1];
            genuine[i] = i < nGenuine;
        }
        shuffle(left, right, genuine, rng);
        return new Pairs(images, left, right, genuine);
    }

    /** One genuine and one impostor pair per image, over all classes: 2n pairs. */
    public static Pairs onePerImage(LabelledImages images, long seed) {
        return onePerImage(images, seed, null);
    }

    /**
     * For each image of the given classes (in index order) one genuine pair
     * (the image and another image of its class) followed by one impostor pair
     * (the image and an image of a uniformly drawn other class of the set).
     * Every class used needs at least two images.
     *
     * @param classes class labels to use, or null for all
     */
    public static Pairs onePerImage(LabelledImages images, long seed, Collection<Integer> classes) {
        ClassPools pools = new ClassPools(images, classes);
        pools.requireImpostorPossible();
        for (int c : pools.nonEmptyClasses()) {
            if (pools.members(c).length < 2) {
                throw new IllegalArgumentException("class " + c + " (" + images.className(c) + ") has only one image in "
                        + images + ", so that image has no genuine partner");
            }
        }
        int count = 0;
        for (int c : pools.nonEmptyClasses()) count += pools.members(c).length;
        int[] left = new int[2 * count], right = new int[2 * count];
        boolean[] genuine = new boolean[2 * count];
        Random rng = new Random(seed);
        int k = 0;
        for (int i = 0; i < images.size(); i++) {
            if (pools.members(images.label(i)).length == 0) continue; // class not chosen
            left[k] = i;
            right[k] = pools.partnerOf(i, rng);
            genuine[k++] = true;
            left[k] = i;
            right[k] = pools.impostorOf(i, rng);
            genuine[k++] = false;
        }
        return new Pairs(images, left, right, genuine);
    }

    static void shuffle(int[] a, int[] b, boolean[] g, Random rng) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = a[i]; a[i] = a[j]; a[j] = t;
            t = b[i]; b[i] = b[j]; b[j] = t;
            boolean u = g[i]; g[i] = g[j]; g[j] = u;
        }
    }
}
