package org.siamesekit.models;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One {@link EmbeddingNet} as SameDiff variables and ops. The weights are
 * created once; {@link #apply} can be called for any number of inputs and
 * every call reuses the same variables. That reuse is what makes the twins of a
 * Siamese network share their weights: there is one set of parameters, and
 * during backpropagation the gradients from every branch add up in it.
 *
 * <p>Images come in as [n, c, h, w] and feature maps run channels-last,
 * [n, h, w, c], up to the flattening or global pooling. ND4J 1.0.0-M2.1 hands
 * its convolutions and pooling to oneDNN, which works channels-last on these
 * few-channel maps: in [n, c, h, w] each conv2d copied its input and output into
 * another layout and back (docs/performance.md has the step times). Weights keep
 * their layout, so saved models load as before.
 */
final class Tower {
    /** Keeps a blank image (standard deviation 0) from dividing by zero. */
    static final double STANDARDIZE_EPSILON = 1e-5;
    /** Keeps an all-zero embedding (all ReLUs off) from dividing by zero. */
    static final double UNIT_LENGTH_EPSILON = 1e-12;
    private final SameDiff sd;
    private final EmbeddingNet net;
    private final List<SDVariable[]> params = new ArrayList<>(); // per layer: {W, b} or null
    private final Map<String, Double> l2 = new LinkedHashMap<>();

    /** Creates the variables, initialised from the global ND4J random generator (seed it first). */
    Tower(SameDiff sd, EmbeddingNet net) {
        this.sd = sd;
        this.net = net;
        List<Layer> layers = net.layers();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            Shape in = net.shapeBefore(i);
            String prefix = "layer" + (i + 1) + "_";
            if (layer instanceof Layer.Conv c) {
                // YXIO: [kH, kW, inChannels, outChannels]. M2.1's conv2d_bp ignores the
                // weightsFormat argument and assumes this layout, so we use it throughout.
                long fanIn = (long) c.kernel() * c.kernel() * in.channels();
                long fanOut = (long) c.kernel() * c.kernel() * c.filters();
                params.add(new SDVariable[] {
                        weight(prefix + "conv_W", c.activation().initStd(fanIn, fanOut), c.kernel(), c.kernel(), in.channels(), c.filters()),
                        sd.var(prefix + "conv_b", Nd4j.zeros(DataType.FLOAT, c.filters()))});
                l2.put(prefix + "conv_W", c.l2());
            } else if (layer instanceof Layer.Dense d) {
                params.add(new SDVariable[] {
                        weight(prefix + "dense_W", d.activation().initStd(in.size(), d.units()), in.size(), d.units()),
                        sd.var(prefix + "dense_b", Nd4j.zeros(DataType.FLOAT, d.units()))});
                l2.put(prefix + "dense_W", d.l2());
            } else {
                params.add(null);
            }
        }
    }

    private SDVariable weight(String name, double std, long... shape) {
        return sd.var(name, Nd4j.randn(DataType.FLOAT, shape).muli(std));
    }

    /** L2 coefficient per weight name (biases are not regularised). */
    Map<String, Double> l2() { return l2; }

    /**
     * A dropout mask placeholder: fed each training step with 0 or 1/(1-rate) per
     * value; its shape is the fed one without the batch, [h, w, c] on a map.
     */
    record Mask(String name, double rate, Shape shape) {}

    private final List<Mask> masks = new ArrayList<>();

    /** Every dropout-mask placeholder the training branches created. */
    List<Mask> masks() { return masks; }

    /**
     * The embeddings of x [n, c, h, w]: [n, embeddingSize]. With a branch name
     * (training), each dropout layer multiplies by a mask placeholder named
     * {@code branch_dropoutN}; with null (inference) dropout passes x through.
     */
    SDVariable apply(SDVariable x, String branch) {
        boolean training = branch != null;
        Shape input = net.inputShape();
        // Maps run channels-last ([n, h, w, c]) inside the tower; see the class comment.
        SDVariable h = input.channels() == 1
                ? x.reshape(-1, input.height(), input.width(), 1) : x.permute(0, 2, 3, 1);
        boolean maps = true; // h is still a map [n, h, w, c]
        List<Layer> layers = net.layers();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            SDVariable[] p = params.get(i);
            if (layer instanceof Layer.Conv c) {
                Conv2DConfig cfg = Conv2DConfig.builder().kH(c.kernel()).kW(c.kernel()).sH(1).sW(1)
                        .paddingMode(c.padding() == Padding.SAME ? PaddingMode.SAME : PaddingMode.VALID)
                        .dataFormat("NHWC").build();
                h = sd.cnn().conv2d(h, p[0], p[1], cfg);
                if (i + 1 < layers.size() && layers.get(i + 1) instanceof Layer.MaxPool m) {
                    // Pool first, then the activation: every activation here is non-decreasing,
                    // so max(f(x)) = f(max(x)) and the result is the same, but the activation
                    // and its gradient run on a map pooling made 4× smaller. A Fashion-MNIST
                    // training step (128 maps of 28×28) took 432 instead of 552 ms, an ORL
                    // step 205 instead of 227 ms (bench/profile.sh, 2 cores).
                    h = c.activation().apply(sd, maxPool(h, m));
                    i++; // the pool layer is done here
                } else {
                    h = c.activation().apply(sd, h);
                }
            } else if (layer instanceof Layer.MaxPool m) {
                h = maxPool(h, m);
            } else if (layer instanceof Layer.Dropout d) {
                if (training && d.rate() > 0) {
                    // The mask comes in as a placeholder rather than from a SameDiff random op:
                    // in 1.0.0-M2.1 the dropout ops fail on an unknown batch size, and random ops
                    // inside the graph do not repeat across graph instances even after
                    // Nd4j.getRandom().setSeed, which would break "same seed, same losses".
                    Shape after = net.shapeAfter(i); // as the mask is fed: [h, w, c] on a map
                    Shape fed = after.isImage() ? new Shape(after.height(), after.width(), after.channels()) : after;
                    Mask m = new Mask(branch + "_dropout" + (i + 1), d.rate(), fed);
                    masks.add(m);
                    h = h.mul(sd.placeHolder(m.name(), DataType.FLOAT, m.shape().withAnyBatch()));
                }
            } else if (layer instanceof Layer.GlobalAvgPool) {
                h = h.mean(1, 2);
                maps = false;
            } else if (layer instanceof Layer.Standardize) {
                SDVariable centred = h.sub(h.mean(true, 1, 2, 3));
                SDVariable sd2 = centred.pow(2).mean(true, 1, 2, 3);
                h = centred.div(sd.math().sqrt(sd2.add(STANDARDIZE_EPSILON)));
            } else if (layer instanceof Layer.UnitLength) {
                h = h.div(sd.math().sqrt(h.pow(2).sum(true, 1).add(UNIT_LENGTH_EPSILON)));
            } else if (layer instanceof Layer.Flatten) {
                // back to [n, c, h, w] first: the dense weights that follow read the map in
                // that order, as they did before the tower ran channels-last (saved models)
                if (maps) h = h.permute(0, 3, 1, 2);
                maps = false;
                h = h.reshape(-1, net.shapeAfter(i).size());
            } else if (layer instanceof Layer.Dense d) {
                h = d.activation().apply(sd, h.mmul(p[0]).add(p[1]));
            } else {
                throw new IllegalStateException("no SameDiff translation for layer " + layer.spec());
            }
        }
        return maps ? h.permute(0, 3, 1, 2) : h; // a map out: [n, c, h, w], as it came in
    }

    private SDVariable maxPool(SDVariable x, Layer.MaxPool m) {
        Pooling2DConfig cfg = Pooling2DConfig.builder().kH(m.size()).kW(m.size()).sH(m.size()).sW(m.size())
                .paddingMode(PaddingMode.VALID).isNHWC(true).build();
        return sd.cnn().maxPooling2d(x, cfg);
    }

    static boolean hasDropout(EmbeddingNet net) {
        return net.layers().stream().anyMatch(l -> l instanceof Layer.Dropout d && d.rate() > 0);
    }
}
