package org.siamesekit.training;

import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.siamesekit.data.LabelledImages;
import org.siamesekit.models.EmbeddingNet;
import org.siamesekit.models.SiameseModel;
import org.siamesekit.optim.Optimizer;
import org.siamesekit.optim.TrainingHistory;
import org.siamesekit.pairs.Batches;
import org.siamesekit.pairs.PairBatch;
import org.siamesekit.pairs.Pairs;
import org.siamesekit.testdata.OrlTestData;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.siamesekit.models.Activation.RELU;

/** A short training run on real faces: the loss falls and genuine pairs end up closer than impostors. */
class OrlTrainingTest {
    @Test
    void contrastiveTrainingOnFivePeopleSeparatesGenuineFromImpostorPairs() throws Exception {
        LabelledImages faces = OrlTestData.load(5, 4); // 50 images, 28×23
        Pairs pairs = OrlTestData.balancedPairs(faces, 1); // 225 genuine + 225 impostor
        EmbeddingNet net = EmbeddingNet.input(1, 28, 23).conv(4, 3, RELU).maxPool(2).conv(8, 3, RELU).maxPool(2)
                .dropout(0.1).flatten().dense(16, RELU);
        SiameseModel model = SiameseModel.contrastive(net, 1.0, 3);
        assertTrainingSeparates(model, pairs, 0.7, () -> Trainer.builder().epochs(4).batchSize(32).optimizer(Optimizer.adam(3e-3)).seed(5)
                .progress(false).build().fit(model, pairs));
    }

    @Test
    void kochTrainingOnAllPairsOfEachBatchSeparatesGenuineFromImpostorPairs() throws Exception {
        LabelledImages faces = OrlTestData.load(5, 4);
        Pairs pairs = OrlTestData.balancedPairs(faces, 1);
        EmbeddingNet net = EmbeddingNet.input(1, 28, 23).conv(4, 3, RELU).maxPool(2).conv(8, 3, RELU).maxPool(2)
                .flatten().dense(16, org.siamesekit.models.Activation.SIGMOID);
        SiameseModel model = SiameseModel.koch(net, 3);
        var batches = Batches.allPairs(faces, 7).classes(4).imagesPerClass(4); // 16 faces, 120 pairs a batch
        assertTrainingSeparates(model, pairs, 0.5, () -> Trainer.builder().iterations(150).validateEvery(50).optimizer(Optimizer.adam(1e-2))
                .seed(5).progress(false).build().fit(model, batches));
    }

    /**
     * After {@code training}: the loss on the pairs below 0.7 of what it was, the
     * recorded training loss lower at the end than at the start, and the mean
     * dissimilarity of genuine pairs below {@code ratio} times that of impostors.
     */
    private static void assertTrainingSeparates(SiameseModel model, Pairs pairs, double ratio, Supplier<TrainingHistory> training) {
        double lossBefore = model.loss(pairs, 450);
        double[] before = meanDistances(model, pairs);
        TrainingHistory h = training.get();
        double lossAfter = model.loss(pairs, 450);
        double[] after = meanDistances(model, pairs);
        assertTrue(lossAfter < 0.7 * lossBefore, "loss " + lossBefore + " -> " + lossAfter);
        assertTrue(h.last().trainLoss() < h.rows().get(0).trainLoss(), java.util.Arrays.toString(h.trainLosses()));
        assertTrue(after[0] < ratio * after[1], "mean dissimilarity of genuine pairs " + after[0] + " vs impostors " + after[1]
                + " (before: " + before[0] + " vs " + before[1] + ")");
    }

    /** {mean genuine dissimilarity, mean impostor dissimilarity} (distance, or 1 − p(same) for Koch's head). */
    private static double[] meanDistances(SiameseModel model, Pairs pairs) {
        PairBatch all = Batches.gather(pairs, java.util.stream.IntStream.range(0, pairs.size()).toArray());
        double[] d = model.dissimilarity(all.left(), all.right());
        INDArray t = all.targets();
        double g = 0, i = 0;
        int ng = 0, ni = 0;
        for (int k = 0; k < d.length; k++) {
            if (t.getDouble(k, 0) == 1) { g += d[k]; ng++; } else { i += d[k]; ni++; }
        }
        return new double[] {g / ng, i / ni};
    }
}
