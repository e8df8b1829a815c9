package org.siamesekit.models.samediff;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.siamesekit.models.Activation;
import org.siamesekit.models.EmbeddingNet;
import org.siamesekit.models.SiameseModel;
import org.siamesekit.pairs.PairBatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After each run the facade drops the calling thread's sessions of the graph and
 * its backward graph (they hold every array of the run), and runs stay repeatable.
 */
class SameDiffRunsTest {

    @Test
    void runsLeaveNoSessionAndRepeatStepsExactly() {
        EmbeddingNet net = EmbeddingNet.input(1, 8, 8).conv(2, 3, Activation.RELU).maxPool(2).flatten().dense(4, Activation.TANH);
        SiameseModel m = SiameseModel.koch(net, 5);
        Nd4j.getRandom().setSeed(5);
        PairBatch b = new PairBatch(Nd4j.rand(DataType.FLOAT, 3, 1, 8, 8), Nd4j.rand(DataType.FLOAT, 3, 1, 8, 8),
                Nd4j.createFromArray(new float[] {1, 0, 1}).reshape(3, 1));
        Map<String, INDArray> params = m.copyParameters();

        SiameseModel.LossAndGradients first = m.lossAndGradients(m.feed(b));
        SameDiff graph = m.sameDiff(), backward = graph.getFunction(SameDiffRuns.GRADIENT_FUNCTION);
        assertTrue(graph.getSessions().isEmpty(), "the forward graph's session should be dropped");
        assertTrue(backward == null || backward.getSessions().isEmpty(), "the backward graph's session should be dropped");

        Map<String, INDArray> firstCopy = new HashMap<>();
        first.gradients().forEach((k, v) -> firstCopy.put(k, v.dup()));
        SiameseModel.LossAndGradients second = m.lossAndGradients(m.feed(b));
        assertEquals(first.loss(), second.loss(), 0.0);
        for (String p : m.parameterNames()) {
            assertEquals(firstCopy.get(p), second.gradients().get(p), p);
            assertEquals(params.get(p), m.parameters().get(p), p + ": parameters must be untouched");
        }
        assertEquals(m.embed(b.left()), m.embed(b.left()), "inference after training steps");
        assertTrue(graph.getSessions().isEmpty(), "inference should leave no session either");
    }
}
