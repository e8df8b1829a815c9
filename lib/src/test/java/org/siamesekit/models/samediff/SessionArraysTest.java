package org.siamesekit.models.samediff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.config.SDValueType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.siamesekit.models.Activation;
import org.siamesekit.models.EmbeddingNet;
import org.siamesekit.models.SiameseModel;
import org.siamesekit.pairs.PairBatch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After a run, the arrays SameDiff's sessions held are closed and the sessions
 * dropped, except the arrays still in use (ND4J frees closed arrays' memory when
 * the garbage collector finds them; see {@link SessionArrays}).
 */
class SessionArraysTest {

    /** y = tanh(x·w), out = sum(y²), plus an identity of w and one of y as extra outputs. */
    private static SameDiff graph() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 3);
        SDVariable w = sd.var("w", Nd4j.createFromArray(new float[][] {{-1f, -0.6f}, {-0.2f, 0.2f}, {0.6f, 1f}}));
        SDVariable y = sd.math().tanh("y", x.mmul(w));
        sd.identity("sameAsW", w);
        sd.identity("sameAsY", y);
        y.mul(y).sum("out");
        return sd;
    }

    private static List<INDArray> opArrays(SameDiff sd) {
        List<INDArray> arrays = new ArrayList<>();
        for (var session : sd.getSessions().values()) {
            for (var e : session.getNodeValueOutputs().entrySet()) {
                if (e.getValue() == null || e.getValue().getSdValueType() != SDValueType.TENSOR) continue;
                if (sd.getVariable(e.getKey().getVariable()).getVariableType() == VariableType.ARRAY) arrays.add(e.getValue().getTensorValue());
            }
        }
        return arrays;
    }

    @Test
    void closesTheRunsArraysButNotParametersInputsOrWhatTheCallerKeeps() {
        SameDiff sd = graph();
        INDArray x = Nd4j.createFromArray(new float[][] {{1, 2, 3}, {-1, 0, 1}});
        INDArray wBefore = sd.getArrForVarName("w").dup(), xBefore = x.dup();
        Map<String, INDArray> outs = sd.output(Map.of("x", x), "out", "sameAsY");
        INDArray out = outs.get("out"), sameAsY = outs.get("sameAsY");
        float expectedOut = out.getFloat(0);
        INDArray expectedY = sameAsY.dup();
        List<INDArray> held = opArrays(sd);
        assertTrue(held.size() >= 3, "the session should hold the run's arrays: " + held.size());

        long closedBytes = SessionArrays.release(sd, List.of(out, sameAsY));

        assertTrue(closedBytes > 0, "nothing was closed");
        assertTrue(sd.getSessions().isEmpty(), "sessions should be dropped");
        assertFalse(out.wasClosed());
        assertEquals(expectedOut, out.getFloat(0), 0f);
        assertFalse(sameAsY.wasClosed());
        assertEquals(expectedY, sameAsY, "an output sharing memory with an op's array must survive");
        assertFalse(sd.getArrForVarName("w").wasClosed());
        assertEquals(wBefore, sd.getArrForVarName("w"), "parameters must be untouched");
        assertFalse(x.wasClosed());
        assertEquals(xBefore, x, "the caller's input must be untouched");
        long closed = held.stream().filter(INDArray::wasClosed).count();
        assertTrue(closed >= 1, "no op array was closed");
        for (INDArray a : held) {
            if (!a.wasClosed()) {
                boolean shared = a.data().address() == out.data().address() || a.data().address() == sameAsY.data().address()
                        || a.data().address() == sd.getArrForVarName("w").data().address();
                assertTrue(shared, "an array no one uses was left open: " + java.util.Arrays.toString(a.shape()));
            }
        }

        // the graph runs again after the release, with the same result
        assertEquals(expectedOut, sd.output(Map.of("x", x), "out").get("out").getFloat(0), 1e-6f);
    }

    private static float[] values(INDArray a) { return a.dup('c').data().asFloat(); }

    @Test
    void trainingStepsGiveTheSameGradientsRunAfterRunAndKeepThemReadable() {
        EmbeddingNet net = EmbeddingNet.input(1, 8, 8).conv(2, 3, Activation.RELU).maxPool(2).flatten().dense(4, Activation.TANH);
        SiameseModel m = SiameseModel.koch(net, 5);
        Nd4j.getRandom().setSeed(5);
        PairBatch b = new PairBatch(Nd4j.rand(DataType.FLOAT, 3, 1, 8, 8), Nd4j.rand(DataType.FLOAT, 3, 1, 8, 8),
                Nd4j.createFromArray(new float[] {1, 0, 1}).reshape(3, 1));
        Map<String, INDArray> params = m.copyParameters();
        SiameseModel.LossAndGradients first = m.lossAndGradients(m.feed(b));
        Map<String, INDArray> firstCopy = new java.util.HashMap<>();
        first.gradients().forEach((k, v) -> firstCopy.put(k, v.dup()));
        SiameseModel.LossAndGradients second = m.lossAndGradients(m.feed(b));
        assertEquals(first.loss(), second.loss(), 0.0);
        for (String p : m.parameterNames()) {
            assertFalse(first.gradients().get(p).wasClosed(), p);
            assertArrayEquals(values(firstCopy.get(p)), values(first.gradients().get(p)), 0f,
                    p + ": a returned gradient changed after the next step");
            assertArrayEquals(values(firstCopy.get(p)), values(second.gradients().get(p)), 0f, p);
            assertEquals(params.get(p), m.parameters().get(p), p + ": parameters must be untouched");
        }
        assertEquals(m.embed(b.left()), m.embed(b.left()), "inference after training steps");
    }
}
