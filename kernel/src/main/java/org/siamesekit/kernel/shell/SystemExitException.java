package org.siamesekit.kernel.shell;

/**
 * Thrown in place of {@code System.exit(status)} (and {@code Runtime.exit},
 * {@code Runtime.halt}) called from cell code: ending the JVM would end the
 * kernel and lose every variable. The cell fails with this as its error.
 */
public final class SystemExitException extends RuntimeException {
    private final int status;

    public SystemExitException(String call, int status) {
        super(call + "(" + status + ") was called in the cell; the kernel keeps running with its variables"
                + " (restart the kernel to start afresh)");
        this.status = status;
    }

    public int status() {
        return status;
    }
}
