package org.siamesekit.models.samediff;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.siamesekit.models.Presets;
import org.siamesekit.models.SiameseModel;
import org.siamesekit.pairs.PairBatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A training step with its arrays in {@link StepMemory} gives exactly what
 * SameDiff's own allocation gives, and the arrays the caller keeps survive the
 * end of the step, in ND4J's own memory, while the step's blocks are freed.
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
    void theRunsResultsAreNd4jsOwnAndEveryBlockIsFreedAtTheEnd() {
        StepMemory memory = new StepMemory();
        INDArray result = memory.allocate(true, DataType.FLOAT, 4, 5);      // an output SameDiff was asked for
        INDArray inBlock = memory.allocate(false, DataType.DOUBLE, 6, 2);   // an intermediate array
        INDArray other = memory.allocate(false, DataType.FLOAT, 10, 25);
        result.assign(2);
        inBlock.assign(3);
        other.assign(1);
        assertSame(result, memory.outlive(result));
        INDArray row = memory.outlive(inBlock.getRow(1));        // passed through to the caller: copied out
        INDArray whole = memory.outlive(inBlock);
        assertNotSame(inBlock, whole);
        assertEquals(6 * 2 * 8 + 250 * 4, memory.freeAll());
        assertEquals(0, memory.freeAll());                         // each block is freed once
        Nd4j.create(DataType.DOUBLE, 1 << 16).assign(-1);          // reuse the freed memory
        assertEquals(40.0, result.sumNumber().doubleValue());
        assertEquals(6.0, row.sumNumber().doubleValue());
        assertEquals(36.0, whole.sumNumber().doubleValue());
    }

    private static PairBatch batch(int pairs, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return new PairBatch(Nd4j.rand(DataType.FLOAT, pairs, 1, 56, 46), Nd4j.rand(DataType.FLOAT, pairs, 1, 56, 46),
                Nd4j.rand(DataType.FLOAT, pairs, 1).gt(0.5).castTo(DataType.FLOAT));
    }
}
