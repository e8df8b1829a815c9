package org.siamesekit.kernel.shell;

/**
 * Thrown in place of {@code System.exit(status)} (and {@code Runtime.exit},
 * {@code Runtime.halt}) called from cell code: ending the JVM would end the
 * kernel and lose every variable. An Error, so that a {@code catch (Exception e)}
 * in the cell does not swallow it.
 */
public final class SystemExitException extends Error {
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
