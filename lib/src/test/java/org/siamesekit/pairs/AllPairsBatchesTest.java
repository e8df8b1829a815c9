package org.siamesekit.pairs;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.siamesekit.data.LabelledImages;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AllPairsBatchesTest {
    static final int SIDE = 5;

    /**
     * Ten classes of six images. Image i of class c is all zeros except for the value
     * c + 1 in its top-left pixel and i + 1 in the pixel to its right, so a batch
     * image tells its class, its drawing and (from where the marks went) how far it
     * was turned.
     */
    static LabelledImages marked() {
        int classes = 10, per = 6;
        float[] px = new float[classes * per * SIDE * SIDE];
        int[] labels = new int[classes * per];
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add("c" + c);
            for (int i = 0; i < per; i++) {
                int n = c * per + i;
                labels[n] = c;
                px[n * SIDE * SIDE] = c + 1;
                px[n * SIDE * SIDE + 1] = i + 1;
            }
        }
        return new LabelledImages(Nd4j.create(px, new long[] {classes * per, 1, SIDE, SIDE}, 'c'), labels, names);
    }

    /** {class, drawing, quarter turns} of a batch image, read from its marks. */
    static int[] decode(INDArray image) {
        float[] p = image.dup('c').data().asFloat();
        // the corner holding the class mark, and the mark beside it, for 0..3 counter-clockwise turns
        int[][] cornerAndNext = {{0, 1}, {(SIDE - 1) * SIDE, (SIDE - 2) * SIDE}, {SIDE * SIDE - 1, SIDE * SIDE - 2}, {SIDE - 1, 2 * SIDE - 1}};
        for (int t = 0; t < 4; t++) {
            if (p[cornerAndNext[t][0]] > 0 && p[cornerAndNext[t][1]] > 0) {
                return new int[] {(int) p[cornerAndNext[t][0]] - 1, (int) p[cornerAndNext[t][1]] - 1, t};
            }
        }
        throw new AssertionError("no marks found");
    }

    static int[][] decodeAll(TrainingBatch b) {
        int[][] out = new int[b.imageCount()][];
        for (int i = 0; i < out.length; i++) out[i] = decode(b.images().get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)));
        return out;
    }

    @Test
    void everyPairOfTheBatchIsThereOnceWithItsTargetAndBalancedWeights() {
        TrainingBatch b = AllPairsBatches.from(marked(), 3).classes(4).imagesPerClass(3).get();
        assertEquals(12, b.imageCount());
        assertEquals(66, b.pairs());
        int[][] id = decodeAll(b);
        Set<Integer> classes = new HashSet<>();
        Set<List<Integer>> seen = new HashSet<>();
        double genuineWeight = 0, impostorWeight = 0;
        for (int k = 0; k < b.pairs(); k++) {
            int i = b.left()[k], j = b.right()[k];
            assertTrue(i < j);
            assertTrue(seen.add(List.of(i, j)), "pair listed twice");
            boolean same = id[i][0] == id[j][0];
            assertEquals(same ? 1f : 0f, b.targets()[k], "target of " + i + ", " + j);
            if (same) genuineWeight += b.weights()[k]; else impostorWeight += b.weights()[k];
            classes.add(id[i][0]);
            assertEquals(0, id[i][2], "no rotation unless asked for");
        }
        assertEquals(4, classes.size(), "4 different classes");
        assertEquals(12, b.genuinePairs(), "4 classes × 3 pairs among 3 images");
        assertEquals(0.5, genuineWeight, 1e-6);
        assertEquals(0.5, impostorWeight, 1e-6);
        // within a class, different drawings
        for (int i = 0; i < 12; i += 3) {
            assertEquals(3, Set.of(id[i][1], id[i + 1][1], id[i + 2][1]).size());
        }
    }

    @Test
    void rotatedClassesAreNewClassesAndTheirImagesAreTurnedAlike() {
        AllPairsBatches source = AllPairsBatches.from(marked(), 4).classes(8).imagesPerClass(2).rotations(true);
        Set<Integer> turnsSeen = new HashSet<>();
        for (int round = 0; round < 20; round++) {
            TrainingBatch b = source.get();
            int[][] id = decodeAll(b);
            for (int k = 0; k < b.pairs(); k++) {
                int i = b.left()[k], j = b.right()[k];
                boolean sameGroup = i / 2 == j / 2;
                if (sameGroup) {
                    assertEquals(id[i][0], id[j][0]);
                    assertEquals(id[i][2], id[j][2], "one angle per drawn class");
                } else {
                    assertTrue(id[i][0] != id[j][0] || id[i][2] != id[j][2], "two groups are never the same class at the same angle");
                }
                assertEquals(sameGroup ? 1f : 0f, b.targets()[k]);
                turnsSeen.add(id[i][2]);
            }
        }
        assertEquals(Set.of(0, 1, 2, 3), turnsSeen);
    }

    @Test
    void turnsMovePixelsWithoutChangingThem() {
        LabelledImages one = marked();
        TrainingBatch b = AllPairsBatches.from(one, 9).classes(10).imagesPerClass(6).rotations(true).get();
        for (int i = 0; i < b.imageCount(); i++) {
            int[] id = decode(b.images().get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)));
            float sum = b.images().get(org.nd4j.linalg.indexing.NDArrayIndex.point(i)).sumNumber().floatValue();
            assertEquals(id[0] + 1 + id[1] + 1, sum, 1e-6, "a turn moves pixels, it does not change them");
        }
    }

    @Test
    void aRestartedSourceReplaysTheBatchesFromTheStart() {
        AllPairsBatches source = AllPairsBatches.from(marked(), 5).classes(3).imagesPerClass(2);
        TrainingBatch first = source.get(), second = source.get();
        assertNotEquals(first.images(), second.images());
        AllPairsBatches again = source.restarted();
        assertEquals(first.images(), again.get().images());
        assertEquals(second.images(), again.get().images());
    }

    @Test
    void sameSeedSameBatchesAndOtherSeedOthers() {
        TrainingBatch a = AllPairsBatches.from(marked(), 5).classes(3).imagesPerClass(2).get();
        TrainingBatch b = AllPairsBatches.from(marked(), 5).classes(3).imagesPerClass(2).get();
        TrainingBatch c = AllPairsBatches.from(marked(), 6).classes(3).imagesPerClass(2).get();
        assertEquals(a.images(), b.images());
        assertArrayEquals(a.targets(), b.targets());
        assertNotEquals(a.images(), c.images());
    }

    @Test
    void impossibleSettingsAreRefusedWithTheReason() {
        LabelledImages images = marked();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AllPairsBatches.from(images, 1).classes(11).get()).getMessage()
                .contains("a batch needs 11"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AllPairsBatches.from(images, 1).classes(2).imagesPerClass(7).get()).getMessage()
                .contains("at least 7 images"));
        assertThrows(IllegalArgumentException.class, () -> AllPairsBatches.from(images, 1).imagesPerClass(1));
        assertThrows(IllegalArgumentException.class, () -> AllPairsBatches.from(images, 1).classes(1));
        LabelledImages wide = new LabelledImages(Nd4j.zeros(4, 1, 2, 3), new int[] {0, 0, 1, 1}, List.of("a", "b"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> AllPairsBatches.from(wide, 1).classes(2).imagesPerClass(2).rotations(true))
                .getMessage().contains("square"));
        // 11 classes are possible once each class may come at four angles
        assertEquals(11 * 2, AllPairsBatches.from(images, 1).rotations(true).classes(11).imagesPerClass(2).get().imageCount());
    }

    @Test
    void peopleTimesPhotosBatchesForFaces() {
        // 25 people with 10 photos, 16 people × 4 photos per step: the faces recipe's batches.
        LabelledImages faces = SyntheticImages.constant(25, 10, 4, 3);
        AllPairsBatches source = Batches.allPairs(faces, 1).classes(16).imagesPerClass(4);
        TrainingBatch b = source.get();
        assertEquals(64, b.images().size(0));
        assertEquals(64 * 63 / 2, source.pairsPerBatch());
        Set<Double> people = new HashSet<>();
        for (int i = 0; i < 64; i += 4) {
            double v = b.images().getDouble(i, 0, 0, 0);
            for (int k = 1; k < 4; k++) assertEquals(v, b.images().getDouble(i + k, 0, 0, 0)); // one person per group
            people.add(v);
        }
        assertEquals(16, people.size());
    }
}
