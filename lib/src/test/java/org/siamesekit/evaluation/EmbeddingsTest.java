package org.siamesekit.evaluation;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.siamesekit.data.LabelledImages;
import org.siamesekit.pairs.SyntheticImages;

import static org.junit.jupiter.api.Assertions.*;

class EmbeddingsTest {
    @Test
    void oneShotClassificationOnPixelsAndEmbeddings() {
        LabelledImages images = SyntheticImages.noisy(5, 6, 5, 5, 0.05, 2);
        OneShotClassification.SupportSet s = OneShotClassification.pickSupport(images, 1);
        assertEquals(5, s.support().size());
        assertEquals(25, s.queries().size());
        Classification pixels = OneShotClassification.classifyPixels(s.support(), s.queries());
        assertEquals(1.0, pixels.accuracy());
        int[][] m = pixels.confusionMatrix();
        for (int i = 0; i < 5; i++) assertEquals(5, m[i][i]);

        // mean-pixel embedding [n, 1] in batches of 7: still separable
        Classification mean = OneShotClassification.classifyEmbeddings(
                Embeddings.of(x -> x.reshape(x.size(0), -1).mean(true, 1), s.support().images(), 7), s.support().labels(),
                Embeddings.of(x -> x.reshape(x.size(0), -1).mean(true, 1), s.queries().images(), 7), s.queries().labels(),
                images.classNames());
        assertEquals(1.0, mean.accuracy());

        // an embedding that maps everything to one point cannot tell classes apart
        Classification blind = OneShotClassification.classify(x -> Nd4j.zeros(DataType.FLOAT, x.size(0), 3), s.support(), s.queries());
        assertEquals(0.2, blind.accuracy(), 1e-12);
        assertEquals(25, blind.confusionMatrix()[0][0] + blind.confusionMatrix()[1][0] + blind.confusionMatrix()[2][0]
                + blind.confusionMatrix()[3][0] + blind.confusionMatrix()[4][0]);
    }

    @Test
    void supportMustHaveOneExamplePerQueryClass() {
        LabelledImages images = SyntheticImages.constant(3, 2, 2, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OneShotClassification.classifyPixels(images, images));
        assertTrue(e.getMessage().contains("two examples"), e.getMessage());
    }

    @Test
    void distancesAndPca() {
        INDArray a = Nd4j.createFromArray(new double[][] {{0, 0}, {3, 4}});
        INDArray b = Nd4j.createFromArray(new double[][] {{0, 0}, {0, 4}});
        assertTrue(Nd4j.createFromArray(new double[][] {{0, 4}, {5, 3}}).equalsWithEps(Embeddings.distances(a, b), 1e-9));

        // points on a line in 3-D (plus tiny noise): the first component carries the spread
        Nd4j.getRandom().setSeed(1);
        INDArray t = Nd4j.linspace(-1, 1, 50, DataType.DOUBLE).reshape(50, 1);
        INDArray pts = Nd4j.hstack(t.mul(2), t.mul(-1), t.mul(0.5)).addi(Nd4j.rand(DataType.DOUBLE, 50, 3).muli(1e-3));
        INDArray p = Embeddings.pca(pts, 2);
        assertArrayEquals(new long[] {50, 2}, p.shape());
        double v1 = p.getColumn(0).varNumber().doubleValue(), v2 = p.getColumn(1).varNumber().doubleValue();
        assertTrue(v1 > 1000 * v2, v1 + " vs " + v2);
        assertEquals(0.0, p.getColumn(0).meanNumber().doubleValue(), 1e-9);
        assertEquals(Math.sqrt(4 + 1 + 0.25) * 2, p.getColumn(0).maxNumber().doubleValue() - p.getColumn(0).minNumber().doubleValue(), 1e-2);
        // sign fixed: the direction's largest coefficient (x, weight 2) is positive, so the last point (t = 1) is on the right
        assertTrue(p.getDouble(49, 0) > 0);
        // the Gram-matrix route (used when d > n) gives the same projection
        assertTrue(p.equalsWithEps(Embeddings.pca(pts, 2, true), 1e-6));
        INDArray wide = Nd4j.rand(DataType.FLOAT, 6, 40);
        INDArray viaGram = Embeddings.pca(wide, 3);
        assertArrayEquals(new long[] {6, 3}, viaGram.shape());
        assertTrue(viaGram.equalsWithEps(Embeddings.pca(wide, 3, false), 1e-4));
    }
}
