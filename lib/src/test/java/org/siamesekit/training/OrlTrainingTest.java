package org.siamesekit.training;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.siamesekit.models.Activation.RELU;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.siamesekit.data.LabelledImages;
import org.siamesekit.models.EmbeddingNet;
import org.siamesekit.models.SiameseModel;
import org.siamesekit.pairs.PairBatch;
import org.siamesekit.pairs.PairBatches;
import org.siamesekit.pairs.Pairs;
import org.siamesekit.testdata.OrlTestData;

/** A short training run on real faces: the loss falls and genuine pairs end up closer than impostors. */
class OrlTrainingTest {
    @Test
    void contrastiveTrainingOnFivePeopleSeparatesGenuineFromImpostorPairs() throws Exception {
        LabelledImages faces = OrlTestData.load(5, 4); // 50 images, 28×23
        Pairs pairs = OrlTestData.balancedPairs(faces, 1); // 225 genuine + 225 impostor
        EmbeddingNet net = EmbeddingNet.input(1, 28, 23).conv(4, 3, RELU).maxPool(2).conv(8, 3, RELU).maxPool(2)
                .dropout(0.1).flatten().dense(16, RELU);
        SiameseModel model = SiameseModel.contrastive(net, 1.0, 3);

        double lossBefore = model.loss(pairs, 450);
        double[] gapBefore = meanDistances(model, pairs);
        TrainingHistory h = Trainer.builder().epochs(4).batchSize(32).optimizer(Optimizer.adam(3e-3)).seed(5)
                .progress(false).build().fit(model, pairs);
        double lossAfter = model.loss(pairs, 450);
        double[] after = meanDistances(model, pairs);

        assertTrue(lossAfter < 0.7 * lossBefore, "loss " + lossBefore + " -> " + lossAfter);
        assertTrue(h.last().trainLoss() < h.rows().get(0).trainLoss(), java.util.Arrays.toString(h.trainLosses()));
        assertTrue(after[0] < 0.7 * after[1], "mean genuine distance " + after[0] + " vs impostor " + after[1]
                + " (before: " + gapBefore[0] + " vs " + gapBefore[1] + ")");
    }

    /** {mean genuine distance, mean impostor distance}. */
    private static double[] meanDistances(SiameseModel model, Pairs pairs) {
        PairBatch all = PairBatches.gather(pairs, java.util.stream.IntStream.range(0, pairs.size()).toArray());
        double[] d = model.distances(all.left(), all.right());
        INDArray t = all.targets();
        double g = 0, i = 0;
        int ng = 0, ni = 0;
        for (int k = 0; k < d.length; k++) {
            if (t.getDouble(k, 0) == 1) { g += d[k]; ng++; } else { i += d[k]; ni++; }
        }
        return new double[] {g / ng, i / ni};
    }
}
