package org.siamesekit.kernel;

import org.siamesekit.kernel.shell.ReportedException;

/** A line magic (%jars, %classpath, %maven) that could not be carried out. */
public final class MagicException extends ReportedException {
    public MagicException(String message) {
        super(message);
    }
}
