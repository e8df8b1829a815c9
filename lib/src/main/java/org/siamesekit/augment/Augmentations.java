package org.siamesekit.augment;

import java.util.List;
import java.util.Objects;
import java.util.function.UnaryOperator;

import org.nd4j.linalg.api.ndarray.INDArray;

/** Several augmentations applied one after the other, and the kit's set for face photos. */
public final class Augmentations {
    private Augmentations() {}

    /** Applies each step in turn to the batch (each step draws from its own seeded stream). */
    @SafeVarargs
    public static UnaryOperator<INDArray> chain(UnaryOperator<INDArray>... steps) {
        List<UnaryOperator<INDArray>> list = List.of(steps);
        list.forEach(s -> Objects.requireNonNull(s, "augmentation step"));
        return new UnaryOperator<>() {
            @Override
            public INDArray apply(INDArray batch) {
                INDArray out = batch;
                for (UnaryOperator<INDArray> s : list) out = s.apply(out);
                return out;
            }

            @Override
            public String toString() { return "chain" + list; }
        };
    }

    /**
     * Training augmentation for face photos: a left-right mirror (half of the
     * photos), the small tilts, shifts and zooms of {@link AffineDistortion#faces}
     * and the lighting jitter of {@link BrightnessContrast#faces}.
     */
    public static UnaryOperator<INDArray> faces(long seed) {
        return chain(new HorizontalFlip(0.5, seed), AffineDistortion.faces(seed + 1), BrightnessContrast.faces(seed + 2));
    }
}
