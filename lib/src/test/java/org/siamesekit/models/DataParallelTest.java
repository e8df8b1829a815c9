package org.siamesekit.models;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.siamesekit.pairs.PairBatch;
import org.siamesekit.pairs.TrainingBatch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.siamesekit.models.Activation.RELU;
import static org.siamesekit.models.Activation.TANH;

/** Split across workers, a step or an inference run computes what one worker computes. */
class DataParallelTest {
    static final EmbeddingNet NET = EmbeddingNet.input(1, 10, 10).conv(4, 3, RELU).maxPool(2).dropout(0.3)
            .flatten().dense(8, TANH);

    static PairBatch batch(int pairs, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return new PairBatch(Nd4j.rand(DataType.FLOAT, pairs, 1, 10, 10), Nd4j.rand(DataType.FLOAT, pairs, 1, 10, 10),
                Nd4j.rand(DataType.FLOAT, pairs, 1).gt(0.5).castTo(DataType.FLOAT));
    }

    private static SiameseModel.LossAndGradients step(SiameseModel m, TrainingBatch b, int workers) {
        m.seedDropout(5); // the same masks for every layout
        SiameseModel.StepInput in = m.prepare(b, workers);
        assertEquals(workers, in.workers(), "the batch should be split " + workers + " ways");
        SiameseModel.LossAndGradients lg = m.lossAndGradients(in);
        // copies: the next run of the same graph may write into the arrays it returned
        Map<String, INDArray> copies = new java.util.LinkedHashMap<>();
        lg.gradients().forEach((k, v) -> copies.put(k, v.dup()));
        return new SiameseModel.LossAndGradients(lg.loss(), copies);
    }

    @Test
    void twoAndThreeWorkersGiveOneWorkersLossAndGradients() {
        for (SiameseModel m : new SiameseModel[] {SiameseModel.contrastive(NET, 1.0, 3), SiameseModel.koch(NET, 3)}) {
            m.workers(3);
            TrainingBatch b = batch(60, 1).toTrainingBatch();
            SiameseModel.LossAndGradients one = step(m, b, 1);
            for (int w : new int[] {2, 3}) {
                SiameseModel.LossAndGradients split = step(m, b, w);
                assertEquals(one.loss(), split.loss(), 1e-5 * Math.abs(one.loss()), m.head().spec() + ", " + w + " workers");
                for (String p : m.parameterNames()) {
                    INDArray g1 = one.gradients().get(p), g2 = split.gradients().get(p);
                    double scale = Math.max(1e-6, g1.norm2Number().doubleValue());
                    assertTrue(g1.norm2Number().doubleValue() > 0, p);
                    assertEquals(0, g1.sub(g2).norm2Number().doubleValue() / scale, 1e-4, p + ", " + w + " workers");
                }
            }
        }
    }

    @Test
    void weightedPairsCountByTheirWeightInEveryShare() {
        for (SiameseModel m : new SiameseModel[] {SiameseModel.contrastive(NET, 1.0, 4), SiameseModel.koch(NET, 4)}) {
            m.workers(2);
            TrainingBatch plain = batch(40, 2).toTrainingBatch();
            float[] w = new float[40];
            for (int i = 0; i < 40; i++) w[i] = i < 30 ? 0.2f : 3f; // the second share weighs far more
            TrainingBatch weighted = new TrainingBatch(plain.images(), plain.left(), plain.right(), plain.targets(), w);
            SiameseModel.LossAndGradients one = step(m, weighted, 1), two = step(m, weighted, 2);
            assertEquals(one.loss(), two.loss(), 1e-5);
            for (String p : m.parameterNames()) {
                INDArray g1 = one.gradients().get(p);
                double scale = Math.max(1e-6, g1.norm2Number().doubleValue());
                assertEquals(0, g1.sub(two.gradients().get(p)).norm2Number().doubleValue() / scale, 1e-4, m.head().spec() + " " + p);
            }
        }
    }

