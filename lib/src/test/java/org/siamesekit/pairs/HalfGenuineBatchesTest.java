package org.siamesekit.pairs;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.siamesekit.augment.AffineDistortion;
import org.siamesekit.data.LabelledImages;

import static org.junit.jupiter.api.Assertions.*;

class HalfGenuineBatchesTest {
    private final LabelledImages images = SyntheticImages.constant(8, 3, 4, 4);

    @Test
    void eachBatchIsHalfGenuineWithMatchingImages() {
        HalfGenuineBatches source = Batches.halfGenuine(images, 10, 1);
        PairBatch b = source.nextPairs();
        assertEquals(10, b.size());
        assertArrayEquals(new long[] {10, 1, 4, 4}, b.right().shape());
        for (int i = 0; i < 10; i++) {
            boolean genuine = b.targets().getFloat(i, 0) == 1f;
            assertEquals(i < 5, genuine);
            // constant images per class: same pixels exactly when same class
            assertEquals(genuine, b.left().getFloat(i, 0, 1, 1) == b.right().getFloat(i, 0, 1, 1));
        }
        assertNotEquals(b.left(), source.nextPairs().left(), "each call draws a fresh batch");
    }

    @Test
    void seedsReproduceAndClassesAreRestricted() {
        PairBatch a = Batches.halfGenuine(images, 6, 4).nextPairs(), b = Batches.halfGenuine(images, 6, 4).nextPairs();
        assertEquals(a.left(), b.left());
        assertEquals(a.right(), b.right());
        PairBatch r = Batches.halfGenuine(images, 40, 2).onlyClasses(List.of(0, 1)).nextPairs();
        // classes 0 and 1 have pixel values 1/9 and 2/9
        double max = Math.max(r.left().maxNumber().doubleValue(), r.right().maxNumber().doubleValue());
        assertTrue(max <= 2.0 / 9 + 1e-6, "max " + max);
    }

    @Test
    void distortionIsApplied() {
        LabelledImages ramp = SyntheticImages.noisy(4, 3, 9, 9, 0.4, 1);
        PairBatch plain = Batches.halfGenuine(ramp, 8, 5).nextPairs();
        PairBatch bent = Batches.halfGenuine(ramp, 8, 5).distortion(new AffineDistortion(10, 0.3, 0.8, 1.2, 2, 1.0, 7)).nextPairs();
        assertEquals(plain.targets(), bent.targets());
        assertFalse(plain.left().equalsWithEps(bent.left(), 1e-3));
    }

    @Test
    void getGivesTheSamePairsAsATrainingBatch() {
        TrainingBatch t = Batches.halfGenuine(images, 6, 9).get();
        PairBatch p = Batches.halfGenuine(images, 6, 9).nextPairs();
        assertEquals(p.toTrainingBatch().images(), t.images());
        assertArrayEquals(p.toTrainingBatch().targets(), t.targets());
        HalfGenuineBatches source = Batches.halfGenuine(images, 6, 9);
        source.get();
        assertEquals(t.images(), source.restarted().get().images(), "restarted() starts from the first batch");
    }
}
