package org.siamesekit.models.samediff;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.nd4j.autodiff.functions.DifferentialFunction;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.imports.converters.DifferentialFunctionClassHolder;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Conv2D;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.factory.Nd4j;

/**
 * SameDiff's conv2d with a cheaper backward pass when its input is data
 * (images fed as placeholders, not computed from trained weights): it computes
 * the gradients of the weights and the bias only, not that of the images,
 * which nothing uses, and computes them as matrix products. Every other conv2d
 * differentiates as usual.
 *
 * <p>Why: ND4J 1.0.0-M2.1's conv2d_bp always computes its input's gradient
 * too, and for a one-channel input oneDNN does that slowly and through large
 * reorders. The weights' gradient is a correlation of the images with the
 * output gradient, summed over the batch: with every kH×kW window of the images
 * as a column ({@link Patches}), it is one matrix product with the output
 * gradient ({@link PatchProduct}); the bias' gradient is a product with ones
 * ({@link BiasGradient}). The kit's towers run channels-last ([n, h, w, c]),
 * so the output gradient is already the product's [n·outH·outW, f] matrix.
 *
 * <p>How it gets into the graph: SameDiff builds the backward graph on a copy
 * of the model's graph and creates each copied op from the class ND4J
 * registers for its name. {@link #whileCopying} registers this class for
 * "conv2d" during that copy only (by reflection on ND4J's op registry), and
 * restores ND4J's own class after. If the registry cannot be reached, the copy
 * uses ND4J's Conv2D: the same gradients, computed the slower way.
 */
public final class InputConv2D extends Conv2D {
    private static final String OP = "conv2d";

    /** For ND4J, which creates the op by reflection when it copies a graph. */
    public InputConv2D() {}

    @Override
    public List<SDVariable> doDiff(List<SDVariable> gradients) {
        // conv2d_bp's outputs: the input's, the weights' and the bias' gradients. The first
        // stays in use, so asking for the gradient of images fed straight into the conv
        // still gets the right answer; the op only runs if someone does.
        List<SDVariable> standard = super.doDiff(gradients);
        long[] a = iArgs(); // kH, kW, sH, sW, pH, pW, dH, dW, same, dataFormat (1: NHWC), weightsFormat (0: YXIO)
        boolean supported = a.length >= 10 && a[2] == 1 && a[3] == 1 && a[4] == 0 && a[5] == 0 && a[6] == 1 && a[7] == 1
                && a[9] == 1 && (a.length < 11 || a[10] == 0) && a[0] > 0 && a[1] > 0 && args().length == 3;
        long[] w = arg(1).getShape(); // [kH, kW, c, f]
        if (!supported || w == null || w.length != 4 || !isData(arg(0))) return standard;
        SameDiff sd = sameDiff;
        int kH = (int) a[0], kW = (int) a[1];
        SDVariable images = arg(0), gradOut = gradients.get(0); // [n, h, w, c], [n, outH, outW, f]
        if (a[8] == 1) { // SAME, stride 1: k-1 rows and columns of zeros, the odd one at the bottom/right (as ND4J pads)
            int[][] pads = {{0, 0}, {(kH - 1) / 2, kH - 1 - (kH - 1) / 2}, {(kW - 1) / 2, kW - 1 - (kW - 1) / 2}, {0, 0}};
            images = sd.nn().pad(images, sd.constant(Nd4j.createFromArray(pads)), 0.0);
        }
        SDVariable patches = new Patches(sd, images, kH, kW).outputVariable();
        SDVariable gradW = new PatchProduct(sd, patches, gradOut).outputVariable().reshape(w);
        SDVariable gradB = new BiasGradient(sd, gradOut).outputVariable().reshape(w[3]);
        return List.of(standard.get(0), gradW, gradB);
    }

    /**
     * Every kH×kW window of images [n, h, w, c], as [kH, kW·c, n, outH, outW]:
     * a copy of an overlapping strided view of the images, which is set as the
     * op's input in the last step before it runs (SameDiff asks the op for its
     * output shape with the op's context, then runs it with that context).
     * kW and c share one dimension because libnd4j copies a rank-5 view about
     * ten times faster than a rank-6 one (3 against 28 ms for ORL's batch).
     */
    private static final class Patches extends DynamicCustomOp {
        private final int kH, kW;

        Patches(SameDiff sd, SDVariable images, int kH, int kW) {
            super("identity", sd, new SDVariable[] {images});
            this.kH = kH;
            this.kW = kW;
        }

        @Override
        public String opName() { return "identity"; }

        @Override
        public List<LongShapeDescriptor> calculateOutputShape(OpContext context) {
            INDArray x = context.getInputArray(0);
            if (x.rank() == 4) {
                if (x.ordering() != 'c' || !Shape.hasDefaultStridesForShape(x)) x = x.dup('c');
                long n = x.size(0), h = x.size(1), w = x.size(2), c = x.size(3);
                if (h < kH || w < kW) throw new IllegalStateException("InputConv2D: images " + Arrays.toString(x.shape())
                        + " are smaller than the " + kH + "×" + kW + " kernel");
                long[] shape = {kH, kW * c, n, h - kH + 1, w - kW + 1};
                long[] stride = {w * c, 1, h * w * c, w * c, c};
                x = Nd4j.create(x.data(), shape, stride, x.offset(), 'c');
                context.setInputArray(0, x);
            } else if (x.rank() != 5) {
                throw new IllegalStateException("InputConv2D: images " + Arrays.toString(x.shape()) + " are not [n, h, w, c]");
            }
            return List.of(LongShapeDescriptor.fromShape(x.shape(), x.dataType()));
        }