    @Test
    void aSplitStepIsTheSameEveryRun() {
        SiameseModel m = SiameseModel.koch(NET, 6).workers(2);
        TrainingBatch b = batch(48, 3).toTrainingBatch();
        SiameseModel.LossAndGradients a = step(m, b, 2), c = step(m, b, 2);
        assertEquals(a.loss(), c.loss(), 0.0);
        for (String p : m.parameterNames()) {
            assertArrayEquals(a.gradients().get(p).data().asFloat(), c.gradients().get(p).data().asFloat(), 0f, p);
        }
    }

    @Test
    void replicasFollowTheModelsParameters() {
        SiameseModel m = SiameseModel.koch(NET, 7).workers(2);
        TrainingBatch b = batch(40, 4).toTrainingBatch();
        step(m, b, 2); // builds the replica
        Map<String, INDArray> changed = m.copyParameters();
        changed.values().forEach(v -> v.muli(0.5));
        m.setParameters(changed);
        SiameseModel.LossAndGradients split = step(m, b, 2), one = step(m, b, 1);
        assertEquals(one.loss(), split.loss(), 1e-5 * Math.abs(one.loss()));
    }

    @Test
    void batchesWhosePairsShareMostImagesAreNotSplit() {
        SiameseModel m = SiameseModel.contrastive(NET, 1.0, 8).workers(2);
        int n = 12, p = n * (n - 1) / 2; // all pairs among 12 images
        int[] l = new int[p], r = new int[p];
        float[] t = new float[p], w = new float[p];
        int k = 0;
        for (int i = 0; i < n; i++) for (int j = i + 1; j < n; j++, k++) { l[k] = i; r[k] = j; t[k] = (i % 3 == j % 3) ? 1 : 0; w[k] = 1; }
        Nd4j.getRandom().setSeed(9);
        TrainingBatch all = new TrainingBatch(Nd4j.rand(DataType.FLOAT, n, 1, 10, 10), l, r, t, w);
        assertEquals(1, m.prepare(all, 2).workers());
    }

    @Test
    void inferenceSplitAcrossWorkersGivesTheSameNumbers() {
        SiameseModel serial = SiameseModel.koch(NET, 10).workers(1), split = SiameseModel.koch(NET, 10).workers(2);
        PairBatch b = batch(70, 5);
        assertEquals(serial.embed(b.left()), split.embed(b.left()));
        assertArrayEquals(serial.probabilitySame(b.left(), b.right()), split.probabilitySame(b.left(), b.right()), 1e-6);
        assertEquals(serial.loss(b), split.loss(b), 1e-6);
        SiameseModel c1 = SiameseModel.contrastive(NET, 1.0, 10).workers(1), c2 = SiameseModel.contrastive(NET, 1.0, 10).workers(3);
        assertArrayEquals(c1.distances(b.left(), b.right()), c2.distances(b.left(), b.right()), 1e-6);
    }

    @Test
    void theWorkersPropertySetsTheDefaultAndABadValueIsNamed() {
        String before = System.getProperty(DataParallel.WORKERS_PROPERTY);
        try {
            System.clearProperty(DataParallel.WORKERS_PROPERTY);
            assertEquals(1, SiameseModel.koch(NET, 10).workers());
            System.setProperty(DataParallel.WORKERS_PROPERTY, "2");
            SiameseModel fixed = SiameseModel.koch(NET, 10);
            assertEquals(2, fixed.workers());
            System.setProperty(DataParallel.WORKERS_PROPERTY, "3");
            assertEquals(2, fixed.workers(), "a model keeps the default it started with");
            System.setProperty(DataParallel.WORKERS_PROPERTY, "2");
            assertEquals(1, SiameseModel.koch(NET, 10).workers(1).workers(), "a model's own setting wins");
            System.setProperty(DataParallel.WORKERS_PROPERTY, "two");
            IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                    () -> SiameseModel.koch(NET, 10).workers());
            assertTrue(e.getMessage().contains("siamesekit.workers") && e.getMessage().contains("'two'"), e.getMessage());
        } finally {
            if (before == null) System.clearProperty(DataParallel.WORKERS_PROPERTY);
            else System.setProperty(DataParallel.WORKERS_PROPERTY, before);
        }
    }
}
