package org.siamesekit.kernel;

import org.siamesekit.kernel.shell.ReportedException;

/** The cell ran, but its value could not be rendered for display. */
public final class DisplayException extends ReportedException {
    public DisplayException(String message) {
        super(message);
    }
}
