package org.siamesekit.models;

import static org.siamesekit.models.Activation.LINEAR;
import static org.siamesekit.models.Activation.RELU;
import static org.siamesekit.models.Activation.SIGMOID;

/**
 * The embedding networks the notebooks use, as editable starting points
 * (each is an {@link EmbeddingNet}; chain more calls to change it).
 */
public final class Presets {
    private Presets() {}

    /** ORL faces, 1×56×46 (92×112 downsampled by 2): two small conv blocks and a 50-d embedding. */
    public static EmbeddingNet orl() {
        return EmbeddingNet.input(1, 56, 46)
                .conv(6, 3, RELU).maxPool(2).dropout(0.25)
                .conv(12, 3, RELU).maxPool(2).dropout(0.25)
                .flatten().dense(128, RELU).dropout(0.1)
                .dense(50, RELU);
    }

    /**
     * ORL faces, 1×56×46: the kit's own face network (not the tutorial's). Each
     * photo is standardised, then four 3×3 conv blocks of 32, 64, 128 and 128
     * filters (SAME padding, ReLU, 2×2 max-pooling after the first three),
     * global average pooling and a 64-d embedding scaled to unit length. Global
     * pooling makes it care what is in the photo more than where: a face
     * shifted by a few pixels gives nearly the same embedding, which a dense
     * layer over the flattened map does not promise. 248,512 parameters.
     */
    public static EmbeddingNet faces() {
        return EmbeddingNet.input(1, 56, 46).standardize()
                .conv(32, 3, RELU, Padding.SAME).maxPool(2)
                .conv(64, 3, RELU, Padding.SAME).maxPool(2)
                .conv(128, 3, RELU, Padding.SAME).maxPool(2)
                .conv(128, 3, RELU, Padding.SAME)
                .globalAvgPool()
                .dense(64, LINEAR).unitLength();
    }

    /** Fashion-MNIST, 1×28×28: one conv block, global average pooling, a linear 48-d embedding. */
    public static EmbeddingNet fashion() {
        return EmbeddingNet.input(1, 28, 28)
                .conv(128, 2, RELU, Padding.SAME).maxPool(2).dropout(0.4)
                .globalAvgPool()
                .dense(48, LINEAR);
    }

    /** Fashion-MNIST with the second conv block the original design intended (64@2×2 after the first pool). */
    public static EmbeddingNet fashionTwoConv() {
        return EmbeddingNet.input(1, 28, 28)
                .conv(128, 2, RELU, Padding.SAME).maxPool(2).dropout(0.4)
                .conv(64, 2, RELU, Padding.SAME).maxPool(2).dropout(0.4)
                .globalAvgPool()
                .dense(48, LINEAR);
    }

    /**
     * Fashion-MNIST, the kit's deeper network (not the seed's): VGG-style blocks
     * of two 3×3 convolutions before each pooling (Simonyan and Zisserman, 2014),
     * 32 then 64 filters, and a dense layer over the whole 64×7×7 map. Two stacked 3×3 convolutions see a 5×5 patch with
     * a ReLU between them; 880,400 parameters. On 2 CPU cores a training step
     * takes about 1.35 times as long as {@link #fashionFlat()}'s, not the 4.5
     * times its arithmetic suggests: at this size SameDiff's per-op overhead
     * dominates.
     */
    public static EmbeddingNet fashionVgg() {
        return EmbeddingNet.input(1, 28, 28)
                .conv(32, 3, RELU, Padding.SAME).conv(32, 3, RELU, Padding.SAME).maxPool(2)
                .conv(64, 3, RELU, Padding.SAME).conv(64, 3, RELU, Padding.SAME).maxPool(2).dropout(0.25)
                .flatten().dense(256, RELU).dropout(0.25)
                .dense(48, LINEAR);
    }

    /**
     * Koch, Zemel and Salakhutdinov (2015), Omniglot 1×105×105: four conv layers
     * and a 4096-d sigmoid embedding, L2-regularised; about 38.9 million
     * parameters (the dense layer holds 37.7 million). Use with {@link Head#koch()}.
     */
    public static EmbeddingNet koch() {
        return EmbeddingNet.input(1, 105, 105)
                .conv(64, 10, RELU).l2(2e-4).maxPool(2)
                .conv(128, 7, RELU).l2(2e-4).maxPool(2)
                .conv(128, 4, RELU).l2(2e-4).maxPool(2)
                .conv(256, 4, RELU).l2(2e-4)
                .flatten().dense(4096, SIGMOID).l2(1e-3);
    }

    /**
     * Koch's design scaled down to train on a laptop CPU: the same conv → pool
     * pattern and sigmoid embedding, on side×side input (Omniglot 105×105
     * downsampled, e.g. 35 = ÷3 or 52 ≈ ÷2), with 32/64/64 filters (Koch: 64, 128,
     * 128, 256) and a 128-d embedding (Koch: 4096); about 188,000 parameters on
     * 35×35. Sides from 20 up are accepted; 35 or 52 are the intended ones.
     * (Until this version it had 16/32/32 filters: on 35×35 with the same training,
     * 20-way validation accuracy 0.83 against 0.87 for these widths after 8,000
     * iterations, for about 1.6 times the time per iteration.)
     */
    public static EmbeddingNet kochCompact(int side) {
        if (side < 20) throw new IllegalArgumentException("kochCompact needs input of at least 20×20, got " + side);
        EmbeddingNet net = EmbeddingNet.input(1, side, side)
                .conv(32, 5, RELU).l2(2e-4).maxPool(2)
                .conv(64, 3, RELU).l2(2e-4).maxPool(2)
                .conv(64, 3, RELU).l2(2e-4);
        if (side >= 44) net = net.maxPool(2); // keep the flattened size near 1,000 on larger input
        return net.flatten().dense(128, SIGMOID).l2(1e-3);
    }

    /** {@link #kochCompact(int)} on 35×35 input (Omniglot downsampled by 3). */
    public static EmbeddingNet kochCompact() { return kochCompact(35); }
}
