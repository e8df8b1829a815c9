package org.siamesekit.evaluation;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UnseenClassesTest {
    @Test
    void allPairsAndBalancedPairsCountRight() {
        int[] labels = {0, 0, 0, 1, 1, 1, 2, 2, 2};
        INDArray e = Nd4j.rand(9, 2);
        ScoredPairs all = UnseenClasses.allPairs(e, labels);
        assertEquals(36, all.size());
        assertEquals(9, all.genuineCount());
        ScoredPairs balanced = UnseenClasses.balanced(all, 1);
        assertEquals(9, balanced.genuineCount());
        assertEquals(9, balanced.impostorCount());
        org.junit.jupiter.api.Assertions.assertArrayEquals(balanced.scores(), UnseenClasses.balanced(all, 1).scores());
    }

    @Test
    void topKAveragesOverTheEnrolmentPhoto() {
        // Two classes on a line: class 0 at 0, 1, 10; class 1 at 11, 12, 13.
        // Enrol photo 0 (0 and 11): probes 1 -> 0 ok, 10 -> 11 wrong, 12, 13 ok: 3/4.
        // Enrol photo 1 (1 and 12): 0 ok, 10 -> 12 wrong, 11, 13 ok: 3/4.
        // Enrol photo 2 (10 and 13): 0 -> 10 ok, 1 ok, 11 -> 10 wrong, 12 -> 13 ok: 3/4.
        INDArray e = Nd4j.createFromArray(new double[][] {{0}, {1}, {10}, {11}, {12}, {13}});
        int[] labels = {0, 0, 0, 1, 1, 1};
        assertEquals(0.75, UnseenClasses.topK(e, labels, 1), 1e-12);
        assertEquals(1.0, UnseenClasses.topK(e, labels, 2), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> UnseenClasses.topK(Nd4j.rand(2, 1), new int[] {0, 1}, 1));
        // Probes moved: 10 -> 10.6 now nearer 11 still; 1 -> 11.4 would be wrong too. With the enrolled
        // photos unmoved, only the probe versions count.
        INDArray moved = Nd4j.createFromArray(new double[][] {{0}, {11.4}, {10}, {11}, {12}, {13}});
        // enrol 0 (0, 11): 11.4 wrong, 10 wrong, 12 ok, 13 ok -> 2/4; enrol 1 (1, 12): 0 ok, 10 wrong, 11 ok, 13 ok -> 3/4;
        // enrol 2 (10, 13): 0 ok, 11.4 -> 10 ok, 11 -> 10 wrong, 12 -> 13 ok -> 3/4
        assertEquals((0.5 + 0.75 + 0.75) / 3, UnseenClasses.topK(e, moved, labels, 1), 1e-12);
    }

    @Test
    void aPerfectEmbeddingScoresOneAndTheThresholdComesFromValidation() {
        int[] labels = {0, 0, 1, 1, 2, 2};
        org.siamesekit.data.LabelledImages images = new org.siamesekit.data.LabelledImages(
                Nd4j.createFromArray(new float[] {0, 0, 5, 5, 9, 9}).reshape(6, 1, 1, 1), labels, List.of("a", "b", "c"));
        UnseenClasses.Scores s = UnseenClasses.evaluate(Embeddings::pixels, images, images, 3);
        assertEquals(1.0, s.auc(), 1e-12);
        assertEquals(1.0, s.accuracy(), 1e-12);
        assertEquals(0.0, s.eer(), 1e-12);
        assertEquals(1.0, s.top1(), 1e-12);
    }
}
