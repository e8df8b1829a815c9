package org.siamesekit.kernel.shell;

import java.util.List;

/**
 * Cell code threw {@link #thrown()}. The traceback names the exception's class
 * and message and lists the stack trimmed to the cell's frames, with cell lines.
 */
public final class UserCodeException extends CellException {
    private final transient Throwable thrown;

    public UserCodeException(Throwable thrown, List<String> traceback) {
        super(thrown.getClass().getName() + (thrown.getMessage() != null ? ": " + thrown.getMessage() : ""), traceback);
        this.thrown = thrown;
    }

    /** The exception as the cell code threw it. */
    public Throwable thrown() {
        return thrown;
    }
}
