package org.siamesekit.models;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The network each twin of a Siamese model runs: images in, an embedding
 * vector out. Built in one chain that a notebook can edit in place:
 *
 * <pre>{@code
 * EmbeddingNet net = EmbeddingNet.input(1, 56, 46)
 *         .conv(6, 3, RELU).maxPool(2).dropout(0.25)
 *         .conv(12, 3, RELU).maxPool(2).dropout(0.25)
 *         .flatten().dense(128, RELU).dropout(0.1).dense(50, RELU);
 * }</pre>
 *
 * Each call returns a new net (the old one is unchanged) and checks the shapes
 * at once, so a kernel too large for its input fails on the line that adds it.
 * An EmbeddingNet only describes the architecture; {@link SiameseModel} turns it
 * into a SameDiff graph with weights.
 */
public final class EmbeddingNet {
    private final Shape input;
    private final List<Layer> layers;
    private final List<Shape> shapes; // output shape of each layer

    private EmbeddingNet(Shape input, List<Layer> layers) {
        this.input = input;
        this.layers = List.copyOf(layers);
        List<Shape> s = new ArrayList<>();
        Shape cur = input;
        for (Layer l : layers) {
            cur = l.outputShape(cur);
            s.add(cur);
        }
        this.shapes = Collections.unmodifiableList(s);
    }

    /** Starts a net for images of the given channels, height and width. */
    public static EmbeddingNet input(int channels, int height, int width) {
        return new EmbeddingNet(Shape.image(channels, height, width), List.of());
    }

    /** Convolution with VALID padding (output shrinks by kernel-1), stride 1. */
    public EmbeddingNet conv(int filters, int kernel, Activation activation) {
        return conv(filters, kernel, activation, Padding.VALID);
    }

    public EmbeddingNet conv(int filters, int kernel, Activation activation, Padding padding) {
        return add(new Layer.Conv(filters, kernel, Objects.requireNonNull(activation, "activation"), Objects.requireNonNull(padding, "padding"), 0));
    }

    /** Max pooling, size×size window, stride size. */
    public EmbeddingNet maxPool(int size) { return add(new Layer.MaxPool(size)); }

    /** Dropout while training; rate is the probability of DROPPING a value (Keras convention). */
    public EmbeddingNet dropout(double rate) { return add(new Layer.Dropout(rate)); }

    public EmbeddingNet globalAvgPool() { return add(new Layer.GlobalAvgPool()); }

    public EmbeddingNet flatten() { return add(new Layer.Flatten()); }

    /** Standardises each input image (mean 0, standard deviation 1); usually the first layer. */
    public EmbeddingNet standardize() { return add(new Layer.Standardize()); }

    /** Scales each embedding to unit length (L2 normalisation); usually the last layer. */
    public EmbeddingNet unitLength() { return add(new Layer.UnitLength()); }

    public EmbeddingNet dense(int units, Activation activation) {
        return add(new Layer.Dense(units, Objects.requireNonNull(activation, "activation"), 0));
    }

    /**
     * L2 regularisation of the weights of the layer just added (a conv or
     * dense): the gradient gains {@code lambda·w} each step, i.e. the loss gains
     * {@code lambda/2·Σw²}.
     */
    public EmbeddingNet l2(double lambda) {
        if (layers.isEmpty()) throw new IllegalStateException("l2(" + lambda + ") must follow a conv or dense layer");
        Layer last = layers.get(layers.size() - 1);
        Layer withL2;
        if (last instanceof Layer.Conv c) {
            withL2 = new Layer.Conv(c.filters(), c.kernel(), c.activation(), c.padding(), lambda);
        } else if (last instanceof Layer.Dense d) {
            withL2 = new Layer.Dense(d.units(), d.activation(), lambda);
        } else {
            throw new IllegalStateException("l2(" + lambda + ") must follow a conv or dense layer, not " + last.spec());
        }
        List<Layer> copy = new ArrayList<>(layers);
        copy.set(copy.size() - 1, withL2);
        return new EmbeddingNet(input, copy);
    }

    /** Appends any layer (for layers built outside this fluent API). */
    public EmbeddingNet add(Layer layer) {
        List<Layer> copy = new ArrayList<>(layers);
        copy.add(Objects.requireNonNull(layer, "layer"));
        return new EmbeddingNet(input, copy);
    }

    public Shape inputShape() { return input; }

    public List<Layer> layers() { return layers; }

    /** The output shape of layer i. */
    public Shape shapeAfter(int i) { return shapes.get(i); }

    /** The shape of layer i's input. */
    public Shape shapeBefore(int i) { return i == 0 ? input : shapes.get(i - 1); }

    public Shape outputShape() { return shapes.isEmpty() ? input : shapes.get(shapes.size() - 1); }

    /** The length of the embedding vector; the net must end in a vector (flatten, globalAvgPool or dense). */
    public int embeddingSize() {
        Shape out = outputShape();
        if (!out.isVector()) {
            throw new IllegalStateException("the net ends in a feature map " + out + "; end it with flatten(), globalAvgPool() or dense(...)");
        }
        return (int) out.size();
    }

