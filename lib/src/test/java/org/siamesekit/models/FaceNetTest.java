package org.siamesekit.models;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.siamesekit.models.Activation.LINEAR;
import static org.siamesekit.models.Activation.RELU;

/** The kit's face network and its two new layers: per-image standardisation and unit-length embeddings. */
class FaceNetTest {
    @Test
    void facePresetHasFourSamePaddedBlocksGlobalPoolingAndA64dUnitEmbedding() {
        EmbeddingNet net = Presets.faces();
        assertEquals(Shape.image(1, 56, 46), net.shapeAfter(0));     // standardize keeps the shape
        assertEquals(Shape.image(32, 28, 23), net.shapeAfter(2));    // conv SAME then pool
        assertEquals(Shape.image(128, 7, 5), net.shapeAfter(7));     // the fourth conv, not pooled
        assertEquals(64, net.embeddingSize());
        long expected = (9 * 32 + 32) + (9 * 32 * 64 + 64) + (9 * 64 * 128 + 128) + (9 * 128 * 128 + 128) + (128 * 64 + 64);
        assertEquals(expected, net.paramCount());
        assertEquals(248_512, expected);
        assertEquals(net, EmbeddingNet.parse(net.spec()));
        assertTrue(net.spec().startsWith("input(1, 56, 46).standardize().conv(32, 3, RELU, SAME)"), net.spec());
        assertTrue(net.spec().endsWith(".dense(64, LINEAR).unitLength()"), net.spec());
    }

    @Test
    void unitLengthNeedsAVectorAndStandardizeAFeatureMap() {
        EmbeddingNet net = EmbeddingNet.input(1, 8, 8).conv(2, 3, RELU);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, net::unitLength);
        assertTrue(e.getMessage().contains("unitLength()"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> net.flatten().standardize());
    }

    @Test
    void unitLengthEmbeddingsHaveLengthOne() {
        EmbeddingNet net = EmbeddingNet.input(1, 8, 8).conv(4, 3, RELU).flatten().dense(5, LINEAR).unitLength();
        SiameseModel model = SiameseModel.contrastive(net, 1.0, 7);
        INDArray e = model.embed(Nd4j.rand(DataType.FLOAT, 6, 1, 8, 8));
        INDArray norms = e.norm2(1);
        for (int i = 0; i < 6; i++) assertEquals(1.0, norms.getDouble(i), 1e-5);
        // and without it, they are not
        SiameseModel plain = SiameseModel.contrastive(EmbeddingNet.input(1, 8, 8).conv(4, 3, RELU).flatten().dense(5, LINEAR), 1.0, 7);
        assertTrue(Math.abs(plain.embed(Nd4j.rand(DataType.FLOAT, 1, 1, 8, 8)).norm2Number().doubleValue() - 1) > 1e-3);
    }

    @Test
    void standardizedNetSeesNoDifferenceBetweenAPhotoAndARelitCopy() {
        EmbeddingNet net = EmbeddingNet.input(1, 8, 8).standardize().conv(4, 3, RELU).flatten().dense(5, LINEAR);
        SiameseModel model = SiameseModel.contrastive(net, 1.0, 3);
        INDArray photo = Nd4j.rand(DataType.FLOAT, 2, 1, 8, 8);
        INDArray relit = photo.mul(0.6).add(0.25); // less contrast, brighter
        INDArray a = model.embed(photo), b = model.embed(relit);
        assertEquals(0, a.sub(b).norm2Number().doubleValue(), 1e-3 * a.norm2Number().doubleValue());
        SiameseModel unstandardized = SiameseModel.contrastive(EmbeddingNet.input(1, 8, 8).conv(4, 3, RELU).flatten().dense(5, LINEAR), 1.0, 3);
        assertTrue(unstandardized.embed(photo).sub(unstandardized.embed(relit)).norm2Number().doubleValue() > 1e-2);
    }

    @Test
    void aNetWithBothLayersTrainsAndSavesAndLoads() throws Exception {
        EmbeddingNet net = EmbeddingNet.input(1, 8, 8).standardize().conv(4, 3, RELU).globalAvgPool().dense(3, LINEAR).unitLength();
        SiameseModel model = SiameseModel.contrastive(net, 1.0, 5);
        java.nio.file.Path file = java.nio.file.Files.createTempDirectory("facenet").resolve("m.model");
        model.save(file, false);
        SiameseModel loaded = SiameseModel.load(file);
        assertEquals(net, loaded.net());
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 1, 8, 8);
        assertEquals(0, model.embed(x).sub(loaded.embed(x)).norm2Number().doubleValue(), 1e-6);
    }
}
