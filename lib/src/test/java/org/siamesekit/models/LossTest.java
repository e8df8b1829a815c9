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

/** Each head's loss against the formula worked out by hand in plain Java. */
class LossTest {
    /** A linear embedding of 2×2 images into 3 dimensions, so the embeddings are easy to compute by hand. */
    static final EmbeddingNet LINEAR_NET = EmbeddingNet.input(1, 2, 2).flatten().dense(3, Activation.LINEAR);

    static INDArray images(long seed, int n) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, n, 1, 2, 2);
    }

    /** e = flatten(x)·W + b, computed in doubles. */
    static double[][] embedByHand(SiameseModel m, INDArray x) {
        INDArray w = m.parameters().get("layer2_dense_W"), b = m.parameters().get("layer2_dense_b");
        int n = (int) x.size(0);
        double[][] e = new double[n][3];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < 3; k++) {
                double s = b.getDouble(k);
                for (int p = 0; p < 4; p++) s += x.getDouble(i, 0, p / 2, p % 2) * w.getDouble(p, k);
                e[i][k] = s;
            }
        }
        return e;
    }

    static double squaredDistance(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) s += (a[k] - b[k]) * (a[k] - b[k]);
        return s;
    }

    static PairBatch batch(INDArray left, INDArray right, float... targets) {
        return new PairBatch(left, right, Nd4j.createFromArray(targets).reshape(targets.length, 1));
    }

    @Test
    void contrastiveLossIsGenuineDistanceSquaredPlusImpostorHingeSquared() {
        INDArray left = images(1, 4), right = images(2, 4);
        SiameseModel probe = SiameseModel.contrastive(LINEAR_NET, 1.0, 7);
        double[][] a = embedByHand(probe, left), b = embedByHand(probe, right);
        double[] d = new double[4];
        for (int i = 0; i < 4; i++) d[i] = Math.sqrt(squaredDistance(a[i], b[i]));
        // A margin between the two impostor distances: one impostor inside it (pushed), one outside (ignored).
        double margin = (d[1] + d[3]) / 2;
        SiameseModel m = SiameseModel.contrastive(LINEAR_NET, margin, 7);
        assertEquals(probe.parameters(), m.parameters(), "same seed, same weights");
        float[] y = {1, 0, 1, 0};
        double expected = 0;
        for (int i = 0; i < 4; i++) {
            expected += y[i] == 1 ? d[i] * d[i] : Math.pow(Math.max(0, margin - d[i]), 2);
        }
        expected /= 4;
        assertTrue(Math.min(d[1], d[3]) < margin && Math.max(d[1], d[3]) > margin);
        assertEquals(expected, m.loss(batch(left, right, y)), 1e-5);
        assertArrayEquals(d, m.distances(left, right), 1e-5);
        assertArrayEquals(d, m.dissimilarity(left, right), 1e-5);
        // The training path (no dropout in this net) computes the same loss.
        assertEquals(expected, m.lossAndGradients(m.feed(batch(left, right, y))).loss(), 1e-5);
    }

    @Test
    void kochLossIsBinaryCrossEntropyOfSigmoidOfWeightedL1Difference() {
        INDArray left = images(3, 5), right = images(4, 5);
        SiameseModel m = SiameseModel.koch(LINEAR_NET, 11);
        assertEquals(LINEAR_NET.paramCount() + 3 + 1, m.paramCount(), "tower plus the head's dense(1)");
        double[][] a = embedByHand(m, left), b = embedByHand(m, right);
        INDArray hw = m.parameters().get(SiameseModel.HEAD_W), hb = m.parameters().get(SiameseModel.HEAD_B);
        float[] y = {1, 0, 0, 1, 1};
        double expected = 0;
        double[] p = new double[5];
        for (int i = 0; i < 5; i++) {
            double z = hb.getDouble(0);
            for (int k = 0; k < 3; k++) z += Math.abs(a[i][k] - b[i][k]) * hw.getDouble(k, 0);
            p[i] = 1 / (1 + Math.exp(-z));
            expected -= y[i] * Math.log(p[i]) + (1 - y[i]) * Math.log(1 - p[i]);
        }
        expected /= 5;
        assertEquals(expected, m.loss(batch(left, right, y)), 1e-5);
        assertArrayEquals(p, m.probabilitySame(left, right), 1e-6);
        double[] dissimilarity = m.dissimilarity(left, right);
        for (int i = 0; i < 5; i++) assertEquals(1 - p[i], dissimilarity[i], 1e-6);
    }

    @Test
    void embedMatchesHandComputationAcrossInferenceChunks() {
        SiameseModel m = SiameseModel.contrastive(LINEAR_NET, 1, 5).inferenceBatchSize(3);
        INDArray x = images(9, 7); // 3 chunks: 3 + 3 + 1
        double[][] e = embedByHand(m, x);
        INDArray got = m.embed(x);
        assertArrayEquals(new long[] {7, 3}, got.shape());
        for (int i = 0; i < 7; i++) assertArrayEquals(e[i], got.getRow(i).toDoubleVector(), 1e-5);
        assertEquals(Map.of(), m.l2());
    }

    /** Pairs (0,1), (0,2), (1,2), (2,3), (0,3) of four images: images 0, 2 and 3 are in three pairs each. */
    static TrainingBatch indexed(INDArray images, float[] targets, float[] weights) {
        return new TrainingBatch(images, new int[] {0, 0, 1, 2, 0}, new int[] {1, 2, 2, 3, 3}, targets, weights);
    }

    @Test
    void pairsWithinABatchGiveTheWeightedMeanOfEachPairsLoss() {
        INDArray x = images(12, 4);
        float[] y = {1, 0, 0, 1, 0}, w = {0.5f, 0.1f, 0.2f, 1.5f, 0.7f};
        for (SiameseModel m : new SiameseModel[] {SiameseModel.contrastive(LINEAR_NET, 1.2, 5), SiameseModel.koch(LINEAR_NET, 5)}) {
            TrainingBatch b = indexed(x, y, w);
            // Each pair's own loss, from the inference path on that one pair.
            double sum = 0, total = 0;
            for (int k = 0; k < b.pairs(); k++) {
                INDArray l = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(b.left()[k], b.left()[k] + 1));
                INDArray r = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(b.right()[k], b.right()[k] + 1));
                sum += w[k] * m.loss(batch(l, r, y[k]));
                total += w[k];
            }
            assertEquals(sum / total, m.lossAndGradients(m.feed(b)).loss(), 1e-5, m.head().spec());
        }
    }

    @Test
    void anImageInSeveralPairsCollectsTheGradientOfEachPair() {
        // The same five pairs once as a batch of four images with repeated indices, once
        // as five separate (left, right) pairs: equal weights make the losses and the
        // gradients equal, which fails if a repeated image's gradient is counted once.
        INDArray x = images(13, 4);
        float[] y = {1, 0, 0, 1, 0}, w = {1, 1, 1, 1, 1};
        TrainingBatch b = indexed(x, y, w);
        int[] li = b.left(), ri = b.right();
        INDArray left = Nd4j.pullRows(x.reshape(4, 4), 1, li).reshape(5, 1, 2, 2), right = Nd4j.pullRows(x.reshape(4, 4), 1, ri).reshape(5, 1, 2, 2);
        for (SiameseModel m : new SiameseModel[] {SiameseModel.contrastive(LINEAR_NET, 2.0, 8), SiameseModel.koch(LINEAR_NET, 8)}) {
            SiameseModel.LossAndGradients viaIndices = m.lossAndGradients(m.feed(b));
            SiameseModel.LossAndGradients viaPairs = m.lossAndGradients(m.feed(batch(left, right, y)));
            assertEquals(viaPairs.loss(), viaIndices.loss(), 1e-6);
            for (String p : m.parameterNames()) {
                INDArray g1 = viaIndices.gradients().get(p), g2 = viaPairs.gradients().get(p);
                // (both heads compare a - b, which the last layer's bias cancels from: its gradient is ~0)
                double diff = g1.sub(g2).norm2Number().doubleValue(), size = g2.norm2Number().doubleValue();
                assertTrue(diff <= 1e-6 + 1e-4 * size, m.head().spec() + " " + p + ": |difference| " + diff + ", |gradient| " + size);
            }
        }
    }

    @Test
    void eachBatchIsFedItsOwnPairsTargetsAndWeightsWhateverCameBefore() {
        // feed() reuses the last batch's pair arrays while pairs, targets and weights
        // stay the same (all-pairs batches): a change in any of them must reach the graph.
        INDArray x = images(14, 4), other = images(15, 4);
        float[] y = {1, 0, 0, 1, 0}, w = {0.5f, 0.1f, 0.2f, 1.5f, 0.7f};
        TrainingBatch[] batches = {
            indexed(x, y, w),
            indexed(other, y, w),
            indexed(other, new float[] {0, 1, 0, 1, 0}, w),
            indexed(other, new float[] {0, 1, 0, 1, 0}, new float[] {1, 1, 1, 1, 1}),
            new TrainingBatch(other, new int[] {0, 1, 1, 3, 0}, new int[] {1, 2, 3, 3, 3}, new float[] {0, 1, 0, 1, 0}, new float[] {1, 1, 1, 1, 1}),
            indexed(x, y, w)};
        SiameseModel m = SiameseModel.koch(LINEAR_NET, 5);
        double previous = Double.NaN;
        for (TrainingBatch b : batches) {
            // a model built from the same seed has the same weights and has fed nothing before
            SiameseModel fresh = SiameseModel.koch(LINEAR_NET, 5);
            double expected = fresh.lossAndGradients(fresh.feed(b)).loss();
            assertEquals(expected, m.lossAndGradients(m.feed(b)).loss(), 1e-7);
            assertTrue(expected != previous, "each batch changes the loss, or this test could not fail");
            previous = expected;
        }
    }
}