        @Override
        public List<DataType> calculateOutputDataTypes(List<DataType> inputTypes) { return List.of(inputTypes.get(0)); }
    }

    /**
     * The weights' gradient: patches [kH, kW·c, n, outH, outW] as a
     * [kH·kW·c, n·outH·outW] matrix times the output gradient [n, outH, outW, f]
     * as [n·outH·outW, f]. Both are reshaped here, as views: SameDiff's reshape op
     * would copy them (3.7 and 2.4 ms for ORL's batch).
     */
    private static final class PatchProduct extends DynamicCustomOp {
        PatchProduct(SameDiff sd, SDVariable patches, SDVariable gradOut) {
            super("matmul", sd, new SDVariable[] {patches, gradOut});
        }

        @Override
        public String opName() { return "matmul"; }

        @Override
        public List<LongShapeDescriptor> calculateOutputShape(OpContext context) {
            INDArray patches = context.getInputArray(0), gradOut = context.getInputArray(1);
            long f = gradOut.size(gradOut.rank() - 1);
            long rows = patches.rank() == 2 ? patches.size(0) : patches.size(0) * patches.size(1);
            context.setInputArray(0, patches.reshape('c', rows, patches.length() / rows));
            context.setInputArray(1, gradOut.reshape('c', gradOut.length() / f, f));
            return List.of(LongShapeDescriptor.fromShape(new long[] {rows, f}, patches.dataType()));
        }

        @Override
        public List<DataType> calculateOutputDataTypes(List<DataType> inputTypes) { return List.of(inputTypes.get(0)); }
    }

    /**
     * The bias' gradient, the output gradient [n, outH, outW, f] summed over all
     * but f, as ones [1, n·outH·outW] times the gradient as [n·outH·outW, f]:
     * libnd4j's reduction over the leading dimensions took 200 ms on
     * Fashion-MNIST's first layer ([256, 28, 28, 128]), the product 6 ms.
     */
    private static final class BiasGradient extends DynamicCustomOp {
        private volatile INDArray ones; // kept for the next step, which has the same batch size

        BiasGradient(SameDiff sd, SDVariable gradOut) {
            super("matmul", sd, new SDVariable[] {gradOut, gradOut}); // the first is replaced by the ones
        }

        @Override
        public String opName() { return "matmul"; }

        @Override
        public List<LongShapeDescriptor> calculateOutputShape(OpContext context) {
            INDArray gradOut = context.getInputArray(1);
            long f = gradOut.size(gradOut.rank() - 1), rows = gradOut.length() / f;
            INDArray o = ones;
            if (o == null || o.length() != rows || o.dataType() != gradOut.dataType()) ones = o = Nd4j.ones(gradOut.dataType(), 1, rows);
            context.setInputArray(0, o);
            context.setInputArray(1, gradOut.reshape('c', rows, f));
            return List.of(LongShapeDescriptor.fromShape(new long[] {1, f}, gradOut.dataType()));
        }

        @Override
        public List<DataType> calculateOutputDataTypes(List<DataType> inputTypes) { return List.of(inputTypes.get(0)); }
    }

    /** Whether v is computed from placeholders and constants only: no gradient flows into it. */
    private static boolean isData(SDVariable v) {
        switch (v.getVariableType()) {
            case PLACEHOLDER, CONSTANT:
                return true;
            case ARRAY:
                DifferentialFunction producer = v.getSameDiff().getVariableOutputOp(v.name());
                if (producer == null) return false;
                for (SDVariable in : producer.args()) if (!isData(in)) return false;
                return true;
            default:
                return false;
        }
    }

    /**
     * Runs {@code copy} (a call that makes SameDiff copy a graph, such as
     * createGradFunction) with every conv2d copied as an InputConv2D.
     */
    static void whileCopying(Runnable copy) {
        synchronized (InputConv2D.class) {
            Map<String, Class<?>> byName = null;
            Map<Long, Class<?>> byHash = null;
            long hash = 0;
            Class<?> previous = null;
            try {
                hash = Nd4j.getExecutioner().getCustomOperations().get(OP).getHash();
                DifferentialFunctionClassHolder holder = DifferentialFunctionClassHolder.getInstance();
                Map<Long, Map<String, Class<?>>> shared = field(holder, "customOpHashToClasses");
                if (shared.containsKey(hash)) {
                    byName = shared.get(hash);
                    previous = byName.put(OP, InputConv2D.class);
                } else {
                    byHash = field(holder, "customOpHashToClass");
                    previous = byHash.put(hash, InputConv2D.class);
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                byName = null; // registry out of reach: copy with ND4J's own classes
                byHash = null;
            }
            try {
                copy.run();
            } finally {
                if (byName != null) restore(byName, OP, previous);
                if (byHash != null) restore(byHash, hash, previous);
            }
        }
    }

    private static <K> void restore(Map<K, Class<?>> map, K key, Class<?> previous) {
        if (previous == null) map.remove(key); else map.put(key, previous);
    }

    @SuppressWarnings("unchecked")
    private static <T> T field(Object owner, String name) throws ReflectiveOperationException {
        Field f = owner.getClass().getDeclaredField(name);
        f.setAccessible(true);
        return (T) f.get(owner);
    }
}
