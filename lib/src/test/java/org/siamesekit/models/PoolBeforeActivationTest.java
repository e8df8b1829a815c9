package org.siamesekit.models;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;
import org.siamesekit.models.samediff.SameDiffRuns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The tower runs conv → max-pool → activation where the net says conv
 * (activation) → max-pool, which is only allowed because every activation is
 * non-decreasing. This checks values and weight gradients against the graph
 * written in the net's own order, for every activation.
 */
class PoolBeforeActivationTest {

    @ParameterizedTest
    @EnumSource(Activation.class)
    void poolingFirstGivesTheSameEmbeddingsAndGradients(Activation activation) {
        EmbeddingNet net = EmbeddingNet.input(2, 9, 9).conv(3, 2, activation, Padding.SAME).maxPool(2);
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.randn(DataType.FLOAT, 4, 2, 9, 9);

        SameDiff tower = SameDiff.create();
        SDVariable out = new Tower(tower, net).apply(tower.constant("x", x), null);
        Map<String, INDArray> weights = Map.of("W", tower.getArrForVarName("layer1_conv_W").dup(),
                "b", tower.getArrForVarName("layer1_conv_b").dup());
        // the gradient of sum(out ∘ g) picks up every output value, each with its own weight
        INDArray g = Nd4j.randn(DataType.FLOAT, out.eval().shape());
        Result pooledFirst = gradients(tower, out, g, List.of("layer1_conv_W", "layer1_conv_b"));

        SameDiff plain = SameDiff.create();
        SDVariable w = plain.var("W", weights.get("W")), b = plain.var("b", weights.get("b"));
        Conv2DConfig conv = Conv2DConfig.builder().kH(2).kW(2).sH(1).sW(1).paddingMode(PaddingMode.SAME).dataFormat("NCHW").build();
        Pooling2DConfig pool = Pooling2DConfig.builder().kH(2).kW(2).sH(2).sW(2).paddingMode(PaddingMode.VALID).isNHWC(false).build();
        SDVariable inOrder = plain.cnn().maxPooling2d(activation.apply(plain, plain.cnn().conv2d(plain.constant("x", x), w, b, conv)), pool);
        Result asWritten = gradients(plain, inOrder, g, List.of("W", "b"));

        assertEquals(0, pooledFirst.value.sub(asWritten.value).norm2Number().doubleValue(), 1e-5, "embeddings differ");
        for (int i = 0; i < 2; i++) {
            INDArray a = pooledFirst.grads.get(i), e = asWritten.grads.get(i);
            double scale = Math.max(1e-6, e.norm2Number().doubleValue());
            assertEquals(0, a.sub(e).norm2Number().doubleValue() / scale, 1e-4, activation + " gradient " + i);
        }
        assertTrue(asWritten.value.norm2Number().doubleValue() > 0);
    }

    private record Result(INDArray value, List<INDArray> grads) {}

    private static Result gradients(SameDiff sd, SDVariable out, INDArray g, List<String> params) {
        out.mul(sd.constant("g", g)).sum().rename("probe");
        sd.setLossVariables("probe");
        SameDiffRuns.buildGradients(sd);
        Map<String, INDArray> grads = sd.calculateGradients(Map.of(), params);
        return new Result(out.eval(), params.stream().map(grads::get).toList());
    }
}
