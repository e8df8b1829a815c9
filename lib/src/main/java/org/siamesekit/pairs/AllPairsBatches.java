package org.siamesekit.pairs;

import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.siamesekit.data.LabelledImages;

/**
 * An endless source of batches that use <em>every</em> pair among their images:
 * each {@code get()} draws {@code classes} classes and {@code imagesPerClass}
 * different images of each, and pairs every image with every other one. With
 * 32 classes × 4 images that is 128 images, 192 genuine and 7,936 impostor
 * pairs, for the cost of 128 embeddings, where a batch of separate pairs gets
 * 64 genuine and 64 impostor pairs from 256 embeddings.
 *
 * <p>The genuine pairs together carry half the weight of the loss and the
 * impostor pairs the other half, so the balance is the same as in
 * {@link Batches#halfGenuine} batches; only each half is averaged over
 * many more pairs.
 *
 * <p>With {@link #rotations(boolean) rotations} on, each drawn class is turned by
 * a random multiple of 90° and a character turned by a different angle counts as
 * a different class (a new "character"), as in Santoro et al. (2016) and Vinyals
 * et al. (2016) for Omniglot: four times the classes to learn from.
 *
 * <p>Seeded: the same images, settings and seed give the same batches. Settings
 * return a new source (with its random stream started afresh).
 */
public final class AllPairsBatches implements Supplier<TrainingBatch> {
    private final LabelledImages images;
    private final long seed;
    private final int classes;
    private final int imagesPerClass;
    private final UnaryOperator<INDArray> distortion;
    private final boolean rotations;
    private final Collection<Integer> allowed;
    private final ClassPools pools;
    private final int[] eligible;
    private final Random rng;

    private AllPairsBatches(LabelledImages images, long seed, int classes, int imagesPerClass,
                            UnaryOperator<INDArray> distortion, boolean rotations, Collection<Integer> allowed) {
        this.images = Objects.requireNonNull(images, "images");
        if (classes < 2) throw new IllegalArgumentException("a batch needs at least 2 classes (for impostor pairs), got " + classes);
        if (imagesPerClass < 2) throw new IllegalArgumentException("a batch needs at least 2 images per class (for genuine pairs), got " + imagesPerClass);
        if (rotations && images.height() != images.width()) {
            throw new IllegalArgumentException("rotations by 90° need square images; these are " + images.height() + "×" + images.width());
        }
        this.seed = seed;
        this.classes = classes;
        this.imagesPerClass = imagesPerClass;
        this.distortion = distortion;
        this.rotations = rotations;
        this.allowed = allowed;
        this.pools = new ClassPools(images, allowed);
        this.eligible = Arrays.stream(pools.nonEmptyClasses()).filter(c -> pools.members(c).length >= imagesPerClass).toArray();
        this.rng = new Random(seed);
    }

    /** Whether the settings can be met; checked when a batch is drawn, so the settings may be given in any order. */
    private void check() {
        int distinct = eligible.length * (rotations ? 4 : 1);
        if (distinct < classes) {
            throw new IllegalArgumentException(images + " has " + eligible.length + " classes (in the chosen ones) with at least "
                    + imagesPerClass + " images" + (rotations ? " (×4 rotations)" : "") + "; a batch needs " + classes);
        }
    }

    /** Batches of 32 classes × 4 images from all classes of {@code images}, no distortion, no rotations. */
    static AllPairsBatches from(LabelledImages images, long seed) {
        return new AllPairsBatches(images, seed, 32, 4, null, false, null);
    }

    /** Classes per batch (default 32). */
    public AllPairsBatches classes(int n) {
        return new AllPairsBatches(images, seed, n, imagesPerClass, distortion, rotations, allowed);
    }

    /** Different images of each class per batch (default 4). */
    public AllPairsBatches imagesPerClass(int n) {
        return new AllPairsBatches(images, seed, classes, n, distortion, rotations, allowed);
    }

    /** Applied to the whole batch of images after they are drawn (and rotated), e.g. {@code AffineDistortion.koch}; null for none. */
    public AllPairsBatches distortion(UnaryOperator<INDArray> d) {
        return new AllPairsBatches(images, seed, classes, imagesPerClass, d, rotations, allowed);
    }

