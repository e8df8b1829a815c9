package org.siamesekit.kernel.shell;

import java.util.List;

/**
 * A failure around the cell's code rather than in it (a magic that cannot be
 * carried out, a value that cannot be displayed), reported as its message alone:
 * the kernel's stack would say nothing useful to the notebook's author.
 */
public class ReportedException extends CellException {
    public ReportedException(String message) {
        super(message, List.of(message));
    }
}
