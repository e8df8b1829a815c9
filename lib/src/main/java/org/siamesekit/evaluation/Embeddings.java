package org.siamesekit.evaluation;

import java.util.function.Function;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dimensionalityreduction.PCA;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.siamesekit.data.LabelledImages;

/**
 * Embedding helpers: run an images-to-vectors function over a whole set in
 * batches, use raw pixels as vectors, all pairwise distances, and PCA to 2-D
 * for plots. (No t-SNE: DL4J 1.0.0-M2.1 no longer ships one and the Java
 * alternatives on Maven Central are unmaintained or GPL.)
 */
public final class Embeddings {
    /** Images per embedding call when none is given. */
    public static final int DEFAULT_BATCH = 256;

    private Embeddings() {}

    /** {@code embed} applied to all images, {@value #DEFAULT_BATCH} at a time: [n, d]. E.g. {@code Embeddings.of(model::embed, test)}. */
    public static INDArray of(Function<INDArray, INDArray> embed, LabelledImages images) {
        return of(embed, images.images(), DEFAULT_BATCH);
    }

    /** {@code embed} applied to images [n, 1, h, w] in batches of {@code batchSize}, rows stacked: [n, d]. */
    public static INDArray of(Function<INDArray, INDArray> embed, INDArray images, int batchSize) {
        long n = images.size(0);
        if (n == 0) throw new IllegalArgumentException("no images to embed");
        INDArray[] parts = new INDArray[(int) ((n + batchSize - 1) / batchSize)];
        for (int p = 0; p < parts.length; p++) {
            long from = (long) p * batchSize, to = Math.min(n, from + batchSize);
            INDArray e = embed.apply(images.get(NDArrayIndex.interval(from, to)));
            if (e.rank() != 2 || e.size(0) != to - from) {
                throw new IllegalStateException("embedding of " + (to - from) + " images has shape "
                        + java.util.Arrays.toString(e.shape()) + ", expected [" + (to - from) + ", d]");
            }
            parts[p] = e;
        }
        return parts.length == 1 ? parts[0] : Nd4j.concat(0, parts);
    }

    /** Raw pixels as vectors: [n, h*w]. */
    public static INDArray pixels(LabelledImages images) {
        return pixels(images.images());
    }

    /** Raw pixels of images [n, 1, h, w] as vectors: [n, h*w]. */
    public static INDArray pixels(INDArray images) {
        long n = images.size(0);
        return images.reshape('c', n, images.length() / n);
    }

    /** Euclidean distances between every row of {@code a} [na, d] and every row of {@code b} [nb, d]: [na, nb]. */
    public static INDArray distances(INDArray a, INDArray b) {
        if (a.rank() != 2 || b.rank() != 2 || a.size(1) != b.size(1)) {
            throw new IllegalArgumentException("need [na, d] and [nb, d] with the same d, got "
                    + java.util.Arrays.toString(a.shape()) + " and " + java.util.Arrays.toString(b.shape()));
        }
        return Transforms.allEuclideanDistances(a, b, 1);
    }

    /**
     * Projects rows [n, d] onto their first {@code dims} principal components
     * (after centring): [n, dims], with ND4J's PCA.
     */
    public static INDArray pca(INDArray embeddings, int dims) {
        if (embeddings.rank() != 2 || dims < 1 || dims > embeddings.size(1)) {
            throw new IllegalArgumentException("need [n, d] rows and 1 <= dims <= d, got shape "
                    + java.util.Arrays.toString(embeddings.shape()) + " and dims " + dims);
        }
        INDArray centred = embeddings.castTo(DataType.DOUBLE).dup();
        centred.subiRowVector(centred.mean(0));
        return PCA.pca(centred, dims, false);
    }
}
