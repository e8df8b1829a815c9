package org.siamesekit.evaluation;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.siamesekit.data.LabelledImages;
import org.siamesekit.pairs.PairSampler;
import org.siamesekit.pairs.Pairs;
import org.siamesekit.pairs.SyntheticImages;
import org.siamesekit.tasks.NWayTasks;

import static org.junit.jupiter.api.Assertions.*;

class BaselinesAndNWayTest {
    @Test
    void pixelBaselineIsTrueEuclideanDistance() {
        INDArray left = Nd4j.createFromArray(new float[] {0, 0, 0, 0, 1, 2, 3, 4}).reshape(2, 1, 2, 2);
        INDArray right = Nd4j.createFromArray(new float[] {3, 0, 0, 4, 1, 2, 3, 4}).reshape(2, 1, 2, 2);
        double[] d = Baselines.pixelL2().dissimilarity(left, right);
        assertArrayEquals(new double[] {5, 0}, d, 1e-6);
        // symmetric, unlike the seed's sum of sqrt(a^2 - b^2)
        assertArrayEquals(d, Baselines.pixelL2().dissimilarity(right, left), 1e-6);
        INDArray a = Nd4j.createFromArray(new float[] {0.5f, 0.25f, 1f}).reshape(1, 1, 1, 3);
        INDArray b = Nd4j.createFromArray(new float[] {0.25f, 0.75f, 0f}).reshape(1, 1, 1, 3);
        assertEquals(Math.sqrt(0.0625 + 0.25 + 1), Baselines.pixelL2().dissimilarity(a, b)[0], 1e-6);
        assertThrows(IllegalArgumentException.class, () -> Baselines.pixelL2().dissimilarity(a, left));
    }

    @Test
    void scoringPairsInBatches() {
        LabelledImages images = SyntheticImages.constant(4, 3, 2, 2);
        Pairs pairs = PairSampler.balanced(images, 20, 20, 1);
        AtomicInteger calls = new AtomicInteger();
        ScoredPairs s = ScoredPairs.score((l, r) -> { calls.incrementAndGet(); return Baselines.pixelL2().dissimilarity(l, r); }, pairs, 16);
        assertEquals(3, calls.get());
        for (int i = 0; i < s.size(); i++) assertEquals(pairs.isGenuine(i), s.score(i) == 0.0);
        assertEquals(1.0, Verification.auc(s), 1e-12);
    }

    @Test
    void nearestNeighbourSolvesSeparableTasksAndBatchingDoesNotMatter() {
        LabelledImages images = SyntheticImages.noisy(10, 4, 6, 6, 0.02, 3);
        NWayTasks tasks = NWayTasks.sample(images, 5, 40, 2);
        AtomicInteger calls = new AtomicInteger();
        PairScorer counting = (l, r) -> { calls.incrementAndGet(); return Baselines.pixelL2().dissimilarity(l, r); };
        NWayResult all = NWayEvaluator.accuracy(tasks, counting, 10_000);
        assertEquals(1, calls.get(), "all trials in one call");
        NWayResult small = NWayEvaluator.accuracy(tasks, Baselines.pixelL2(), 7); // one trial per call
        assertEquals(1.0, all.accuracy());
        assertArrayEquals(all.correct(), small.correct());
        for (int t = 0; t < 40; t++) assertArrayEquals(all.scores()[t], small.scores()[t], 1e-9);
        assertEquals(tasks.get(0).answer(), all.chosen(0));
    }

    @Test
    void aScorerThatPrefersTheWrongClassIsAlwaysWrong() {
        LabelledImages images = SyntheticImages.constant(6, 3, 2, 2);
        PairScorer inverted = (l, r) -> java.util.Arrays.stream(Baselines.pixelL2().dissimilarity(l, r)).map(x -> -x).toArray();
        assertEquals(0.0, NWayEvaluator.accuracy(NWayTasks.sample(images, 3, 30, 1), inverted).accuracy());
    }

    @Test
    void randomScorerGetsAboutOneInN() {
        LabelledImages images = SyntheticImages.constant(8, 2, 2, 2);
        NWayResult r = NWayEvaluator.accuracy(NWayTasks.sample(images, 4, 2000, 5), Baselines.random(1), 4096);
        assertEquals(Baselines.chanceAccuracy(4), r.accuracy(), 0.035);
        assertTrue(r.ci95().low() < 0.25 && r.ci95().high() > 0.25, r.toString());
        assertArrayEquals(Baselines.random(3).dissimilarity(images.images(), images.images()),
                Baselines.random(3).dissimilarity(images.images(), images.images()));
    }

    @Test
    void accuracyVsNUsesTheSameTrialsForEveryScorer() {
        LabelledImages images = SyntheticImages.noisy(8, 3, 4, 4, 0.02, 1);
        List<NWayResult> a = NWayEvaluator.accuracyVsN(images, new int[] {2, 5, 8}, 20, 4, false, Baselines.pixelL2());
        List<NWayResult> b = NWayEvaluator.accuracyVsN(images, new int[] {2, 5, 8}, 20, 4, false, Baselines.random(2));
        assertEquals(3, a.size());
        assertEquals(8, a.get(2).n());
        for (int i = 0; i < 3; i++) {
            assertEquals(a.get(i).task(7).query(), b.get(i).task(7).query());
            assertEquals(1.0, a.get(i).accuracy());
        }
    }
}
