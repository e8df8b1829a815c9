package org.siamesekit.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A set of grey-scale images with integer class labels: the one in-memory form
 * that every reader produces and every sampler, model and metric consumes.
 *
 * <p>Images live in one float32 array of shape [n, 1, height, width] with pixel
 * values in [0, 1] (channels-first, as SameDiff's conv2d expects). Labels are
 * indices into {@link #classNames()}; {@link #groupOf(int)} optionally names a
 * coarser group per class (an Omniglot alphabet), used for splits by group.
 */
public final class LabelledImages {
    private final INDArray images;
    private final int[] labels;
    private final List<String> classNames;
    private final List<String> classGroups;
    private int[][] indicesByClass;

    /**
     * @param images      float array [n, 1, h, w], values in [0, 1]
     * @param labels      n labels, each in [0, classNames.size())
     * @param classNames  a name per class (a person, a garment, a character)
     * @param classGroups a group per class (same size as classNames), or null
     */
    public LabelledImages(INDArray images, int[] labels, List<String> classNames, List<String> classGroups) {
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(classNames, "classNames");
        if (images.rank() != 4 || images.size(1) != 1) {
            throw new IllegalArgumentException("images must have shape [n, 1, h, w], got " + Arrays.toString(images.shape()));
        }
        if (images.size(0) != labels.length) {
            throw new IllegalArgumentException(images.size(0) + " images but " + labels.length + " labels");
        }
        if (classGroups != null && classGroups.size() != classNames.size()) {
            throw new IllegalArgumentException(classNames.size() + " classes but " + classGroups.size() + " class groups");
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classNames.size()) {
                throw new IllegalArgumentException("label " + labels[i] + " of image " + i + " is not a class index (0.." + (classNames.size() - 1) + ")");
            }
        }
        this.images = images.dataType() == DataType.FLOAT ? images : images.castTo(DataType.FLOAT);
        this.labels = labels.clone();
        this.classNames = List.copyOf(classNames);
        this.classGroups = classGroups == null ? null : List.copyOf(classGroups);
    }

    public LabelledImages(INDArray images, int[] labels, List<String> classNames) {
        this(images, labels, classNames, null);
    }

    /** All images, [n, 1, h, w]. Not copied: treat as read-only. */
    public INDArray images() { return images; }

    /** One image as a view of shape [1, 1, h, w]. */
    public INDArray image(int i) {
        return images.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(i, i + 1));
    }

    /**
     * The images at the given indices, copied into a new [k, 1, h, w] array.
     *
     * <p>Through ND4J's gather op, whose inputs the op itself holds while it
     * runs, not {@code Nd4j.pullRows}: pullRows keeps no reference to its
     * source's Java buffer during the native call, so a garbage collection can
     * free a temporary view's native buffer under it; both native crashes seen
     * in full notebook runs were there (docs/nd4j-workarounds.md).
     */
    public INDArray gather(int[] indices) {
        INDArray out = Nd4j.create(DataType.FLOAT, indices.length, 1, height(), width());
        if (indices.length == 0) return out;
        for (int i : indices) {
            if (i < 0 || i >= size()) throw new IndexOutOfBoundsException("image " + i + " of " + size());
        }
        Nd4j.exec(DynamicCustomOp.builder("gather").addInputs(images, Nd4j.createFromArray(indices))
                .addOutputs(out).addIntegerArguments(0).build());
        return out;
    }

    public int size() { return labels.length; }
    public int height() { return (int) images.size(2); }
    public int width() { return (int) images.size(3); }
    public int label(int i) { return labels[i]; }
    public int[] labels() { return labels.clone(); }
    public int numClasses() { return classNames.size(); }
    public List<String> classNames() { return classNames; }
    public String className(int label) { return classNames.get(label); }

    /** The group (for example the Omniglot alphabet) of a class, or null when the set has none. */
    public String groupOf(int label) { return classGroups == null ? null : classGroups.get(label); }
    public boolean hasGroups() { return classGroups != null; }

    /** Indices of the images of one class, in order. */
    public int[] indicesOf(int label) {
        if (indicesByClass == null) {
            int[] counts = new int[numClasses()];
            for (int l : labels) counts[l]++;
            int[][] by = new int[numClasses()][];
            for (int c = 0; c < by.length; c++) by[c] = new int[counts[c]];
            int[] fill = new int[numClasses()];
            for (int i = 0; i < labels.length; i++) by[labels[i]][fill[labels[i]]++] = i;
            indicesByClass = by;
        }
        return indicesByClass[label].clone();
    }

    /** Classes that have at least one image. */
    public List<Integer> presentClasses() {
        List<Integer> out = new ArrayList<>();
        for (int c = 0; c < numClasses(); c++) if (indicesOf(c).length > 0) out.add(c);
        return Collections.unmodifiableList(out);
    }

    /**
     * A new set with only the given images (copied), keeping the class list and
     * label numbering, so a subset's labels still mean the same classes.
     */
    public LabelledImages subset(int[] indices) {
        int[] sub = new int[indices.length];
        for (int i = 0; i < indices.length; i++) sub[i] = labels[indices[i]];
        return new LabelledImages(gather(indices), sub, classNames, classGroups);
    }

    /** A new set with only the images of the given classes (labels keep their numbering). */
    public LabelledImages ofClasses(java.util.Collection<Integer> classes) {
        boolean[] keep = new boolean[numClasses()];
        for (int c : classes) keep[c] = true;
        int[] idx = java.util.stream.IntStream.range(0, size()).filter(i -> keep[labels[i]]).toArray();
        return subset(idx);
    }

    @Override
    public String toString() {
        return "LabelledImages[" + size() + " images " + height() + "x" + width() + ", " + numClasses() + " classes"
                + (hasGroups() ? ", grouped" : "") + "]";
    }
}
