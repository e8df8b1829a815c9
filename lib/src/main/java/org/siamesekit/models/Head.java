package org.siamesekit.models;

/**
 * What sits on top of the two embeddings and defines the loss.
 * <ul>
 * <li>{@link Contrastive}: Euclidean distance d between the embeddings; loss
 *     {@code y·d² + (1−y)·max(0, margin−d)²} averaged over the batch (y = 1 genuine).</li>
 * <li>{@link Koch}: Koch et al. (2015): L1 difference |a−b| → dense(1) → sigmoid
 *     = p(same); binary cross-entropy.</li>
 * </ul>
 */
public sealed interface Head {
    /** For example {@code contrastive(1.0)}; {@link #parse} reads it back. */
    String spec();

    static Contrastive contrastive(double margin) { return new Contrastive(margin); }

    static Koch koch() { return new Koch(); }

    record Contrastive(double margin) implements Head {
        public Contrastive {
            if (!(margin > 0)) throw new IllegalArgumentException("contrastive margin must be > 0, got " + margin);
        }

        @Override
        public String spec() { return "contrastive(" + Layer.num(margin) + ")"; }
    }

    record Koch() implements Head {
        @Override
        public String spec() { return "koch()"; }
    }

    static Head parse(String spec) {
        String s = spec.trim();
        try {
            if (s.equals("koch()")) return koch();
            if (s.startsWith("contrastive(") && s.endsWith(")")) return contrastive(Double.parseDouble(s.substring(12, s.length() - 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad number in head spec \"" + spec + "\"", e);
        }
        throw new IllegalArgumentException("unknown head spec \"" + spec + "\" (expected contrastive(m) or koch())");
    }
}