    public long paramCount() {
        long n = 0;
        for (int i = 0; i < layers.size(); i++) n += layers.get(i).paramCount(shapeBefore(i));
        return n;
    }

    /** The chain of builder calls, e.g. {@code input(1, 56, 46).conv(6, 3, RELU).maxPool(2)}; {@link #parse} reads it back. */
    public String spec() {
        StringBuilder sb = new StringBuilder("input(" + input.channels() + ", " + input.height() + ", " + input.width() + ")");
        for (Layer l : layers) sb.append('.').append(l.spec());
        return sb.toString();
    }

    private static final Pattern CALL = Pattern.compile("\\.?\\s*(\\w+)\\s*\\(([^)]*)\\)\\s*");

    /** Reads a {@link #spec()} string back into a net. */
    public static EmbeddingNet parse(String spec) {
        Matcher m = CALL.matcher(spec.trim());
        EmbeddingNet net = null;
        int pos = 0;
        while (pos < spec.trim().length()) {
            if (!m.find(pos) || m.start() != pos) {
                throw new IllegalArgumentException("cannot read the net spec at character " + pos + ": \"" + spec + "\"");
            }
            String name = m.group(1);
            String[] a = m.group(2).isBlank() ? new String[0] : m.group(2).split("\\s*,\\s*");
            for (int i = 0; i < a.length; i++) a[i] = a[i].trim();
            try {
                if (net == null) {
                    if (!name.equals("input") || a.length != 3) throw new IllegalArgumentException("a net spec starts with input(c, h, w)");
                    net = input(Integer.parseInt(a[0]), Integer.parseInt(a[1]), Integer.parseInt(a[2]));
                } else {
                    net = switch (name) {
                        case "conv" -> a.length == 3 ? net.conv(Integer.parseInt(a[0]), Integer.parseInt(a[1]), Activation.valueOf(a[2]))
                                : net.conv(Integer.parseInt(a[0]), Integer.parseInt(a[1]), Activation.valueOf(a[2]), Padding.valueOf(a[3]));
                        case "maxPool" -> net.maxPool(Integer.parseInt(a[0]));
                        case "dropout" -> net.dropout(Double.parseDouble(a[0]));
                        case "globalAvgPool" -> net.globalAvgPool();
                        case "flatten" -> net.flatten();
                        case "standardize" -> net.standardize();
                        case "unitLength" -> net.unitLength();
                        case "dense" -> net.dense(Integer.parseInt(a[0]), Activation.valueOf(a[1]));
                        case "l2" -> net.l2(Double.parseDouble(a[0]));
                        default -> throw new IllegalArgumentException("unknown layer " + name);
                    };
                }
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("bad call " + m.group().trim() + " in net spec \"" + spec + "\": " + e.getMessage(), e);
            }
            pos = m.end();
        }
        if (net == null) throw new IllegalArgumentException("empty net spec");
        return net;
    }

    /** One row per layer: layer, output shape, parameters. */
    public Table summaryTable() {
        IntColumn idx = IntColumn.create("#");
        StringColumn layer = StringColumn.create("layer");
        StringColumn shape = StringColumn.create("output shape");
        LongColumn params = LongColumn.create("params");
        idx.append(0);
        layer.append("input");
        shape.append(input.toString());
        params.append(0);
        for (int i = 0; i < layers.size(); i++) {
            idx.append(i + 1);
            layer.append(layers.get(i).spec());
            shape.append(shapes.get(i).toString());
            params.append(layers.get(i).paramCount(shapeBefore(i)));
        }
        return Table.create("EmbeddingNet (" + String.format("%,d", paramCount()) + " parameters)", idx, layer, shape, params);
    }

    /** A fixed-width text table of the layers, their output shapes and parameter counts. */
    public String summary() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"#", "layer", "output shape", "params"});
        rows.add(new String[] {"0", "input", input.toString(), ""});
        for (int i = 0; i < layers.size(); i++) {
            rows.add(new String[] {String.valueOf(i + 1), layers.get(i).spec(), shapes.get(i).toString(),
                    String.format("%,d", layers.get(i).paramCount(shapeBefore(i)))});
        }
        int[] w = new int[4];
        for (String[] r : rows) for (int c = 0; c < 4; c++) w[c] = Math.max(w[c], r[c].length());
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            sb.append(String.format("%" + w[0] + "s  %-" + w[1] + "s  %-" + w[2] + "s  %" + w[3] + "s%n", (Object[]) r));
        }
        sb.append(String.format("total parameters: %,d; embedding size: %s", paramCount(),
                outputShape().isVector() ? String.valueOf(outputShape().size()) : "(ends in a feature map " + outputShape() + ")"));
        return sb.toString();
    }

    @Override
    public String toString() { return summary(); }

    @Override
    public boolean equals(Object o) { return o instanceof EmbeddingNet n && n.input.equals(input) && n.layers.equals(layers); }

    @Override
    public int hashCode() { return input.hashCode() * 31 + layers.hashCode(); }
}
