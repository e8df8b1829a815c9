package org.siamesekit.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.siamesekit.pairs.PairBatch;

/**
 * A training step with its arrays in {@link StepMemory} gives exactly what
 * SameDiff's own allocation gives, and the arrays the caller keeps survive the
 * end of the step while the others are freed.
 */
class StepMemoryTest {

    @Test
    void aStepGivesBitForBitWhatNd4jsOwnArraysGive() {
        SiameseModel model = SiameseModel.contrastive(Presets.orl(), 1.0, 5);
        Map<String, INDArray> feed = model.feed(batch(12, 1));
        SiameseModel.LossAndGradients kit = model.lossAndGradients(feed);
        // the same feed (same images, same dropout masks) through SameDiff's default session
        OutAndGrad plain = model.sameDiff().calculateGradientsAndOutputs(feed, List.of(SiameseModel.LOSS), model.parameterNames());
        assertEquals(plain.getOutputs().get(SiameseModel.LOSS).getDouble(0), kit.loss());
        for (String p : model.parameterNames()) {
            INDArray e = plain.getGradients().get(p), a = kit.gradients().get(p);
            assertTrue(e.norm2Number().doubleValue() > 0, p + " has a gradient");
            assertEquals(0.0, a.sub(e).amaxNumber().doubleValue(), p);
        }
    }

    @Test
    void keptGradientsOutliveTheStepAndTheNextOnes() {
        SiameseModel model = SiameseModel.contrastive(Presets.orl(), 1.0, 6);
        Map<String, INDArray> first = model.lossAndGradients(model.feed(batch(12, 2))).gradients();
        Map<String, INDArray> copies = new HashMap<>();
        first.forEach((k, v) -> copies.put(k, v.dup()));
        for (int i = 0; i < 3; i++) model.lossAndGradients(model.feed(batch(12, 3 + i))); // reuse the freed memory
        System.gc();
        for (String p : model.parameterNames()) assertEquals(copies.get(p), first.get(p), p);
    }

    @Test
    void freesEveryBlockButTheKeptOnes() {
        StepMemory memory = new StepMemory();
        INDArray dropped = memory.allocate(false, DataType.FLOAT, 10, 25);
        INDArray kept = memory.allocate(false, DataType.FLOAT, 4, 5);
        INDArray keptView = memory.allocate(false, DataType.DOUBLE, 6, 2);
        dropped.assign(1);
        kept.assign(2);
        keptView.assign(3);
        assertEquals(250 * 4, memory.freeExcept(List.of(kept, keptView.getRow(1))));
        assertEquals(40.0, kept.sumNumber().doubleValue());
        assertEquals(36.0, keptView.sumNumber().doubleValue());
        assertEquals(0, memory.freeExcept(List.of())); // each block is freed once
    }

    private static PairBatch batch(int pairs, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return new PairBatch(Nd4j.rand(DataType.FLOAT, pairs, 1, 56, 46), Nd4j.rand(DataType.FLOAT, pairs, 1, 56, 46),
                Nd4j.rand(DataType.FLOAT, pairs, 1).gt(0.5).castTo(DataType.FLOAT));
    }
}
