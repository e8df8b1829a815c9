package org.siamesekit.models;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.siamesekit.pairs.TrainingBatch;

/**
 * Each head's gradients against central finite differences of its own loss:
 * the loss is the weighted mean over pairs, so its gradient must be too (not,
 * for example, the gradient of the sum).
 */
class GradientCheckTest {
    private static final EmbeddingNet NET = EmbeddingNet.input(1, 4, 4).flatten().dense(3, Activation.TANH);

    @ParameterizedTest
    @ValueSource(strings = {"contrastive", "koch"})
    void gradientsMatchFiniteDifferencesOfTheWeightedMeanLoss(String head) {
        SiameseModel m = head.equals("koch") ? SiameseModel.koch(NET, 2) : SiameseModel.contrastive(NET, 1.0, 2);
        Nd4j.getRandom().setSeed(4);
        int pairs = 12;
        int[] left = new int[pairs], right = new int[pairs];
        float[] targets = new float[pairs], weights = new float[pairs];
        for (int k = 0; k < pairs; k++) {
            left[k] = k;
            right[k] = (k + 1) % pairs;
            targets[k] = k % 2;
            weights[k] = 1 + k % 3;
        }
        TrainingBatch batch = new TrainingBatch(Nd4j.rand(DataType.FLOAT, pairs, 1, 4, 4), left, right, targets, weights);
        Map<String, INDArray> feed = m.feed(batch);
        Map<String, INDArray> grads = m.lossAndGradients(feed).gradients();
        for (String p : new String[] {"layer2_dense_b", head.equals("koch") ? "head_b" : "layer2_dense_W"}) {
            INDArray w = m.parameters().get(p);
            double eps = 1e-2;
            double before = w.getDouble(0);
            w.putScalar(0, before + eps);
            double up = m.lossAndGradients(feed).loss();
            w.putScalar(0, before - eps);
            double down = m.lossAndGradients(feed).loss();
            w.putScalar(0, before);
            double numeric = (up - down) / (2 * eps);
            assertEquals(numeric, grads.get(p).getDouble(0), 2e-3 + 0.02 * Math.abs(numeric), head + ": d loss / d " + p + "[0]");
        }
    }
}
