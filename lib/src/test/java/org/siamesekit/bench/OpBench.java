package org.siamesekit.bench;

import java.io.IOException;
import java.util.Locale;

import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.reduce.same.Sum;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Single ND4J ops on the presets' shapes, one at a time, for choices that a
 * whole training step is too noisy to settle: max pooling (2×2, stride 2) with
 * oneDNN and with libnd4j's own loop, and the first layer's weight gradient
 * computed as one convolution (what {@code InputConv2D} did while the towers ran
 * [n, c, h, w]) or as an im2col copy and one matrix product (what it does now,
 * with the windows copied from one strided view), ReLU's gradient with thresholdedrelu_bp (what
 * SameDiff emits) or relu_bp (the faster kernel; not worth a workaround), and the first
 * layer's bias gradient summed in one reduction or two. Random inputs;
 * milliseconds per call after 3 calls of warm-up. First, the process's resident
 * memory while 64 MiB arrays are allocated, filled and closed one after the
 * other, and after a garbage collection (does ND4J's close() free?). Run by {@code bench/ops.sh}; the lines are also appended to
 * build/bench/ops.txt, after a line with the load average.
 */
public final class OpBench {
    private OpBench() {}

    private static final int REPS = 30;
    private static final String RESULTS = "ops.txt";

    public static void main(String[] args) throws IOException {
        RecipeArgs.record("OpBench, 1-minute load average " + RecipeArgs.load(), RESULTS);
        closeAndMemory(12); // first, while the process has no freed memory of its own to reuse
        Nd4j.getRandom().setSeed(42);
        // [n, c, h, w] entering each pool of the presets (pairs of images stacked into one batch)
        long[][] pools = {{256, 6, 54, 44}, {256, 12, 25, 20}, {128, 128, 28, 28}, {128, 32, 31, 31},
                {128, 64, 13, 13}, {64, 64, 96, 96}, {64, 128, 42, 42}, {64, 128, 18, 18}};
        for (long[] s : pools) pooling(s);
        // images [n, 1, h, w], filters, kernel: the first layers of ORL, kochCompact(35), Koch
        weightGradient(256, 56, 46, 6, 3);
        weightGradient(128, 35, 35, 32, 5);
        weightGradient(64, 105, 105, 64, 10);
        // what enters each ReLU gradient of the ORL preset (pooled maps, dense layers)
        for (long[] r : new long[][] {{256, 6, 27, 22}, {256, 12, 12, 10}, {256, 128}}) reluGradient(r);
        biasGradient(256, 6, 54, 44);
    }

    private static void reluGradient(long[] s) throws IOException {
        INDArray x = Nd4j.randn(DataType.FLOAT, s), g = Nd4j.randn(DataType.FLOAT, s);
        INDArray[] out = {Nd4j.create(DataType.FLOAT, s), Nd4j.create(DataType.FLOAT, s)};
        String[] ops = {"thresholdedrelu_bp", "relu_bp"};
        double[] ms = new double[2];
        for (int i = 0; i < 2; i++) {
            INDArray z = out[i];
            String op = ops[i];
            ms[i] = millis(() -> Nd4j.exec(DynamicCustomOp.builder(op).addInputs(x, g).addOutputs(z).addFloatingPointArguments(0.0).build()));
        }
        report("ReLU gradient %s: thresholdedrelu_bp %.2f ms, relu_bp %.2f ms%s", shape(s), ms[0], ms[1],
                out[0].equals(out[1]) ? "" : " (results differ!)");
    }

    /** The bias gradient of a conv layer, Σ over batch and map of the output gradient. */
    private static void biasGradient(long... s) throws IOException {
        INDArray g = Nd4j.randn(DataType.FLOAT, s);
        INDArray once = Nd4j.create(DataType.FLOAT, s[1]), perMap = Nd4j.create(DataType.FLOAT, s[0], s[1]), twice = Nd4j.create(DataType.FLOAT, s[1]);
        double one = millis(() -> Nd4j.exec(new Sum(g, once, 0, 2, 3)));
        double two = millis(() -> { Nd4j.exec(new Sum(g, perMap, 2, 3)); Nd4j.exec(new Sum(perMap, twice, 0)); });
        report("bias gradient of %s: sum(0, 2, 3) %.2f ms, sum(2, 3) then sum(0) %.2f ms (largest difference %.2g)", shape(s), one, two,
                once.sub(twice).amaxNumber().doubleValue());
    }

    /** Resident memory while 64 MiB arrays are allocated, filled and closed in turn, then after System.gc(). */
    private static void closeAndMemory(int arrays) throws IOException {
        long mib = 1L << 20, start = Pointer.physicalBytes();
        for (int i = 0; i < arrays; i++) {
            INDArray a = Nd4j.createUninitializedDetached(DataType.FLOAT, 16, 1024, 1024);
            a.assign(1f);
            a.close();
        }
        long afterClose = Pointer.physicalBytes();
        System.gc();
        try { Thread.sleep(500); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
        report("%d arrays of 64 MiB, each filled and closed: resident %d MiB before, %d MiB after, %d MiB after System.gc()",
                arrays, start / mib, afterClose / mib, Pointer.physicalBytes() / mib);
    }

    private static void pooling(long[] s) throws IOException {
        INDArray x = Nd4j.randn(DataType.FLOAT, s);
        long[] pooled = {s[0], s[1], s[2] / 2, s[3] / 2};
        INDArray y = Nd4j.create(DataType.FLOAT, pooled), g = Nd4j.randn(DataType.FLOAT, pooled);
        INDArray gradIn = Nd4j.create(DataType.FLOAT, s);
        int[] cfg = {2, 2, 2, 2, 0, 0, 1, 1, 0, 0, 0}; // kH, kW, sH, sW, pH, pW, dH, dW, VALID, extra, NCHW
        INDArray[] grads = new INDArray[2];
        for (boolean oneDnn : new boolean[] {false, true}) {
            Nd4j.getEnvironment().allowHelpers(oneDnn);
            try {
                double fwd = millis(() -> Nd4j.exec(DynamicCustomOp.builder("maxpool2d").addInputs(x).addOutputs(y).addIntegerArguments(cfg).build()));
                double bwd = millis(() -> Nd4j.exec(DynamicCustomOp.builder("maxpool2d_bp").addInputs(x, g).addOutputs(gradIn).addIntegerArguments(cfg).build()));
                grads[oneDnn ? 1 : 0] = gradIn.dup();
                report("maxpool2d %s %s: forward %.2f ms, backward %.2f ms", shape(s), oneDnn ? "oneDNN " : "libnd4j", fwd, bwd);
            } finally {
                Nd4j.getEnvironment().allowHelpers(true);
            }
        }
        if (!grads[0].equals(grads[1])) report("  the two backward passes differ on %s", shape(s));
    }

    /** dW[ky, kx, 0, f] = Σ_n Σ_ij x[n, 0, i+ky, j+kx] · g[n, f, i, j] for one-channel images. */
    private static void weightGradient(long n, long h, long w, long filters, int k) throws IOException {
        long oh = h - k + 1, ow = w - k + 1;
        INDArray x = Nd4j.randn(DataType.FLOAT, n, 1, h, w), g = Nd4j.randn(DataType.FLOAT, n, filters, oh, ow);
        INDArray viaConv = Nd4j.create(DataType.FLOAT, 1, filters, k, k);
        int[] cfg = {0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 0}; // kernel size from the kernel itself
        double conv = millis(() -> Nd4j.exec(DynamicCustomOp.builder("conv2d")
                .addInputs(x.permute(1, 0, 2, 3), g.permute(2, 3, 0, 1)).addOutputs(viaConv).addIntegerArguments(cfg).build()));
        INDArray cols = Nd4j.create(DataType.FLOAT, (long) k * k, n, oh, ow), gradRows = Nd4j.create(DataType.FLOAT, n, oh, ow, filters);
        INDArray[] viaMmul = new INDArray[1];
        double im2col = millis(() -> {
            for (int ky = 0; ky < k; ky++) {
                for (int kx = 0; kx < k; kx++) {
                    cols.get(NDArrayIndex.point((long) ky * k + kx)).assign(x.get(NDArrayIndex.all(), NDArrayIndex.point(0),
                            NDArrayIndex.interval(ky, ky + oh), NDArrayIndex.interval(kx, kx + ow)));
                }
            }
            gradRows.assign(g.permute(0, 2, 3, 1));
            viaMmul[0] = cols.reshape((long) k * k, n * oh * ow).mmul(gradRows.reshape(n * oh * ow, filters)); // [k², f]
        });
        INDArray same = viaConv.reshape(filters, (long) k * k).transpose();
        boolean agree = same.equalsWithEps(viaMmul[0], 1e-2 * Math.max(1, same.amaxNumber().doubleValue()));
        report("first-layer weight gradient %s, %d filters %dx%d: one convolution %.2f ms, im2col + matrix product %.2f ms%s",
                shape(new long[] {n, 1, h, w}), filters, k, k, conv, im2col, agree ? "" : " (results differ!)");
    }

    private static double millis(Runnable r) {
        for (int i = 0; i < 3; i++) r.run();
        long t = System.nanoTime();
        for (int i = 0; i < REPS; i++) r.run();
        return (System.nanoTime() - t) / 1e6 / REPS;
    }

    private static String shape(long[] s) { return java.util.Arrays.toString(s); }

    private static void report(String format, Object... values) throws IOException {
        RecipeArgs.record(String.format(Locale.ROOT, format, values), RESULTS);
    }
}
