package org.siamesekit.pairs;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.siamesekit.data.LabelledImages;

import static org.junit.jupiter.api.Assertions.*;

class SplitsTest {
    @Test
    void byPairsCutsShuffledPairs75to25() {
        LabelledImages images = SyntheticImages.constant(5, 4, 2, 2);
        Pairs all = PairSampler.balanced(images, 100, 100, 1);
        Splits.PairSplit s = Splits.byPairs(all, 0.75, 9);
        assertEquals(150, s.train().size());
        assertEquals(50, s.test().size());
        assertEquals(all.genuineCount(), s.train().genuineCount() + s.test().genuineCount());
        assertEquals(s, Splits.byPairs(all, 0.75, 9));
    }

    @Test
    void byClassKeepsClassesDisjointAndCoversThemAll() {
        LabelledImages images = SyntheticImages.constant(10, 3, 2, 2);
        Splits.ImageSplit s = Splits.byClass(images, 6, 2, 4);
        assertEquals(6, s.trainClasses().size());
        assertEquals(2, s.validationClasses().size());
        assertEquals(2, s.testClasses().size());
        Set<Integer> seen = new HashSet<>();
        for (List<Integer> part : List.of(s.trainClasses(), s.validationClasses(), s.testClasses())) {
            for (int c : part) assertTrue(seen.add(c), "class " + c + " in two parts");
        }
        assertEquals(10, seen.size());
        assertEquals(18, s.train().size());
        for (int i = 0; i < s.test().size(); i++) assertTrue(s.testClasses().contains(s.test().label(i)));
        assertEquals(s.testClasses(), Splits.byClass(images, 6, 2, 4).testClasses());

        Splits.ImageSplit f = Splits.byClass(images, 0.7, 0.0, 4);
        assertEquals(7, f.trainClasses().size());
        assertEquals(0, f.validation().size());
        assertEquals(3, f.testClasses().size());
        assertThrows(IllegalArgumentException.class, () -> Splits.byClass(images, 8, 2, 1));
    }

    @Test
    void byGroupHoldsOutWholeGroups() {
        LabelledImages images = SyntheticImages.constant(12, 2, 2, 2, 3); // groups g0..g3 of 3 classes
        Splits.GroupSplit s = Splits.byGroup(images, List.of("g1", "g3"));
        assertEquals(List.of("g0", "g2"), s.keptGroups());
        assertEquals(12, s.heldOut().size());
        for (int i = 0; i < s.heldOut().size(); i++) {
            String g = images.groupOf(s.heldOut().label(i));
            assertTrue(g.equals("g1") || g.equals("g3"));
        }
        Splits.GroupSplit r = Splits.byGroup(images, 1, 8);
        assertEquals(1, r.heldOutGroups().size());
        assertEquals(18, r.kept().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Splits.byGroup(images, List.of("Latin")));
        assertTrue(e.getMessage().contains("g0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Splits.byGroup(SyntheticImages.constant(3, 2, 2, 2), 1, 1));
    }

    @Test
    void holdOutImagesCutsImagesNotClassesAndIsSeeded() {
        LabelledImages images = SyntheticImages.constant(4, 10, 2, 2);
        Splits.ImageHoldOut h = Splits.holdOutImages(images, 0.2, 3);
        assertEquals(32, h.kept().size());
        assertEquals(8, h.heldOut().size());
        for (int c = 0; c < 4; c++) {
            assertEquals(8, h.kept().indicesOf(c).length);
            assertEquals(2, h.heldOut().indicesOf(c).length);
        }
        assertEquals(images.classNames(), h.heldOut().classNames());
        assertArrayEquals(h.heldOut().labels(), Splits.holdOutImages(images, 0.2, 3).heldOut().labels());
        assertThrows(IllegalArgumentException.class, () -> Splits.holdOutImages(images, 0, 3));
        // stratified: every class keeps its share, so a tiny fraction still holds one image of each class out
        Splits.ImageHoldOut tiny = Splits.holdOutImages(images, 0.001, 3);
        for (int c = 0; c < 4; c++) assertEquals(1, tiny.heldOut().indicesOf(c).length);
    }

    @Test
    void sampleImagesDrawsWithoutReplacement() {
        LabelledImages images = SyntheticImages.constant(5, 20, 2, 2);
        LabelledImages s = Splits.sampleImages(images, 30, 7);
        assertEquals(30, s.size());
        int[] labels = s.labels();
        for (int i = 1; i < labels.length; i++) assertTrue(labels[i - 1] <= labels[i], "original order kept");
        assertArrayEquals(labels, Splits.sampleImages(images, 30, 7).labels());
        assertSame(images, Splits.sampleImages(images, 100, 7));
        assertThrows(IllegalArgumentException.class, () -> Splits.sampleImages(images, 0, 7));
    }

    @Test
    void foldsOfClassesTestEveryClassOnceAndNeverTrainOnTheTestClasses() {
        org.siamesekit.data.LabelledImages images = SyntheticImages.constant(40, 3, 2, 2);
        java.util.List<Splits.ImageSplit> folds = Splits.byClassFolds(images, 4, 5, 42);
        java.util.Set<Integer> tested = new java.util.HashSet<>();
        for (Splits.ImageSplit f : folds) {
            org.junit.jupiter.api.Assertions.assertEquals(10, f.testClasses().size());
            org.junit.jupiter.api.Assertions.assertEquals(5, f.validationClasses().size());
            org.junit.jupiter.api.Assertions.assertEquals(25, f.trainClasses().size());
            java.util.Set<Integer> all = new java.util.HashSet<>(f.trainClasses());
            all.addAll(f.validationClasses());
            all.addAll(f.testClasses());
            org.junit.jupiter.api.Assertions.assertEquals(40, all.size()); // disjoint and complete
            org.junit.jupiter.api.Assertions.assertEquals(30, f.test().size());
            tested.addAll(f.testClasses());
        }
        org.junit.jupiter.api.Assertions.assertEquals(40, tested.size());
        org.junit.jupiter.api.Assertions.assertEquals(folds.get(2).testClasses(), Splits.byClassFolds(images, 4, 5, 42).get(2).testClasses());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Splits.byClassFolds(images, 3, 5, 42));
    }
}
