package org.siamesekit.evaluation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.siamesekit.data.LabelledImages;

/**
 * One-shot classification with a support set of one labelled example per
 * class: each query takes the class of the support example whose embedding
 * is nearest (Euclidean). With the identity embedding on raw pixels
 * ({@link #classifyPixels}) this is the pixel nearest-neighbour baseline.
 */
public final class OneShotClassification {
    private OneShotClassification() {}

    /** One example per class and everything else as queries. */
    public record SupportSet(LabelledImages support, LabelledImages queries) {}

    /** Picks one random image of every class with images as the support set; the rest are queries. */
    public static SupportSet pickSupport(LabelledImages images, long seed) {
        Random rng = new Random(seed);
        List<Integer> support = new ArrayList<>();
        boolean[] taken = new boolean[images.size()];
        for (int c : images.presentClasses()) {
            int[] members = images.indicesOf(c);
            int pick = members[rng.nextInt(members.length)];
            support.add(pick);
            taken[pick] = true;
        }
        int[] s = support.stream().mapToInt(Integer::intValue).toArray();
        int[] q = java.util.stream.IntStream.range(0, images.size()).filter(i -> !taken[i]).toArray();
        return new SupportSet(images.subset(s), images.subset(q));
    }

    /** Classifies queries by the nearest support embedding, e.g. {@code classify(model::embed, s.support(), s.queries())}. */
    public static Classification classify(Function<INDArray, INDArray> embed, LabelledImages support, LabelledImages queries) {
        return classifyEmbeddings(Embeddings.of(embed, support), support.labels(),
                Embeddings.of(embed, queries), queries.labels(), support.classNames());
    }

    /** Classifies queries by the nearest support image in raw pixel space. */
    public static Classification classifyPixels(LabelledImages support, LabelledImages queries) {
        return classifyEmbeddings(Embeddings.pixels(support), support.labels(),
                Embeddings.pixels(queries), queries.labels(), support.classNames());
    }

    /**
     * Classifies query embeddings [q, d] by the nearest of the support
     * embeddings [s, d] (one per class).
     */
    public static Classification classifyEmbeddings(INDArray supportEmbeddings, int[] supportLabels,
                                                    INDArray queryEmbeddings, int[] queryLabels, List<String> classNames) {
        if (supportEmbeddings.size(0) != supportLabels.length || queryEmbeddings.size(0) != queryLabels.length) {
            throw new IllegalArgumentException("embeddings and labels differ in count");
        }
        int[] position = new int[classNames.size()];
        Arrays.fill(position, -1);
        for (int k = 0; k < supportLabels.length; k++) {
            if (position[supportLabels[k]] >= 0) {
                throw new IllegalArgumentException("the support set has two examples of class " + supportLabels[k]
                        + " (" + classNames.get(supportLabels[k]) + "); it needs exactly one per class");
            }
            position[supportLabels[k]] = k;
        }
        for (int i = 0; i < queryLabels.length; i++) {
            if (position[queryLabels[i]] < 0) {
                throw new IllegalArgumentException("query " + i + " is of class " + queryLabels[i] + " ("
                        + classNames.get(queryLabels[i]) + "), which has no support example");
            }
        }
        int[] predicted = new int[queryLabels.length];
        int chunk = 4096;
        for (int from = 0; from < queryLabels.length; from += chunk) {
            int to = Math.min(queryLabels.length, from + chunk);
            INDArray q = queryEmbeddings.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to),
                    org.nd4j.linalg.indexing.NDArrayIndex.all());
            INDArray nearest = Nd4j.argMin(Embeddings.distances(q, supportEmbeddings), 1);
            long[] idx = nearest.toLongVector();
            for (int i = 0; i < idx.length; i++) predicted[from + i] = supportLabels[(int) idx[i]];
        }
        return new Classification(supportLabels.clone(), classNames, queryLabels.clone(), predicted);
    }
}
