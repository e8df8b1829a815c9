package org.siamesekit.models.samediff;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.imports.converters.DifferentialFunctionClassHolder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The backward graph the kit builds (through {@link SameDiffRuns#buildGradients}) gives the
 * same weight and bias gradients as SameDiff's own, and for a channels-last
 * conv2d on images it gets them without running conv2d_bp.
 */
class InputConv2DTest {

    @ParameterizedTest(name = "{0} channel(s), {1}×{1} kernel, {2}, {3} layer(s), {4}")
    @CsvSource({"1, 3, VALID, 1, NHWC", "1, 3, SAME, 1, NHWC", "2, 2, SAME, 1, NHWC", "3, 3, VALID, 1, NHWC",
            "1, 5, VALID, 1, NHWC", "1, 3, VALID, 2, NHWC", "2, 2, SAME, 2, NHWC", "1, 3, VALID, 1, NCHW"})
    void weightGradientsEqualSameDiffsOwn(int channels, int kernel, String padding, int layers, String format) {
        Nd4j.getRandom().setSeed(3);
        INDArray images = Nd4j.randn(DataType.FLOAT, 5, channels, 12, 10);
        boolean last = format.equals("NHWC");
        Graph kit = new Graph(channels, kernel, PaddingMode.valueOf(padding), layers, true, last);
        Graph plain = new Graph(channels, kernel, PaddingMode.valueOf(padding), layers, false, last);
        Map<String, INDArray> expected = plain.gradients(images), actual = kit.gradients(images);
        for (String p : plain.params) {
            INDArray e = expected.get(p), a = actual.get(p);
            assertTrue(e.norm2Number().doubleValue() > 0, p + " has a gradient");
            assertEquals(0, a.sub(e).norm2Number().doubleValue() / e.norm2Number().doubleValue(), 1e-5, p);
        }
        // SameDiff's own graph runs conv2d_bp once per layer; the kit's skips it for a
        // channels-last layer on images (the kit's towers), and leaves [n, c, h, w] alone
        assertEquals(layers, plain.executed.getOrDefault("conv2d_bp", 0));
        assertEquals(last ? layers - 1 : layers, kit.executed.getOrDefault("conv2d_bp", 0));
    }

    @Test
    void theImagesGradientIsStillRightWhenAskedFor() {
        Nd4j.getRandom().setSeed(4);
        INDArray images = Nd4j.randn(DataType.FLOAT, 5, 1, 12, 10);
        Graph kit = new Graph(1, 3, PaddingMode.VALID, 1, true, true), plain = new Graph(1, 3, PaddingMode.VALID, 1, false, true);
        INDArray e = plain.sd.calculateGradients(Map.of("x", plain.feed(images)), "x").get("x");
        INDArray a = kit.sd.calculateGradients(Map.of("x", kit.feed(images)), "x").get("x");
        assertTrue(e.norm2Number().doubleValue() > 0);
        assertEquals(0, a.sub(e).norm2Number().doubleValue() / e.norm2Number().doubleValue(), 1e-5);
    }

    @Test
    void nd4jsOwnConv2dIsRegisteredAgainAfterTheCopy() {
        new Graph(1, 3, PaddingMode.VALID, 1, true, true);
        long hash = Nd4j.getExecutioner().getCustomOperations().get("conv2d").getHash();
        assertSame(Conv2D.class, DifferentialFunctionClassHolder.getInstance().customOpClassForHashAndName(hash, "conv2d"));
    }

    /**
     * images → [conv → relu] × layers → Σ out ∘ g, channels-last (as in the kit's
     * towers) or not, with the backward graph built the kit's way or SameDiff's.
     */
    private static final class Graph extends BaseListener {
        final SameDiff sd = SameDiff.create();
        final List<String> params;
        final Map<String, Integer> executed = new HashMap<>();
        final boolean channelsLast;

        Graph(int channels, int kernel, PaddingMode padding, int layers, boolean kitsWay, boolean channelsLast) {
            Nd4j.getRandom().setSeed(9);
            this.channelsLast = channelsLast;
            SDVariable h = channelsLast ? sd.placeHolder("x", DataType.FLOAT, -1, 12, 10, channels)
                    : sd.placeHolder("x", DataType.FLOAT, -1, channels, 12, 10);
            Conv2DConfig cfg = Conv2DConfig.builder().kH(kernel).kW(kernel).sH(1).sW(1).paddingMode(padding)
                    .dataFormat(channelsLast ? "NHWC" : "NCHW").build();
            int in = channels;
            for (int l = 1; l <= layers; l++) {
                SDVariable w = sd.var("W" + l, Nd4j.randn(DataType.FLOAT, kernel, kernel, in, 4));
                SDVariable b = sd.var("b" + l, Nd4j.randn(DataType.FLOAT, 4));
                h = sd.nn().relu(sd.cnn().conv2d(h, w, b, cfg), 0);
                in = 4;
            }
            long outH = padding == PaddingMode.SAME ? 12 : 12 - layers * (kernel - 1);
            long outW = padding == PaddingMode.SAME ? 10 : 10 - layers * (kernel - 1);
            // the gradient of Σ out ∘ g picks up every output value, each with its own weight
            long[] out = channelsLast ? new long[] {5, outH, outW, 4} : new long[] {5, 4, outH, outW};
            h.mul(sd.constant("g", Nd4j.randn(DataType.FLOAT, out))).sum().rename("probe");
            sd.setLossVariables("probe");
            if (kitsWay) SameDiffRuns.buildGradients(sd); else sd.createGradFunction();
            params = layers == 1 ? List.of("W1", "b1") : List.of("W1", "b1", "W2", "b2");
            sd.addListeners(this);
        }

        /** images [n, c, h, w], fed channels-last where the graph is. */
        Map<String, INDArray> gradients(INDArray images) {
            return sd.calculateGradients(Map.of("x", feed(images)), params);
        }

        INDArray feed(INDArray images) {
            return channelsLast ? images.permute(0, 2, 3, 1).dup('c') : images;
        }

        @Override
        public boolean isActive(Operation operation) { return true; }

        @Override
        public void opExecution(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, OpContext opContext, INDArray[] outputs) {
            executed.merge(op.getOp().opName(), 1, Integer::sum);
        }
    }
}
