package org.siamesekit.evaluation;

import java.util.List;
import java.util.Locale;

/**
 * Predicted against true class labels for a set of queries, over a fixed list
 * of candidate classes (the support set's classes, in support order).
 */
public record Classification(int[] classes, List<String> classNames, int[] actual, int[] predicted) {

    public int size() { return actual.length; }

    public int correctCount() {
        int c = 0;
        for (int i = 0; i < actual.length; i++) if (actual[i] == predicted[i]) c++;
        return c;
    }

    public double accuracy() { return (double) correctCount() / size(); }

    public ConfidenceInterval ci95() { return ConfidenceInterval.wilson95(correctCount(), size()); }

    /** The names of {@link #classes()}, in the same order (the confusion matrix's rows and columns). */
    public List<String> classLabels() {
        return java.util.Arrays.stream(classes).mapToObj(classNames::get).toList();
    }

    /** counts[i][j]: queries of classes()[i] predicted as classes()[j]. */
    public int[][] confusionMatrix() {
        int[] pos = new int[classNames.size()];
        java.util.Arrays.fill(pos, -1);
        for (int k = 0; k < classes.length; k++) pos[classes[k]] = k;
        int[][] m = new int[classes.length][classes.length];
        for (int i = 0; i < actual.length; i++) m[pos[actual[i]]][pos[predicted[i]]]++;
        return m;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Classification[%d queries, %d classes: accuracy %.4f, 95%% CI %s]",
                size(), classes.length, accuracy(), ci95());
    }
}
