package org.siamesekit.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Supplier;

import org.siamesekit.data.LabelledImages;
import org.siamesekit.models.TripletBatch;

/**
 * Random triplets for a triplet-loss model: an anchor, another image of its
 * class (positive) and an image of a different class (negative), sampled
 * uniformly over classes. Seeded, so the same seed gives the same batches.
 */
public final class TripletSampler implements Supplier<TripletBatch> {
    private final LabelledImages images;
    private final int batchSize;
    private final SplittableRandom rng;
    private final int[] anchorClasses;
    private final int[] allClasses;

    public TripletSampler(LabelledImages images, int batchSize, long seed) {
        this.images = Objects.requireNonNull(images, "images");
        if (batchSize < 1) throw new IllegalArgumentException("batch size must be at least 1, got " + batchSize);
        this.batchSize = batchSize;
        this.rng = new SplittableRandom(seed);
        List<Integer> anchors = new ArrayList<>(), all = new ArrayList<>();
        for (int c : images.presentClasses()) {
            all.add(c);
            if (images.indicesOf(c).length >= 2) anchors.add(c);
        }
        if (anchors.isEmpty()) throw new IllegalArgumentException(images + " has no class with two images: no positive pairs");
        if (all.size() < 2) throw new IllegalArgumentException(images + " has fewer than two classes: no negatives");
        this.anchorClasses = anchors.stream().mapToInt(Integer::intValue).toArray();
        this.allClasses = all.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public TripletBatch get() {
        int[] a = new int[batchSize], p = new int[batchSize], n = new int[batchSize];
        for (int i = 0; i < batchSize; i++) {
            int c = anchorClasses[rng.nextInt(anchorClasses.length)];
            int[] members = images.indicesOf(c);
            int ai = rng.nextInt(members.length);
            int pi = rng.nextInt(members.length - 1);
            if (pi >= ai) pi++;
            int other;
            do { other = allClasses[rng.nextInt(allClasses.length)]; } while (other == c);
            int[] negatives = images.indicesOf(other);
            a[i] = members[ai];
            p[i] = members[pi];
            n[i] = negatives[rng.nextInt(negatives.length)];
        }
        return new TripletBatch(images.gather(a), images.gather(p), images.gather(n));
    }
}
