package org.siamesekit.pairs;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.siamesekit.data.LabelledImages;

class PairBatchSourcesTest {
    private final LabelledImages images = SyntheticImages.constant(8, 3, 4, 4);

    @Test
    void eachBatchIsHalfGenuineWithMatchingImages() {
        Supplier<PairBatch> source = PairBatchSources.halfGenuine(images, 10, 1);
        PairBatch b = source.get();
        assertEquals(10, b.size());
        assertArrayEquals(new long[] {10, 1, 4, 4}, b.right().shape());
        for (int i = 0; i < 10; i++) {
            boolean genuine = b.targets().getFloat(i, 0) == 1f;
            assertEquals(i < 5, genuine);
            // constant images per class: same pixels exactly when same class
            assertEquals(genuine, b.left().getFloat(i, 0, 1, 1) == b.right().getFloat(i, 0, 1, 1));
        }
        assertNotEquals(b.left(), source.get().left(), "each call draws a fresh batch");
    }

    @Test
    void seedsReproduceAndClassesAreRestricted() {
        PairBatch a = PairBatchSources.halfGenuine(images, 6, 4).get(), b = PairBatchSources.halfGenuine(images, 6, 4).get();
        assertEquals(a.left(), b.left());
        assertEquals(a.right(), b.right());
        PairBatch r = PairBatchSources.halfGenuine(images, 40, 2, null, List.of(0, 1)).get();
        // classes 0 and 1 have pixel values 1/9 and 2/9
        double max = Math.max(r.left().maxNumber().doubleValue(), r.right().maxNumber().doubleValue());
        assertTrue(max <= 2.0 / 9 + 1e-6, "max " + max);
    }

    @Test
    void distortionIsApplied() {
        LabelledImages ramp = SyntheticImages.noisy(4, 3, 9, 9, 0.4, 1);
        PairBatch plain = PairBatchSources.halfGenuine(ramp, 8, 5).get();
        PairBatch bent = PairBatchSources.halfGenuine(ramp, 8, 5, new AffineDistortion(10, 0.3, 0.8, 1.2, 2, 1.0, 7)).get();
        assertEquals(plain.targets(), bent.targets());
        assertFalse(plain.left().equalsWithEps(bent.left(), 1e-3));
    }
}
