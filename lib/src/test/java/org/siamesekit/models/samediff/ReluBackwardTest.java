package org.siamesekit.models.samediff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Swapping thresholdedrelu_bp for relu_bp leaves every gradient exactly as it
 * was, and leaves thresholded ReLUs (cutoff other than 0) alone.
 */
class ReluBackwardTest {

    @Test
    void gradientsAreBitForBitTheSame() {
        Nd4j.getRandom().setSeed(11);
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.placeHolder("x", DataType.FLOAT, -1, 3, 6, 5);
        SDVariable w = sd.var("w", Nd4j.randn(DataType.FLOAT, 1, 3, 6, 5));
        SDVariable v = sd.var("v", Nd4j.randn(DataType.FLOAT, 1, 3, 6, 5));
        SDVariable plain = sd.nn().relu(x.mul(w), 0);              // swapped
        SDVariable thresholded = sd.nn().relu(x.mul(v), 0.5);      // kept: its cutoff is not 0
        plain.mul(thresholded.add(1.0)).sum().rename("loss");
        sd.setLossVariables("loss");
        sd.createGradFunction();
        SameDiff backward = sd.getFunction(SameDiffRuns.GRADIENT_FUNCTION);

        // values with exact zeros and ties at the cutoff, where the two kernels could differ
        INDArray input = Nd4j.randn(DataType.FLOAT, 8, 3, 6, 5);
        input.get(org.nd4j.linalg.indexing.NDArrayIndex.point(0)).assign(0);
        Map<String, INDArray> before = copies(sd.calculateGradients(Map.of("x", input), "w", "v"));
        assertEquals(List.of("thresholdedrelu_bp", "thresholdedrelu_bp"), reluGradientOps(backward));

        assertEquals(1, ReluBackward.useReluBp(backward));
        assertEquals(List.of("relu_bp", "thresholdedrelu_bp"), reluGradientOps(backward));
        sd.getSessions().clear();
        backward.getSessions().clear();
        Map<String, INDArray> after = sd.calculateGradients(Map.of("x", input), "w", "v");
        for (String p : List.of("w", "v")) {
            assertTrue(before.get(p).norm2Number().doubleValue() > 0, p + " has a gradient");
            assertEquals(before.get(p), after.get(p), p);
        }
    }

    private static Map<String, INDArray> copies(Map<String, INDArray> m) {
        Map<String, INDArray> c = new java.util.HashMap<>();
        m.forEach((k, a) -> c.put(k, a.dup()));
        return c;
    }

    private static List<String> reluGradientOps(SameDiff backward) {
        List<String> names = new ArrayList<>();
        for (SameDiffOp op : backward.getOps().values()) {
            String n = op.getOp().opName();
            if (n.contains("relu_bp")) names.add(n);
        }
        names.sort(null);
        return names;
    }
}
