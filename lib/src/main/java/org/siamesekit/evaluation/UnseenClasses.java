package org.siamesekit.evaluation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.siamesekit.data.LabelledImages;

/**
 * The numbers that say how an embedding does on classes (people) it never
 * trained on, all from every pair of photos rather than a sample:
 * <ul>
 * <li>pair accuracy on balanced pairs: every genuine pair and as many impostor
 *     pairs, drawn with the seed ({@link #balanced}); the threshold that makes
 *     the fewest mistakes on the validation classes' pairs, and the test pairs'
 *     accuracy at it (on all pairs, impostors outnumber genuine pairs ten to
 *     one, and calling everything "different" would score 0.9);</li>
 * <li>AUC and EER on every pair of the test classes' photos;</li>
 * <li>one-shot identification: one photo per test class enrolled, every other
 *     photo a probe, named by the nearest enrolled photo; top-1 and top-5
 *     accuracy averaged over every choice of enrolment photo (the first photo of
 *     each class, then the second, ...), so no lucky or unlucky choice decides.</li>
 * </ul>
 * The embedding is any function from images to vectors: a model's
 * {@code model::embed}, or {@link Embeddings#pixels(INDArray)} for the pixel-L2 baseline.
 */
public final class UnseenClasses {
    private UnseenClasses() {}

    /** The results for one embedding on one validation / test split. */
    public record Scores(double accuracy, double auc, double eer, double top1, double top5, double threshold) {
        /** The scores by name, rounded to 4 decimals, for a table ({@code Tables.sideBySide}). */
        public java.util.Map<String, Double> asMap() {
            java.util.Map<String, Double> m = new java.util.LinkedHashMap<>();
            m.put("pair accuracy at the validation threshold", round(accuracy));
            m.put("AUC", round(auc));
            m.put("EER", round(eer));
            m.put("one-shot top-1", round(top1));
            m.put("one-shot top-5", round(top5));
            return m;
        }

        private static double round(double v) { return Math.round(v * 1e4) / 1e4; }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "auc %.4f acc %.4f eer %.4f top1 %.4f top5 %.4f", auc, accuracy, eer, top1, top5);
        }
    }

    /**
     * Scores {@code embed} with the threshold from {@code validation} and everything
     * else from {@code test}; {@code seed} draws the impostor pairs of the balanced
     * pairs (the same seed gives every method the same pairs).
     */
    public static Scores evaluate(Function<INDArray, INDArray> embed, LabelledImages validation, LabelledImages test, long seed) {
        INDArray v = Embeddings.of(embed, validation), t = Embeddings.of(embed, test);
        ThresholdChoice threshold = Verification.bestThreshold(balanced(allPairs(v, validation.labels()), seed));
        ScoredPairs testPairs = allPairs(t, test.labels());
        return new Scores(Verification.accuracyAt(balanced(testPairs, seed + 1), threshold.threshold()), Verification.auc(testPairs),
                Verification.equalErrorRate(testPairs).rate(), topK(t, test.labels(), 1), topK(t, test.labels(), 5),
                threshold.threshold());
    }

    /** Every pair (i < j) of the embedded photos [n, d], scored by Euclidean distance, genuine when the labels agree. */
    public static ScoredPairs allPairs(INDArray embeddings, int[] labels) {
        if (embeddings.size(0) != labels.length) {
            throw new IllegalArgumentException(embeddings.size(0) + " embeddings but " + labels.length + " labels");
        }
        double[][] d = Embeddings.distances(embeddings, embeddings).toDoubleMatrix();
        int n = labels.length, k = 0;
        double[] scores = new double[n * (n - 1) / 2];
        boolean[] genuine = new boolean[scores.length];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++, k++) {
                scores[k] = d[i][j];
                genuine[k] = labels[i] == labels[j];
            }
        }
        return new ScoredPairs(scores, genuine);
    }

    /** Every genuine pair of {@code all} and as many of its impostor pairs, drawn without replacement with the seed. */
    public static ScoredPairs balanced(ScoredPairs all, long seed) {
        List<Integer> impostors = new ArrayList<>(), keep = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) (all.isGenuine(i) ? keep : impostors).add(i);
        int genuine = keep.size();
        if (genuine == 0 || impostors.size() < genuine) {
            throw new IllegalArgumentException("balanced pairs need genuine pairs and at least as many impostor pairs; got "
                    + genuine + " and " + impostors.size());
        }
        java.util.Collections.shuffle(impostors, new java.util.Random(seed));
        keep.addAll(impostors.subList(0, genuine));
        double[] scores = new double[keep.size()];
        boolean[] same = new boolean[keep.size()];
        for (int k = 0; k < keep.size(); k++) {
            scores[k] = all.score(keep.get(k));
            same[k] = all.isGenuine(keep.get(k));
        }
        return new ScoredPairs(scores, same);
    }

    /**
     * One-shot top-k accuracy averaged over the choice of enrolment photo: for
     * e = 0, 1, ... up to the fewest photos any class has, the e-th photo of each
     * class is enrolled and every other photo is a probe; a probe counts when its
     * class is among the k enrolled photos nearest to it.
     */
    public static double topK(INDArray embeddings, int[] labels, int k) {
        return topK(embeddings, embeddings, labels, k);
    }

    /**
     * As {@link #topK(INDArray, int[], int)}, with the enrolled photos taken from
     * {@code enrolled} and the probes from {@code probes}: two versions of the same
     * photos, row i of each being photo i (e.g. clean photos enrolled, photos
     * through a door camera as probes).
     */
    public static double topK(INDArray enrolled, INDArray probes, int[] labels, int k) {
        if (enrolled.size(0) != labels.length || probes.size(0) != labels.length) {
            throw new IllegalArgumentException(enrolled.size(0) + " enrolled and " + probes.size(0) + " probe embeddings but "
                    + labels.length + " labels");
        }
        List<Integer> classes = new ArrayList<>();
        for (int l : labels) if (!classes.contains(l)) classes.add(l);
        int[][] members = new int[classes.size()][];
        int fewest = Integer.MAX_VALUE;
        for (int c = 0; c < members.length; c++) {
            int label = classes.get(c);
            members[c] = java.util.stream.IntStream.range(0, labels.length).filter(i -> labels[i] == label).toArray();
            fewest = Math.min(fewest, members[c].length);
        }
        if (classes.size() < 2 || fewest < 2) {
            throw new IllegalArgumentException("one-shot identification needs at least 2 classes with at least 2 photos each; got "
                    + classes.size() + " classes, the smallest with " + fewest);
        }
        double[][] d = Embeddings.distances(probes, enrolled).toDoubleMatrix(); // d[probe][enrolled]
        double sum = 0;
        for (int e = 0; e < fewest; e++) {
            int hits = 0, tried = 0;
            for (int c = 0; c < members.length; c++) {
                for (int p : members[c]) {
                    if (p == members[c][e]) continue;
                    double own = d[p][members[c][e]];
                    int closer = 0; // enrolled photos of other classes nearer than the right one
                    for (int o = 0; o < members.length; o++) if (o != c && d[p][members[o][e]] < own) closer++;
                    if (closer < k) hits++;
                    tried++;
                }
            }
            sum += (double) hits / tried;
        }
        return sum / fewest;
    }
}
