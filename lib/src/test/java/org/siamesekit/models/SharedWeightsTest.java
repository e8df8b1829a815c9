package org.siamesekit.models;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.siamesekit.models.samediff.SameDiffRuns;
import org.siamesekit.pairs.PairBatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.siamesekit.models.Activation.RELU;
import static org.siamesekit.models.Activation.TANH;

/** Both branches use one set of weights, and the gradient of the loss collects both branches' contributions. */
class SharedWeightsTest {
    static final EmbeddingNet NET = EmbeddingNet.input(1, 8, 8).conv(2, 3, RELU).maxPool(2).flatten().dense(4, TANH);

    @Test
    void theModelHasOneTowersParametersNotTwo() {
        SiameseModel contrastive = SiameseModel.contrastive(Presets.orl(), 1, 1);
        assertEquals(Presets.orl().paramCount(), contrastive.paramCount());
        assertEquals(8, contrastive.parameterNames().size(), "W and b for each of 2 conv + 2 dense layers, once");
        SiameseModel koch = SiameseModel.koch(NET, 1);
        assertEquals(NET.paramCount() + 4 + 1, koch.paramCount());
    }

    @Test
    void gradientOfSharedWeightsIsTheSumOfBothBranchesContributions() {
        int b = 3;
        double margin = 1.0;
        Nd4j.getRandom().setSeed(3);
        INDArray left = Nd4j.rand(DataType.FLOAT, b, 1, 8, 8), right = Nd4j.rand(DataType.FLOAT, b, 1, 8, 8);
        float[] y = {1, 0, 0};
        SiameseModel m = SiameseModel.contrastive(NET, margin, 21);
        Map<String, INDArray> total = m.lossAndGradients(m.feed(new PairBatch(left, right, Nd4j.createFromArray(y).reshape(b, 1)))).gradients();

        // dL/d(embedding) for each branch, by hand: L = mean(y·s + (1-y)·max(0, m-d)²), s = |a-b|², d = sqrt(s+eps)
        INDArray ea = m.embed(left), eb = m.embed(right);
        INDArray ga = Nd4j.zeros(DataType.FLOAT, b, 4);
        for (int i = 0; i < b; i++) {
            INDArray diff = ea.getRow(i).sub(eb.getRow(i));
            double d = Math.sqrt(diff.mul(diff).sumNumber().doubleValue() + SiameseModel.DISTANCE_EPSILON);
            double coeff = y[i] == 1 ? 2.0 : -2.0 * Math.max(0, margin - d) / d;
            ga.putRow(i, diff.mul(coeff / b));
        }
        assertTrue(ga.getRow(1).norm2Number().doubleValue() + ga.getRow(2).norm2Number().doubleValue() > 0, "an impostor should be inside the margin");
        INDArray gb = ga.neg();

        Map<String, INDArray> viaLeft = branchGradient(m, left, ga), viaRight = branchGradient(m, right, gb);
        for (String p : m.parameterNames()) {
            INDArray sum = viaLeft.get(p).add(viaRight.get(p));
            assertTrue(viaLeft.get(p).norm2Number().doubleValue() > 0 && viaRight.get(p).norm2Number().doubleValue() > 0, p);
            double scale = Math.max(1e-6, total.get(p).norm2Number().doubleValue());
            assertEquals(0, sum.sub(total.get(p)).norm2Number().doubleValue() / scale, 1e-4, p + ": total gradient != left + right contributions");
            // and neither branch alone accounts for it
            assertTrue(viaLeft.get(p).sub(total.get(p)).norm2Number().doubleValue() / scale > 1e-3, p);
        }
    }

    /** Gradient wrt the weights of sum(tower(x) ∘ g) on a separate single-tower graph with the model's weights: one branch's contribution. */
    private static Map<String, INDArray> branchGradient(SiameseModel m, INDArray x, INDArray g) {
        SameDiff sd = SameDiff.create();
        Tower tower = new Tower(sd, NET);
        m.parameters().forEach((name, value) -> sd.getArrForVarName(name).assign(value));
        SDVariable out = tower.apply(sd.constant("x", x), null);
        out.mul(sd.constant("g", g)).sum().rename("probe");
        sd.setLossVariables("probe");
        SameDiffRuns.buildGradients(sd);
        return new HashMap<>(sd.calculateGradients(Map.of(), List.copyOf(m.parameterNames())));
    }
}
