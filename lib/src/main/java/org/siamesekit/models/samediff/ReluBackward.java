package org.siamesekit.models.samediff;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.SameDiffOp;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.ThresholdReluBp;

/**
 * Makes a backward graph compute ReLU's gradient with libnd4j's {@code relu_bp}
 * instead of {@code thresholdedrelu_bp}: the same values, computed faster.
 *
 * <p>Why: SameDiff 1.0.0-M2.1 differentiates relu into thresholdedrelu_bp,
 * whose CPU kernel calls a std::function for every element. relu_bp takes the
 * same two inputs and gives the same output, so each op is swapped in place:
 * inputs, outputs and names stay as they are.
 */
final class ReluBackward {
    private ReluBackward() {}

    /** Swaps every thresholdedrelu_bp with cutoff 0 (plain ReLU's) in {@code backward}; returns how many. */
    static int useReluBp(SameDiff backward) {
        int swapped = 0;
        for (SameDiffOp op : backward.getOps().values()) {
            if (op.getOp() instanceof ThresholdReluBp t && t.getClass() == ThresholdReluBp.class && t.getCutoff() == 0.0) {
                RectifiedLinearDerivative reluBp = new RectifiedLinearDerivative();
                reluBp.setSameDiff(backward);
                reluBp.setOwnName(t.getOwnName());
                reluBp.addTArgument(0.0); // the cutoff
                op.setOp(reluBp);
                swapped++;
            }
        }
        return swapped;
    }
}
