package org.siamesekit.training;

import org.junit.jupiter.api.Test;
import org.siamesekit.data.LabelledImages;
import org.siamesekit.models.Presets;
import org.siamesekit.models.SiameseModel;
import org.siamesekit.pairs.SyntheticImages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaceRecipeTest {
    @Test
    void theRecipeTrainsTheFaceNetWithOneCycleAndAllPairs() {
        LabelledImages people = SyntheticImages.noisy(8, 4, 56, 46, 0.2, 1);
        LabelledImages train = people.ofClasses(java.util.List.of(0, 1, 2, 3, 4, 5)), validation = people.ofClasses(java.util.List.of(6, 7));
        FaceRecipe recipe = FaceRecipe.standard(4).withProgress(false);
        assertEquals("adam(0.003).oneCycle(4)", recipe.optimizer().spec());
        assertEquals(16 * 4, FaceRecipe.standard(10).batches(SyntheticImages.constant(20, 4, 56, 46), 1).imagesPerBatch());
        recipe = new FaceRecipe(Presets.faces(), 1.0, 4, 2, 3e-3, 4, 2, false);
        SiameseModel model = recipe.train(train, validation, 5);
        assertEquals(4, model.trainingState().iteration());
        assertEquals(2, model.trainingState().history().rows().size());
        assertTrue(model.embed(validation.images()).norm2(1).getDouble(0) > 0.999);
    }
}
