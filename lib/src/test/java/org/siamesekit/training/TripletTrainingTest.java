package org.siamesekit.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.siamesekit.models.Activation.LINEAR;
import static org.siamesekit.models.Activation.RELU;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.siamesekit.data.LabelledImages;
import org.siamesekit.models.EmbeddingNet;
import org.siamesekit.models.SiameseModel;
import org.siamesekit.models.TripletBatch;
import org.siamesekit.testdata.SyntheticImages;

class TripletTrainingTest {
    static final LabelledImages IMAGES = SyntheticImages.classes(5, 6, 8, 23);

    @Test
    void tripletTrainingLowersTheValidationTripletLoss() {
        EmbeddingNet net = EmbeddingNet.input(1, 8, 8).conv(4, 3, RELU).maxPool(2).flatten().dense(8, LINEAR);
        SiameseModel model = SiameseModel.triplet(net, 0.5, 1);
        List<TripletBatch> val = List.of(new TripletSampler(IMAGES, 64, 99).get());
        double before = model.loss(val.get(0));
        TrainingHistory h = Trainer.builder().iterations(30).validateEvery(10).optimizer(Optimizer.adam(1e-2))
                .validationTriplets(val).progress(false).build().fitTriplets(model, new TripletSampler(IMAGES, 16, 7));
        assertEquals(3, h.size());
        assertTrue(h.last().validationLoss() < 0.5 * before, before + " -> " + h.last().validationLoss());
    }

    @Test
    void samplerDrawsValidTripletsReproducibly() {
        TripletBatch a = new TripletSampler(IMAGES, 10, 4).get(), b = new TripletSampler(IMAGES, 10, 4).get();
        assertEquals(a.anchor(), b.anchor());
        assertEquals(a.negative(), b.negative());
        assertThrows(IllegalArgumentException.class, () -> new TripletSampler(IMAGES.ofClasses(List.of(0)), 4, 1));
        Trainer t = Trainer.builder().iterations(1).progress(false).build();
        assertThrows(IllegalStateException.class, () -> t.fitTriplets(SiameseModel.contrastive(EmbeddingNet.input(1, 8, 8).flatten().dense(2, LINEAR), 1, 1),
                new TripletSampler(IMAGES, 4, 1)));
    }
}
