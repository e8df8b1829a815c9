package org.siamesekit.models;

import java.util.Locale;

/**
 * One layer of an {@link EmbeddingNet}. Each knows the shape it produces and
 * how many parameters it holds; {@link Tower} turns the list into SameDiff ops.
 * {@link #spec()} is the builder call that adds the layer, so a saved
 * architecture reads like the notebook cell that made it.
 */
public sealed interface Layer {
    /** The shape this layer outputs for one example of shape {@code in}; throws if in does not fit. */
    Shape outputShape(Shape in);

    /** Trainable parameters (weights and biases) for input shape {@code in}. */
    default long paramCount(Shape in) { return 0; }

    /** The builder call, e.g. {@code conv(6, 3, RELU)}. */
    String spec();

    /** 2-D convolution, stride 1, weights [kernel, kernel, inChannels, filters]. */
    record Conv(int filters, int kernel, Activation activation, Padding padding, double l2) implements Layer {
        public Conv {
            positive("filters", filters);
            positive("kernel", kernel);
            nonNegative("l2", l2);
        }

        @Override
        public Shape outputShape(Shape in) {
            requireImage(this, in);
            if (padding == Padding.SAME) return Shape.image(filters, in.height(), in.width());
            if (in.height() < kernel || in.width() < kernel) {
                throw new IllegalArgumentException(spec() + ": input " + in + " is smaller than the " + kernel + "×" + kernel
                        + " kernel (use SAME padding, a smaller kernel or fewer pooling layers before it)");
            }
            return Shape.image(filters, in.height() - kernel + 1, in.width() - kernel + 1);
        }

        @Override
        public long paramCount(Shape in) { return (long) kernel * kernel * in.channels() * filters + filters; }

        @Override
        public String spec() {
            return "conv(" + filters + ", " + kernel + ", " + activation + (padding == Padding.SAME ? ", SAME" : "") + ")" + l2Spec(l2);
        }
    }

    /** Max pooling over size×size windows with stride size (the remainder rows/columns are dropped). */
    record MaxPool(int size) implements Layer {
        public MaxPool { positive("pool size", size); }

        @Override
        public Shape outputShape(Shape in) {
            requireImage(this, in);
            if (in.height() < size || in.width() < size) {
                throw new IllegalArgumentException(spec() + ": input " + in + " is smaller than the pooling window");
            }
            return Shape.image(in.channels(), in.height() / size, in.width() / size);
        }

        @Override
        public String spec() { return "maxPool(" + size + ")"; }
    }

    /**
     * Inverted dropout: while training, each value is zeroed with probability
     * {@code rate} and the rest scaled by 1/(1-rate); at inference it does nothing.
     */
    record Dropout(double rate) implements Layer {
        public Dropout {
            if (!(rate >= 0 && rate < 1)) throw new IllegalArgumentException("dropout rate (the probability of dropping a value) must be in [0, 1), got " + rate);
        }

        @Override
        public Shape outputShape(Shape in) { return in; }

        @Override
        public String spec() { return "dropout(" + num(rate) + ")"; }
    }

    /** Mean of each channel over height and width: [c, h, w] to [c]. */
    record GlobalAvgPool() implements Layer {
        @Override
        public Shape outputShape(Shape in) {
            requireImage(this, in);
            return Shape.vector(in.channels());
        }

        @Override
        public String spec() { return "globalAvgPool()"; }
    }

    /** [c, h, w] to [c·h·w], so a dense layer can follow. */
    record Flatten() implements Layer {
        @Override
        public Shape outputShape(Shape in) { return Shape.vector(in.size()); }

        @Override
        public String spec() { return "flatten()"; }
    }

    /**
     * Each image standardised on its own: minus its mean, divided by its
     * standard deviation (over all its pixels). A photo taken darker or with
     * less contrast then reaches the first convolution unchanged.
     */
    record Standardize() implements Layer {
        @Override
        public Shape outputShape(Shape in) {
            requireImage(this, in);
            return in;
        }

        @Override
        public String spec() { return "standardize()"; }
    }

    /**
     * Scales each embedding to length 1 (L2 normalisation). Distances then lie
     * in [0, 2], so one contrastive margin fits every net and data set.
     */
    record UnitLength() implements Layer {
        @Override
        public Shape outputShape(Shape in) {
            if (!in.isVector()) {
                throw new IllegalArgumentException(spec() + ": input " + in + " is a feature map; it scales an embedding vector");
            }
            return in;
        }

        @Override
        public String spec() { return "unitLength()"; }
    }

    /** Fully connected layer, weights [in, units]. */
    record Dense(int units, Activation activation, double l2) implements Layer {
        public Dense {
            positive("units", units);
            nonNegative("l2", l2);
        }

        @Override
        public Shape outputShape(Shape in) {
            if (!in.isVector()) {
                throw new IllegalArgumentException(spec() + ": input " + in + " is a feature map; add flatten() or globalAvgPool() before dense");
            }
            return Shape.vector(units);
        }

        @Override
        public long paramCount(Shape in) { return in.size() * units + units; }

        @Override
        public String spec() { return "dense(" + units + ", " + activation + ")" + l2Spec(l2); }
    }

    private static void requireImage(Layer layer, Shape in) {
        if (!in.isImage()) {
            throw new IllegalArgumentException(layer.spec() + " needs a feature map [channels, height, width] but gets " + in
                    + " (it comes after flatten, globalAvgPool or dense)");
        }
    }

    private static void positive(String what, int v) {
        if (v < 1) throw new IllegalArgumentException(what + " must be at least 1, got " + v);
    }

    private static void nonNegative(String what, double v) {
        if (!(v >= 0)) throw new IllegalArgumentException(what + " must be >= 0, got " + v);
    }

    private static String l2Spec(double l2) { return l2 > 0 ? ".l2(" + num(l2) + ")" : ""; }

    /** Shortest exact decimal form, so specs round-trip (0.25, not 0.25000000). */
    static String num(double v) {
        String s = Double.toString(v);
        return s.toLowerCase(Locale.ROOT);
    }
}
