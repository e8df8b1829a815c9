package org.siamesekit.kernel.shell;

import java.util.List;

/** A top-level statement ran longer than IJAVA_TIMEOUT allows and was stopped; the rest of the cell was skipped. */
public final class EvaluationTimeoutException extends CellException {
    public EvaluationTimeoutException(String where, long timeoutMs) {
        super("Evaluation timed out after " + timeoutMs + " ms" + where,
                List.of("Evaluation timed out after " + timeoutMs + " ms" + where
                        + " (IJAVA_TIMEOUT limits each top-level statement)."));
    }
}
