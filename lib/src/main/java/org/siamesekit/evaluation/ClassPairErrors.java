package org.siamesekit.evaluation;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import org.siamesekit.data.LabelledImages;
import org.siamesekit.pairs.Pairs;

/**
 * Which classes a verifier mixes up: impostor pairs (two different classes)
 * that score at or below the threshold, i.e. are wrongly called "same",
 * counted per unordered pair of classes. On Fashion-MNIST this shows that the
 * errors are not spread evenly but sit between look-alike garments (shirt vs
 * T-shirt/top, pullover vs coat).
 */
public final class ClassPairErrors {
    private ClassPairErrors() {}

    /**
     * One unordered class pair: how many of its impostor pairs were called
     * "same" ({@code wrong}) out of how many were scored ({@code total}).
     */
    public record Row(String classA, String classB, int wrong, int total) {
        /** wrong / total: the false accept rate of this class pair. */
        public double rate() { return total == 0 ? Double.NaN : (double) wrong / total; }
    }

    /**
     * Impostor pairs with score &lt;= threshold, counted per unordered class pair;
     * rows with at least one such pair, most errors first (ties by class order).
     * Needs scores built from {@link Pairs} ({@link ScoredPairs#score}).
     */
    public static List<Row> falseAccepts(ScoredPairs scored, double threshold) {
        Pairs pairs = Objects.requireNonNull(scored.pairs(),
                "these scores were built from arrays; class pairs need ScoredPairs.score(scorer, pairs)");
        LabelledImages images = pairs.source();
        int k = images.numClasses();
        int[][] wrong = new int[k][k], total = new int[k][k];
        for (int i = 0; i < scored.size(); i++) {
            if (scored.isGenuine(i)) continue;
            int a = images.label(pairs.left(i)), b = images.label(pairs.right(i));
            int lo = Math.min(a, b), hi = Math.max(a, b);
            total[lo][hi]++;
            if (scored.score(i) <= threshold) wrong[lo][hi]++;
        }
        List<Row> rows = new ArrayList<>();
        List<int[]> order = new ArrayList<>();
        for (int a = 0; a < k; a++) {
            for (int b = a; b < k; b++) {
                if (wrong[a][b] > 0) order.add(new int[] {a, b});
            }
        }
        order.sort(Comparator.<int[]>comparingInt(p -> -wrong[p[0]][p[1]]).thenComparingInt(p -> p[0]).thenComparingInt(p -> p[1]));
        for (int[] p : order) {
            rows.add(new Row(images.className(p[0]), images.className(p[1]), wrong[p[0]][p[1]], total[p[0]][p[1]]));
        }
        return rows;
    }
}
