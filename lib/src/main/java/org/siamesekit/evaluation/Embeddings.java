package org.siamesekit.evaluation;

import java.util.function.Function;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.eigen.Eigen;
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
     * (after centring): [n, dims], largest variance first; each component's sign
     * is fixed so that its largest-magnitude coefficient is positive, so runs
     * agree. Computed from the eigenvectors of the d x d covariance, or of the
     * n x n Gram matrix when there are fewer rows than dimensions (raw pixels).
     *
     * <p>Not ND4J's {@code PCA.pca}: in 1.0.0-M2.1 it takes columns of the
     * transposed right singular vectors, so its "components" are not the
     * principal directions (checked against LAPACK's gesvd).
     */
    public static INDArray pca(INDArray embeddings, int dims) {
        return pca(embeddings, dims, embeddings.size(1) > embeddings.size(0));
    }

    static INDArray pca(INDArray embeddings, int dims, boolean viaGram) {
        if (embeddings.rank() != 2 || dims < 1 || dims > Math.min(embeddings.size(0), embeddings.size(1))) {
            throw new IllegalArgumentException("need [n, d] rows and 1 <= dims <= min(n, d), got shape "
                    + java.util.Arrays.toString(embeddings.shape()) + " and dims " + dims);
        }
        INDArray x = embeddings.castTo(DataType.DOUBLE).dup('c');
        x.subiRowVector(x.mean(0));
        if (!viaGram) {
            INDArray vectors = x.transpose().mmul(x);               // d x d, eigenvectors become its columns
            INDArray values = Eigen.symmetricGeneralizedEigenvalues(vectors, true);
            INDArray top = topColumns(vectors, values, dims);       // principal directions [d, dims]
            fixSigns(top);
            return x.mmul(top).castTo(embeddings.dataType());
        }
        INDArray vectors = x.mmul(x.transpose());                    // n x n Gram matrix
        INDArray values = Eigen.symmetricGeneralizedEigenvalues(vectors, true);
        INDArray top = topColumns(vectors, values, dims);           // left singular vectors [n, dims]
        INDArray scores = top.dup();
        for (int k = 0; k < dims; k++) {
            double lambda = Math.max(0, values.getDouble(indexOfRank(values, k)));
            scores.getColumn(k).muli(Math.sqrt(lambda));            // projection = u_k * s_k
        }
        // fix signs by the direction in feature space, x^T u_k, as in the d <= n branch
        INDArray directions = x.transpose().mmul(top);
        for (int k = 0; k < dims; k++) {
            INDArray dir = directions.getColumn(k);
            if (dir.getDouble(Nd4j.argMax(Transforms.abs(dir, true)).getInt(0)) < 0) scores.getColumn(k).negi();
        }
        return scores.castTo(embeddings.dataType());
    }

    /** The eigenvectors (columns) of the {@code k} largest eigenvalues, largest first. */
    private static INDArray topColumns(INDArray vectors, INDArray values, int k) {
        INDArray out = Nd4j.create(DataType.DOUBLE, vectors.size(0), k);
        for (int j = 0; j < k; j++) out.getColumn(j).assign(vectors.getColumn(indexOfRank(values, j)));
        return out;
    }

    /** Index of the eigenvalue of rank {@code r} (0 = largest). */
    private static int indexOfRank(INDArray values, int r) {
        double[] v = values.toDoubleVector();
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < v.length; i++) order[i] = i;
        java.util.Arrays.sort(order, (a, b) -> Double.compare(v[b], v[a]));
        return order[r];
    }

    private static void fixSigns(INDArray columns) {
        for (int k = 0; k < columns.size(1); k++) {
            INDArray c = columns.getColumn(k);
            if (c.getDouble(Nd4j.argMax(Transforms.abs(c, true)).getInt(0)) < 0) c.negi();
        }
    }
}
