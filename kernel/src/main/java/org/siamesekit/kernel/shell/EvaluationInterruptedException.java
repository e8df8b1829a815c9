package org.siamesekit.kernel.shell;

import java.util.List;

/** The user interrupted the kernel while the cell ran; later snippets of the cell were skipped. */
public final class EvaluationInterruptedException extends CellException {
    public EvaluationInterruptedException(String where) {
        super("Execution interrupted" + where, List.of("Execution interrupted" + where + "."));
    }
}
