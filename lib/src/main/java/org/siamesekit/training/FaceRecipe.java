package org.siamesekit.training;

import java.util.Locale;

import org.siamesekit.augment.Augmentations;
import org.siamesekit.data.LabelledImages;
import org.siamesekit.evaluation.Embeddings;
import org.siamesekit.evaluation.UnseenClasses;
import org.siamesekit.evaluation.Verification;
import org.siamesekit.models.EmbeddingNet;
import org.siamesekit.models.Presets;
import org.siamesekit.models.SiameseModel;
import org.siamesekit.optim.Optimizer;
import org.siamesekit.pairs.AllPairsBatches;
import org.siamesekit.pairs.Batches;

/**
 * The kit's recipe for training a face network on few people, in one call
 * (notebook 01 builds it cell by cell): {@link Presets#faces()}, contrastive loss;
 * every step 16 people × 4 photos and all pairs among them; flips, small
 * tilts, shifts and zooms and lighting jitter of the training photos
 * ({@link Augmentations#faces}); Adam with a one-cycle learning rate; the
 * weights with the best AUC on every pair of the validation people's photos kept.
 */
public record FaceRecipe(EmbeddingNet net, double margin, int people, int photos, double peakLearningRate, long steps,
                         long validateEvery, boolean progress) {
    public FaceRecipe {
        if (steps < 2) throw new IllegalArgumentException("steps must be at least 2, got " + steps);
        if (validateEvery < 1) throw new IllegalArgumentException("validateEvery must be at least 1, got " + validateEvery);
    }

    /**
     * The kit's step count: with 25 training people validation AUC peaks within a few
     * hundred steps, and longer training learns those people by heart (docs/results.md).
     */
    public static final long STEPS = 300;

    /** The kit's settings: margin 1, 16 × 4 photos, peak rate 0.003, validation 10 times. */
    public static FaceRecipe standard(long steps) {
        return new FaceRecipe(Presets.faces(), 1.0, 16, 4, 3e-3, steps, Math.max(1, steps / 10), true);
    }

    public FaceRecipe withNet(EmbeddingNet n) { return new FaceRecipe(n, margin, people, photos, peakLearningRate, steps, validateEvery, progress); }

    public FaceRecipe withMargin(double m) { return new FaceRecipe(net, m, people, photos, peakLearningRate, steps, validateEvery, progress); }

    public FaceRecipe withPeakLearningRate(double lr) { return new FaceRecipe(net, margin, people, photos, lr, steps, validateEvery, progress); }

    public FaceRecipe withProgress(boolean show) { return new FaceRecipe(net, margin, people, photos, peakLearningRate, steps, validateEvery, show); }

    /** The training batches: people × photos from {@code train}, all pairs, augmented. */
    public AllPairsBatches batches(LabelledImages train, long seed) {
        return Batches.allPairs(train, seed).classes(people).imagesPerClass(photos).distortion(Augmentations.faces(seed + 1));
    }

    public Optimizer optimizer() { return Optimizer.adam(peakLearningRate).oneCycle(steps); }

    /** A new model trained on {@code train}, checkpoint chosen on {@code validation} (other people). */
    public SiameseModel train(LabelledImages train, LabelledImages validation, long seed) {
        SiameseModel model = SiameseModel.contrastive(net, margin, seed);
        Trainer.builder().iterations(steps).validateEvery(validateEvery).optimizer(optimizer())
                .metric("validation AUC", m -> Verification.auc(UnseenClasses.allPairs(Embeddings.of(m::embed, validation),
                        validation.labels())))
                .restoreBest(true).progress(progress).seed(seed).build()
                .fit(model, batches(train, seed + 2));
        return model;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "FaceRecipe[%d people × %d photos, all pairs, margin %s, %s, %,d steps]",
                people, photos, margin, optimizer().spec(), steps);
    }
}
