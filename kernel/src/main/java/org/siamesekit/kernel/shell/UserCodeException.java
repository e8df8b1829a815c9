package org.siamesekit.kernel.shell;

import java.util.List;

/**
 * Cell code threw {@link #thrown()}. The traceback names the exception's class
 * and message and lists the stack trimmed to the cell's frames, with cell lines.
 */
public final class UserCodeException extends CellException {
    private final transient Throwable thrown;
    private final StackTraceElement[] cellFrames;

    public UserCodeException(Throwable thrown, List<String> traceback, StackTraceElement[] cellFrames) {
        super(thrown.getClass().getName() + (thrown.getMessage() != null ? ": " + thrown.getMessage() : ""), traceback);
        this.thrown = thrown;
        this.cellFrames = cellFrames.clone();
    }

    /**
     * The thrown exception's frames trimmed to the cell, with cell frames as
     * "REPL.boom(In[2]:4)": what an execute reply's traceback should list.
     */
    public StackTraceElement[] cellFrames() {
        return cellFrames.clone();
    }

    /** The exception as the cell code threw it. */
    public Throwable thrown() {
        return thrown;
    }
}
