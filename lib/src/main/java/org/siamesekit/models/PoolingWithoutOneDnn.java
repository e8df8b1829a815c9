package org.siamesekit.models;

import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.listeners.BaseListener;
import org.nd4j.autodiff.listeners.Operation;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Runs max pooling (forward and backward) on libnd4j's own CPU code instead of
 * its oneDNN helper, and every other op with oneDNN as usual.
 *
 * <p>Why: with the onednn-avx2 natives of ND4J 1.0.0-M2.1, oneDNN's NCHW max
 * pooling is several times slower than libnd4j's plain loop (measured on
 * [256, 6, 54, 44], the ORL preset's first pool: about 380-480 ms against 90-220
 * ms for forward + backward), while oneDNN convolutions are much faster than the
 * plain ones (switching helpers off entirely made an ORL step 2-3× slower).
 * ND4J only offers a global on/off switch, so this listener flips it just
 * around the pooling ops; that made an ORL training step about 25% faster.
 * Only attached on the CPU backend.
 */
final class PoolingWithoutOneDnn extends BaseListener {
    static void attachIfCpu(SameDiff sd) {
        if (Nd4j.getEnvironment().isCPU()) sd.addListeners(new PoolingWithoutOneDnn());
    }

    @Override
    public boolean isActive(Operation operation) { return true; }

    @Override
    public void preOpExecution(SameDiff sd, At at, SameDiffOp op, OpContext opContext) {
        set(!isPooling(op));
    }

    @Override
    public void opExecution(SameDiff sd, At at, MultiDataSet batch, SameDiffOp op, OpContext opContext, INDArray[] outputs) {
        if (isPooling(op)) set(true); // never leave the global switch off after our op
    }

    private static boolean isPooling(SameDiffOp op) { return op.getOp().opName().startsWith("maxpool2d"); }

    private static void set(boolean on) {
        if (on != Nd4j.getEnvironment().helpersAllowed()) Nd4j.getEnvironment().allowHelpers(on);
    }
}
