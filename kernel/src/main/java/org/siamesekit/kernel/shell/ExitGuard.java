package org.siamesekit.kernel.shell;

/**
 * What cell code calls instead of {@code System.exit}, {@code Runtime.exit} and
 * {@code Runtime.halt}; {@link ExitCalls} rewrites the calls. Public because
 * cell classes live in another package and class loader.
 */
public final class ExitGuard {
    private ExitGuard() {}

    public static void systemExit(int status) {
        throw new SystemExitException("System.exit", status);
    }

    public static void runtimeExit(Runtime runtime, int status) {
        throw new SystemExitException("Runtime.exit", status);
    }

    public static void runtimeHalt(Runtime runtime, int status) {
        throw new SystemExitException("Runtime.halt", status);
    }
}
