package org.siamesekit.models;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.siamesekit.optim.Optimizer;
import org.siamesekit.optim.TrainingHistory;
import org.siamesekit.optim.TrainingState;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.siamesekit.models.Activation.RELU;
import static org.siamesekit.models.Activation.SIGMOID;

class SaveLoadTest {
    static final EmbeddingNet NET = EmbeddingNet.input(1, 10, 9).conv(3, 3, RELU).l2(1e-3).maxPool(2).dropout(0.2)
            .flatten().dense(5, SIGMOID);

    @Test
    void aLoadedModelGivesIdenticalOutputs(@TempDir Path dir) {
        Nd4j.getRandom().setSeed(1);
        INDArray left = Nd4j.rand(DataType.FLOAT, 6, 1, 10, 9), right = Nd4j.rand(DataType.FLOAT, 6, 1, 10, 9);
        for (SiameseModel m : new SiameseModel[] {SiameseModel.koch(NET, 4), SiameseModel.contrastive(NET, 2.0, 4)}) {
            // move the weights away from the seeded initialisation, so loading cannot pass by re-initialising
            m.parameters().values().forEach(p -> p.addi(0.01));
            Path file = dir.resolve(m.head().spec().replaceAll("\\W", "") + ".model");
            m.save(file);
            SiameseModel back = SiameseModel.load(file);
            assertEquals(m.head(), back.head());
            assertEquals(m.net(), back.net());
            assertEquals(m.l2(), back.l2());
            assertEquals(m.parameters(), back.parameters());
            assertEquals(m.embed(left), back.embed(left));
            assertArrayEquals(m.dissimilarity(left, right), back.dissimilarity(left, right), 0.0);
            assertNull(back.trainingState(), "never trained: no training state");
        }
    }

    @Test
    void trainingStateTravelsWithTheModel(@TempDir Path dir) {
        SiameseModel m = SiameseModel.contrastive(NET, 1, 2);
        TrainingState st = new TrainingState(Optimizer.adam(0.002), m.parameters());
        st.updaterState().values().forEach(a -> a.assign(Nd4j.rand(DataType.FLOAT, a.shape())));
        st.history().add(new TrainingHistory.Row(1, 7, 0.5, 0.6, Double.NaN, 2.0));
        m.setTrainingState(new TrainingState(Optimizer.adam(0.002), m.parameters(), st.updaterState(), 7, 1, st.history()));
        Path file = dir.resolve("m.model");
        m.save(file);
        TrainingState back = SiameseModel.load(file).trainingState();
        assertEquals(Optimizer.adam(0.002), back.optimizer());
        assertEquals(7, back.iteration());
        assertEquals(1, back.epoch());
        assertEquals(st.history().rows(), back.history().rows());
        assertEquals(st.updaterState(), back.updaterState());
    }

    @Test
    void theFileHoldsNumpyArraysAndAReadableArchitecture(@TempDir Path dir) throws Exception {
        SiameseModel m = SiameseModel.koch(NET, 3);
        Path file = dir.resolve("k.model");
        m.save(file);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String props = new String(zip.getInputStream(zip.getEntry("model.properties")).readAllBytes());
            assertTrue(props.contains("head=koch()"), props);
            assertTrue(props.contains("conv(3, 3, RELU).l2(0.001)"), props);
            byte[] npy = zip.getInputStream(zip.getEntry("params/head_W.npy")).readAllBytes();
            assertEquals("NUMPY", new String(npy, 1, 5));
        }
        Files.writeString(dir.resolve("junk.model"), "junk");
        Exception e = assertThrows(RuntimeException.class, () -> SiameseModel.load(dir.resolve("junk.model")));
        assertTrue(e.getMessage().contains("junk.model"), e.getMessage());
        assertThrows(RuntimeException.class, () -> SiameseModel.load(dir.resolve("absent.model")));
    }
}
