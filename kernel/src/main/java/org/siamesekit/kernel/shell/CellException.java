package org.siamesekit.kernel.shell;

import java.util.List;

/**
 * A cell that failed, with the text shown to the user: the message is the short
 * form (Jupyter's evalue), the traceback the full report. The kernel's own stack
 * would only be noise, so none is recorded.
 */
public abstract class CellException extends Exception {
    private final List<String> traceback;

    protected CellException(String message, List<String> traceback) {
        super(message, null, false, false);
        this.traceback = List.copyOf(traceback);
    }

    public List<String> traceback() {
        return traceback;
    }
}
