package org.siamesekit.gallery;

/**
 * One gallery entry ranked against a probe photo: the enrolled name, the
 * Euclidean distance between the two embeddings (lower = more alike) and the
 * rank (1 = nearest).
 */
public record Match(int rank, String name, double distance) {
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "#%d %s (%.4f)", rank, name, distance);
    }
}
