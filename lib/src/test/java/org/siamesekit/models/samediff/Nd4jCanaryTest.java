package org.siamesekit.models.samediff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ND4J 1.0.0-M2.1 behaviours that the kit's inline workarounds avoid,
 * checked as they are: when one of these tests fails after an ND4J upgrade, the
 * behaviour changed and its row in docs/nd4j-workarounds.md says what can go.
 */
class Nd4jCanaryTest {
    @Test
    void gathersGradientDropsRepeatedIndices() {
        SameDiff sd = SameDiff.create();
        SDVariable x = sd.var("x", Nd4j.create(new float[] {1, 2, 3, 4}, new long[] {2, 2}, 'c'));
        SDVariable picked = sd.gather(x, new int[] {0, 0, 1}, 0);
        picked.sum().rename("loss");
        sd.setLossVariables("loss");
        INDArray g = sd.calculateGradients(Map.of(), List.of("x")).get("x");
        // The true gradient of the sum is 2 for row 0 (picked twice) and 1 for row 1;
        // M2.1 gives 1 for row 0, which is why SiameseModel picks pairs with 0/1 matrices.
        assertEquals(1.0, g.getDouble(0, 0), 1e-6, "ND4J now adds repeated gather indices: see docs/nd4j-workarounds.md");
        assertEquals(1.0, g.getDouble(1, 0), 1e-6);
    }

    @Test
    void aReshapedArrayHasItsOwnBufferAndNativeObject() {
        // What made Nd4j.pullRows(images.reshape(...), ...) unsafe: the reshape's buffer, freed
        // by its own deallocator, is reachable only through the temporary that pullRows drops
        // before its native call ends. LabelledImages.gather no longer calls pullRows.
        INDArray images = Nd4j.rand(DataType.FLOAT, 4, 1, 3, 2);
        INDArray flat = images.reshape(4, 6);
        org.junit.jupiter.api.Assumptions.assumeTrue(images.data() instanceof org.nd4j.linalg.cpu.nativecpu.buffer.BaseCpuDataBuffer,
                "the CPU backend's buffers");
        long own = ((org.nd4j.linalg.cpu.nativecpu.buffer.BaseCpuDataBuffer) images.data()).getOpaqueDataBuffer().address();
        long view = ((org.nd4j.linalg.cpu.nativecpu.buffer.BaseCpuDataBuffer) flat.data()).getOpaqueDataBuffer().address();
        assertTrue(flat.data() != images.data() && own != view,
                "ND4J's reshape now shares the array's buffer: see the pullRows row of docs/nd4j-workarounds.md");
        assertEquals(images.data().address(), flat.data().address(), "the same memory, through another buffer object");
    }

    @Test
    void nd4jsPcaDoesNotProjectOntoThePrincipalDirections() {
        // points along (3, 1, 0) with small noise off it: the first coordinate of a projection
        // onto the principal directions carries almost all the variance
        Nd4j.getRandom().setSeed(3);
        double[][] rows = new double[50][];
        java.util.Random rng = new java.util.Random(3);
        for (int i = 0; i < 50; i++) {
            double u = -1 + 2.0 * i / 49;
            rows[i] = new double[] {3 * u + 0.01 * rng.nextGaussian(), u + 0.01 * rng.nextGaussian(), 0.01 * rng.nextGaussian()};
        }
        INDArray x = Nd4j.create(rows);
        INDArray ours = org.siamesekit.evaluation.Embeddings.pca(x.castTo(DataType.FLOAT), 2).castTo(DataType.DOUBLE);
        INDArray theirs = org.nd4j.linalg.dimensionalityreduction.PCA.pca(x.dup(), 2, false);
        double ours0 = ours.getColumn(0).varNumber().doubleValue(), ours1 = ours.getColumn(1).varNumber().doubleValue();
        double theirs0 = theirs.getColumn(0).varNumber().doubleValue(), theirs1 = theirs.getColumn(1).varNumber().doubleValue();
        assertTrue(ours0 > 100 * ours1, "the kit's PCA puts the main direction first: " + ours0 + " vs " + ours1);
        assertTrue(theirs0 < 100 * theirs1, "ND4J's PCA.pca now finds the principal direction (" + theirs0 + " vs "
                + theirs1 + "): Embeddings.pca could use it, see docs/nd4j-workarounds.md");
    }

    @Test
    void sigmoidCrossEntropyWithoutReductionIgnoresTheIncomingGradient() {
        SameDiff sd = SameDiff.create();
        SDVariable z = sd.var("z", Nd4j.create(new float[] {0.5f, -1f, 2f}, new long[] {3, 1}, 'c'));
        SDVariable y = sd.constant("y", Nd4j.create(new float[] {1, 0, 1}, new long[] {3, 1}, 'c'));
        SDVariable w = sd.constant("w", Nd4j.create(new float[] {2, 0, 0}, new long[] {3, 1}, 'c'));
        sd.loss().sigmoidCrossEntropy(null, y, z, null, org.nd4j.autodiff.loss.LossReduce.NONE, 0.0)
                .mul(w).sum().rename("loss");
        sd.setLossVariables("loss");
        INDArray g = sd.calculateGradients(Map.of(), List.of("z")).get("z");
        // The true gradient is w·(sigmoid(z) - y): 2·(0.6225 - 1) = -0.755, then 0 and 0.
        // M2.1 gives sigmoid(z) - y for every entry, as if w were all ones, which is why
        // SiameseModel writes Koch's cross-entropy from ordinary ops.
        assertEquals(sigmoid(-1), g.getDouble(1, 0), 1e-5,
                "ND4J's sigmoidCrossEntropy now passes the gradient on: see docs/nd4j-workarounds.md");
    }

    private static double sigmoid(double x) { return 1 / (1 + Math.exp(-x)); }
}
