package org.siamesekit.models.samediff;

import java.lang.reflect.Field;
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
import org.nd4j.linalg.factory.Nd4j;

/**
 * SameDiff's conv2d with a cheaper backward pass when its input is data
 * (images fed as placeholders, not computed from trained weights): it computes
 * the gradients of the weights and the bias only, not that of the images,
 * which nothing uses. Every other conv2d differentiates as usual.
 *
 * <p>Why: ND4J 1.0.0-M2.1's conv2d_bp always computes its input's gradient
 * too, and for a one-channel input oneDNN does that slowly and through large
 * reorders. The weights' gradient is a correlation of the images with the
 * output gradient, summed over the batch: one forward convolution whose batch
 * is the image channels, whose input channels are the batch's images and whose
 * kernel is the output gradient (permuted views, no copies; see
 * {@link Correlation}).
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
        // stays in use, so asking for the images' gradient still gets the right answer; the
        // op only runs if someone does.
        List<SDVariable> standard = super.doDiff(gradients);
        long[] a = iArgs(); // kH, kW, sH, sW, pH, pW, dH, dW, same, dataFormat (0: NCHW), weightsFormat (0: YXIO)
        boolean supported = a.length >= 10 && a[2] == 1 && a[3] == 1 && a[4] == 0 && a[5] == 0 && a[6] == 1 && a[7] == 1
                && a[9] == 0 && (a.length < 11 || a[10] == 0) && a[0] > 0 && a[1] > 0 && args().length == 3;
        if (!supported || !isData(arg(0))) return standard;
        SameDiff sd = sameDiff;
        SDVariable images = arg(0), gradOut = gradients.get(0); // [n, c, h, w], [n, filters, outH, outW]
        if (a[8] == 1) { // SAME, stride 1: k-1 rows and columns of zeros, the odd one at the bottom/right (as ND4J pads)
            int kH = (int) a[0], kW = (int) a[1];
            int[][] pads = {{0, 0}, {0, 0}, {(kH - 1) / 2, kH - 1 - (kH - 1) / 2}, {(kW - 1) / 2, kW - 1 - (kW - 1) / 2}};
            images = sd.nn().pad(images, sd.constant(Nd4j.createFromArray(pads)), 0.0);
        }
        // out[c, f, ky, kx] = Σ_n Σ_ij images[n, c, i+ky, j+kx] · gradOut[n, f, i, j]
        SDVariable gradW = new Correlation(sd, images, gradOut).outputVariable() // [c, filters, kH, kW]
                .permute(2, 3, 0, 1);                                             // [kH, kW, c, filters], the weights' layout
        return List.of(standard.get(0), gradW, gradOut.sum(0, 2, 3));
    }

    /**
     * The weights' gradient of a VALID, stride-1 conv2d from its input
     * [n, c, h, w] and its output's gradient [n, f, outH, outW]: a conv2d of the
     * input seen as [c, n, h, w] with the gradient seen as a [outH, outW, n, f]
     * kernel, giving [c, f, h − outH + 1, w − outW + 1].
     *
     * <p>The two are passed to ND4J as permuted views of the arrays, which
     * oneDNN reads directly. SameDiff's permute op would copy them instead
     * (measured: 5 ms for the copies and a convolution 1.5× slower on an ORL
     * step), so the views are made here, in the last step before the op runs:
     * SameDiff asks the op for its output shape with the op's context, then
     * runs it with that same context.
     */
    private static final class Correlation extends DynamicCustomOp {
        Correlation(SameDiff sd, SDVariable input, SDVariable gradOut) {
            super(OP, sd, new SDVariable[] {input, gradOut});
            addIArgument(0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 0); // kH, kW (0: the kernel's own), sH, sW, pH, pW, dH, dW, VALID, NCHW, YXIO
        }

        @Override
        public String opName() { return OP; }

        @Override
        public List<LongShapeDescriptor> calculateOutputShape(OpContext context) {
            INDArray input = context.getInputArray(0), gradOut = context.getInputArray(1);
            if (input.rank() != 4 || gradOut.rank() != 4 || input.size(0) != gradOut.size(0)) {
                throw new IllegalStateException("InputConv2D: input " + java.util.Arrays.toString(input.shape())
                        + " and output gradient " + java.util.Arrays.toString(gradOut.shape()) + " do not match");
            }
            context.setInputArray(0, input.permute(1, 0, 2, 3));   // [c, n, h, w]: the batch as input channels
            context.setInputArray(1, gradOut.permute(2, 3, 0, 1)); // [outH, outW, n, f]: a YXIO kernel
            long[] shape = {input.size(1), gradOut.size(1), input.size(2) - gradOut.size(2) + 1, input.size(3) - gradOut.size(3) + 1};
            return List.of(LongShapeDescriptor.fromShape(shape, input.dataType()));
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