    /** Turn each drawn class by 0, 90, 180 or 270° and treat each angle as a class of its own (square images only). */
    public AllPairsBatches rotations(boolean on) {
        return new AllPairsBatches(images, seed, classes, imagesPerClass, distortion, on, allowed);
    }

    /** Draw only from these classes (null: all). */
    public AllPairsBatches onlyClasses(Collection<Integer> only) {
        return new AllPairsBatches(images, seed, classes, imagesPerClass, distortion, rotations, only);
    }

    /** The same source with its random stream started afresh: two models trained on it see the same batches. */
    public AllPairsBatches restarted() {
        return new AllPairsBatches(images, seed, classes, imagesPerClass, distortion, rotations, allowed);
    }

    public int imagesPerBatch() { return classes * imagesPerClass; }

    public int pairsPerBatch() { return imagesPerBatch() * (imagesPerBatch() - 1) / 2; }

    @Override
    public TrainingBatch get() {
        check();
        int b = imagesPerBatch();
        int[] indices = new int[b], quarterTurns = new int[classes];
        Set<Long> drawn = new HashSet<>();
        for (int c = 0; c < classes; c++) {
            int label, turns;
            do {
                label = eligible[rng.nextInt(eligible.length)];
                turns = rotations ? rng.nextInt(4) : 0;
            } while (!drawn.add(label * 4L + turns));
            quarterTurns[c] = turns;
            int[] members = pools.members(label);
            int[] pick = distinctPositions(members.length, imagesPerClass);
            for (int k = 0; k < imagesPerClass; k++) indices[c * imagesPerClass + k] = members[pick[k]];
        }
        INDArray batch = images.gather(indices);
        if (rotations) batch = rotate(batch, quarterTurns);
        if (distortion != null) batch = distortion.apply(batch);

        int pairs = pairsPerBatch(), genuine = classes * imagesPerClass * (imagesPerClass - 1) / 2;
        int[] left = new int[pairs], right = new int[pairs];
        float[] targets = new float[pairs], weights = new float[pairs];
        float wGenuine = 0.5f / genuine, wImpostor = 0.5f / (pairs - genuine);
        int k = 0;
        for (int i = 0; i < b; i++) {
            for (int j = i + 1; j < b; j++, k++) {
                boolean same = i / imagesPerClass == j / imagesPerClass; // one drawn (class, angle) per group
                left[k] = i;
                right[k] = j;
                targets[k] = same ? 1f : 0f;
                weights[k] = same ? wGenuine : wImpostor;
            }
        }
        return new TrainingBatch(batch, left, right, targets, weights);
    }

    /** {@code k} different positions in [0, n), in random order (partial Fisher-Yates). */
    private int[] distinctPositions(int n, int k) {
        int[] all = new int[n];
        for (int i = 0; i < n; i++) all[i] = i;
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        return Arrays.copyOf(all, k);
    }

    /** Each group of {@code imagesPerClass} images turned counter-clockwise by its number of quarter turns. */
    private INDArray rotate(INDArray batch, int[] quarterTurns) {
        int side = images.height(), area = side * side;
        float[] in = batch.dup('c').data().asFloat(), out = new float[in.length];
        for (int n = 0; n < in.length / area; n++) {
            int turns = quarterTurns[n / imagesPerClass], base = n * area;
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    int sy = y, sx = x; // out(y, x) = in(sy, sx) after `turns` counter-clockwise quarter turns
                    for (int t = 0; t < turns; t++) {
                        int ny = sx, nx = side - 1 - sy;
                        sy = ny;
                        sx = nx;
                    }
                    out[base + y * side + x] = in[base + sy * side + sx];
                }
            }
        }
        return Nd4j.create(out, batch.shape(), 'c');
    }

    @Override
    public String toString() {
        return "AllPairsBatches[" + classes + " classes × " + imagesPerClass + " images = " + imagesPerBatch() + " images, "
                + pairsPerBatch() + " pairs per batch" + (rotations ? ", rotations" : "") + (distortion != null ? ", distorted" : "") + "]";
    }
}
