package org.siamesekit.kernel.shell;

import java.util.List;

/** The cell does not compile; the message starts with the cell line ("line 3: cannot find symbol"). */
public final class CompilationException extends CellException {
    private final int line;

    public CompilationException(int line, String message, List<String> traceback) {
        super(message, traceback);
        this.line = line;
    }

    /** The 1-based line in the cell of the first error. */
    public int line() {
        return line;
    }
}
