package org.siamesekit.pairs;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.siamesekit.data.LabelledImages;

/** Small made-up image sets for tests: every image of class c is filled with one value per class. */
public final class SyntheticImages {
    private SyntheticImages() {}

    /** {@code classes} classes of {@code perClass} constant images h x w; image i has label i / perClass. */
    public static LabelledImages constant(int classes, int perClass, int h, int w) {
        return constant(classes, perClass, h, w, 0);
    }

    /**
     * As {@link #constant(int, int, int, int)}, with class c's images at (c + 1) / (classes + 1) and, in groups of
     * {@code classesPerGroup} classes (0: no groups), group names "g0", "g1", ...
     */
    public static LabelledImages constant(int classes, int perClass, int h, int w, int classesPerGroup) {
        int n = classes * perClass;
        INDArray images = Nd4j.create(DataType.FLOAT, n, 1, h, w);
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i / perClass;
            images.slice(i).assign((labels[i] + 1.0) / (classes + 1.0));
        }
        return new LabelledImages(images, labels, names(classes), groups(classes, classesPerGroup));
    }

    /** Per-class constants plus seeded uniform noise of amplitude {@code noise}, clipped to [0, 1]. */
    public static LabelledImages noisy(int classes, int perClass, int h, int w, double noise, long seed) {
        LabelledImages base = constant(classes, perClass, h, w);
        INDArray images = base.images().dup();
        Nd4j.getRandom().setSeed(seed);
        INDArray jitter = Nd4j.rand(DataType.FLOAT, images.shape()).subi(0.5).muli(2 * noise);
        images.addi(jitter);
        org.nd4j.linalg.ops.transforms.Transforms.min(images, 1.0, false);
        org.nd4j.linalg.ops.transforms.Transforms.max(images, 0.0, false);
        return new LabelledImages(images, base.labels(), base.classNames());
    }

    static List<String> names(int classes) {
        List<String> l = new ArrayList<>();
        for (int c = 0; c < classes; c++) l.add("class" + c);
        return l;
    }

    static List<String> groups(int classes, int perGroup) {
        if (perGroup <= 0) return null;
        List<String> l = new ArrayList<>();
        for (int c = 0; c < classes; c++) l.add("g" + (c / perGroup));
        return l;
    }
}
