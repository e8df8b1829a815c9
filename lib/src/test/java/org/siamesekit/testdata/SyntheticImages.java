package org.siamesekit.testdata;

import java.util.ArrayList;
import java.util.List;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.siamesekit.data.LabelledImages;

/** Small seeded image sets for fast tests: each class is a random template plus per-image noise. */
public final class SyntheticImages {
    private SyntheticImages() {}

    public static LabelledImages classes(int classes, int perClass, int side, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray templates = Nd4j.rand(DataType.FLOAT, classes, 1, side, side);
        INDArray x = Nd4j.create(DataType.FLOAT, (long) classes * perClass, 1, side, side);
        int[] labels = new int[classes * perClass];
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add("class" + c);
            for (int i = 0; i < perClass; i++) {
                int n = c * perClass + i;
                INDArray noise = Nd4j.rand(DataType.FLOAT, 1, 1, side, side).subi(0.5).muli(0.3);
                x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(n, n + 1)).assign(templates.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(c, c + 1)).add(noise));
                labels[n] = c;
            }
        }
        return new LabelledImages(x, labels, names);
    }
}
