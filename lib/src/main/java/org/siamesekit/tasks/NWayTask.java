package org.siamesekit.tasks;

import java.util.Arrays;

import org.siamesekit.data.LabelledImages;

/**
 * One N-way one-shot trial: a query image and N candidate (support) images of
 * N different classes, exactly one of which, at position {@link #answer()},
 * shares the query's class. The model must pick that one. The correct
 * candidate is a different image of the query's class (for Omniglot, a
 * different drawer), and its position is random, so a scorer that cannot tell
 * the candidates apart gets 1/N right.
 */
public final class NWayTask {
    private final LabelledImages source;
    private final int query;
    private final int[] support;
    private final int answer;

    public NWayTask(LabelledImages source, int query, int[] support, int answer) {
        this.source = source;
        this.query = query;
        this.support = support.clone();
        this.answer = answer;
        if (support.length == 0) throw new IllegalArgumentException("an N-way task needs at least one candidate");
        if (answer < 0 || answer >= support.length) {
            throw new IllegalArgumentException("answer " + answer + " is not a candidate position (0.." + (support.length - 1) + ")");
        }
        int q = source.label(query);
        boolean[] seen = new boolean[source.numClasses()];
        for (int k = 0; k < support.length; k++) {
            int c = source.label(support[k]);
            if (seen[c]) throw new IllegalArgumentException("candidates " + Arrays.toString(support) + " repeat class " + c);
            seen[c] = true;
            if ((c == q) != (k == answer)) {
                throw new IllegalArgumentException("candidate " + k + " (image " + support[k] + ", class " + c + ") "
                        + (k == answer ? "is the answer but not of" : "is not the answer but of") + " the query's class " + q);
            }
        }
        if (support[answer] == query) throw new IllegalArgumentException("the correct candidate must be a different image than the query");
    }

    public LabelledImages source() { return source; }
    /** N, the number of candidates. */
    public int n() { return support.length; }
    /** Index of the query image in {@link #source()}. */
    public int query() { return query; }
    public int queryLabel() { return source.label(query); }
    /** Indices of the candidate images in {@link #source()}. */
    public int[] support() { return support.clone(); }
    public int support(int k) { return support[k]; }
    public int supportLabel(int k) { return source.label(support[k]); }
    /** Position in {@link #support()} of the candidate of the query's class. */
    public int answer() { return answer; }

    @Override
    public String toString() {
        return "NWayTask[" + n() + "-way, query " + query + " (class " + queryLabel() + "), candidates "
                + Arrays.toString(support) + ", answer at " + answer + "]";
    }
}
