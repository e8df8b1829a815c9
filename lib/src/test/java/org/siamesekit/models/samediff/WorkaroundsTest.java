package org.siamesekit.models.samediff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.siamesekit.models.Activation;
import org.siamesekit.models.EmbeddingNet;
import org.siamesekit.models.SiameseModel;
import org.siamesekit.pairs.PairBatch;

/**
 * Each workaround switched off gives the same loss and gradients as with all
 * on: a user who rules one out changes only speed or memory, never a result.
 */
class WorkaroundsTest {
    /** A convolution on the images (InputConv2D), ReLUs and pooling. */
    private static final EmbeddingNet NET = EmbeddingNet.input(1, 12, 10)
            .conv(4, 3, Activation.RELU).maxPool(2).conv(6, 3, Activation.RELU).flatten().dense(8, Activation.RELU);

    @AfterEach
    void allOnAgain() {
        for (Workaround w : Workaround.values()) System.clearProperty(w.property());
    }

    @ParameterizedTest
    @EnumSource(Workaround.class)
    void switchingOneOffChangesNoLossAndNoGradient(Workaround off) {
        SiameseModel.LossAndGradients on = step();
        System.setProperty(off.property(), "false");
        assertFalse(off.enabled());
        SiameseModel.LossAndGradients without = step();
        assertEquals(on.loss(), without.loss(), 1e-6 * Math.abs(on.loss()) + 1e-7, off + ": loss");
        assertEquals(on.gradients().keySet(), without.gradients().keySet());
        for (Map.Entry<String, INDArray> g : on.gradients().entrySet()) {
            INDArray other = without.gradients().get(g.getKey());
            double scale = g.getValue().amaxNumber().doubleValue();
            assertTrue(scale > 0, g.getKey() + " has a gradient");
            assertEquals(0, g.getValue().sub(other).amaxNumber().doubleValue(), 1e-5 * scale, off + ": " + g.getKey());
        }
    }

    @Test
    void theQuietSwitchDecidesWhetherSameDiffsTraceReachesTheCell() {
        assertFalse(backwardTrace().contains("Added differentiated op"));
        System.setProperty(Workaround.QUIET_BACKWARD.property(), "false");
        assertTrue(backwardTrace().contains("Added differentiated op"));
    }

    @Test
    void aSwitchThatIsNeitherTrueNorFalseIsAnError() {
        System.setProperty(Workaround.INPUT_CONV2D.property(), "maybe");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, Workaround.INPUT_CONV2D::enabled);
        assertTrue(e.getMessage().contains("siamesekit.nd4j.inputConv2D"), e.getMessage());
    }

    /** A fresh model (the build-time workarounds apply when it is built) and one step on a fixed batch. */
    private static SiameseModel.LossAndGradients step() {
        SiameseModel model = SiameseModel.contrastive(NET, 1.0, 3);
        Nd4j.getRandom().setSeed(11);
        PairBatch batch = new PairBatch(Nd4j.rand(DataType.FLOAT, 6, 1, 12, 10), Nd4j.rand(DataType.FLOAT, 6, 1, 12, 10),
                Nd4j.create(new float[] {1, 0, 1, 0, 1, 0}, new long[] {6, 1}, 'c'));
        return model.lossAndGradients(model.feed(batch));
    }

    private static String backwardTrace() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            SiameseModel.contrastive(NET, 1.0, 3);
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }
}
