package org.siamesekit.pairs;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.siamesekit.data.LabelledImages;

import static org.junit.jupiter.api.Assertions.*;

class PairSamplerTest {
    private final LabelledImages images = SyntheticImages.constant(6, 4, 3, 3);

    @Test
    void balancedHasTheAskedCountsNoSelfPairsAndRightLabels() {
        Pairs p = PairSampler.balanced(images, 300, 200, 7);
        assertEquals(500, p.size());
        assertEquals(300, p.genuineCount());
        for (int i = 0; i < p.size(); i++) {
            assertNotEquals(p.left(i), p.right(i), "self pair at " + i);
            assertEquals(images.label(p.left(i)) == images.label(p.right(i)), p.isGenuine(i), "label of pair " + i);
        }
        // shuffled together: the first half is not all genuine
        int firstHalfGenuine = 0;
        for (int i = 0; i < 250; i++) if (p.isGenuine(i)) firstHalfGenuine++;
        assertTrue(firstHalfGenuine > 100 && firstHalfGenuine < 200, "first half genuine: " + firstHalfGenuine);
    }

    @Test
    void balancedDrawsWithReplacementBeyondTheDistinctPairs() {
        // 6 classes x C(4,2)=6 unordered genuine pairs = 36 distinct; ask for far more
        Pairs p = PairSampler.balanced(images, 1000, 1000, 1);
        assertEquals(1000, p.genuineCount());
    }

    @Test
    void sameSeedSamePairsOtherSeedOtherPairs() {
        assertEquals(PairSampler.balanced(images, 50, 50, 3), PairSampler.balanced(images, 50, 50, 3));
        assertNotEquals(PairSampler.balanced(images, 50, 50, 3), PairSampler.balanced(images, 50, 50, 4));
        assertEquals(PairSampler.onePerImage(images, 3), PairSampler.onePerImage(images, 3));
    }

    @Test
    void classRestrictionIsRespected() {
        Set<Integer> allowed = Set.of(1, 3, 4);
        Pairs p = PairSampler.balanced(images, 200, 200, 5, allowed);
        for (int i = 0; i < p.size(); i++) {
            assertTrue(allowed.contains(images.label(p.left(i))));
            assertTrue(allowed.contains(images.label(p.right(i))));
        }
        Pairs q = PairSampler.onePerImage(images, 5, allowed);
        assertEquals(2 * 3 * 4, q.size());
        for (int i = 0; i < q.size(); i++) {
            assertTrue(allowed.contains(images.label(q.left(i))) && allowed.contains(images.label(q.right(i))));
        }
    }

    @Test
    void onePerImageGivesEachImageOneGenuineAndOneImpostorPair() {
        Pairs p = PairSampler.onePerImage(images, 11);
        assertEquals(2 * images.size(), p.size());
        for (int i = 0; i < images.size(); i++) {
            assertEquals(i, p.left(2 * i));
            assertEquals(i, p.left(2 * i + 1));
            assertTrue(p.isGenuine(2 * i));
            assertFalse(p.isGenuine(2 * i + 1));
            assertNotEquals(i, p.right(2 * i));
            assertEquals(images.label(i), images.label(p.right(2 * i)));
            assertNotEquals(images.label(i), images.label(p.right(2 * i + 1)));
        }
    }

    @Test
    void impossibleRequestsFailClearly() {
        LabelledImages singles = SyntheticImages.constant(3, 1, 2, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PairSampler.balanced(singles, 1, 0, 1));
        assertTrue(e.getMessage().contains("two images"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PairSampler.balanced(images, 0, 5, 1, List.of(2)));
        assertThrows(IllegalArgumentException.class, () -> PairSampler.onePerImage(singles, 1));
        assertThrows(IllegalArgumentException.class, () -> PairSampler.balanced(images, 1, 1, 1, List.of(99)));
    }

    @Test
    void pairsBatchGathersImagesAndTargets() {
        Pairs p = PairSampler.onePerImage(images, 2);
        PairBatch b = p.batch(4, 10);
        assertEquals(6, b.size());
        assertArrayEquals(new long[] {6, 1, 3, 3}, b.left().shape());
        assertArrayEquals(new long[] {6, 1}, b.targets().shape());
        for (int i = 0; i < 6; i++) {
            float l = b.left().getFloat(i, 0, 0, 0), r = b.right().getFloat(i, 0, 0, 0);
            // constant images per class: equal pixels exactly when genuine
            assertEquals(p.isGenuine(4 + i) ? 1f : 0f, b.targets().getFloat(i, 0));
            assertEquals(p.isGenuine(4 + i), l == r);
        }
        assertThrows(IllegalArgumentException.class, () -> p.batch(5, 4));
    }
}
