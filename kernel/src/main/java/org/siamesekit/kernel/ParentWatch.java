package org.siamesekit.kernel;

import java.util.Optional;

/**
 * Ends the kernel when the process that started it (the Jupyter server, or
 * jupyter_client in a script) has gone, as ipykernel does: otherwise a killed
 * server leaves a JVM of a few hundred MB behind. The parent is the one named
 * by JPY_PARENT_PID (jupyter_client sets it) or else the process's parent at
 * start; it counts as gone when it is no longer alive or this process has been
 * handed to another parent.
 */
final class ParentWatch {
    static final long PERIOD_MS = 1000;

    private ParentWatch() {}

    /** Starts the watch; returns false (and watches nothing) when no parent can be found. */
    static boolean start(String jpyParentPid) {
        Optional<ProcessHandle> parent = parentOf(jpyParentPid);
        if (parent.isEmpty()) return false;
        ProcessHandle watched = parent.get();
        Optional<ProcessHandle> initialParent = ProcessHandle.current().parent();
        long initialParentPid = initialParent.map(ProcessHandle::pid).orElse(-1L);
        Thread t = new Thread(() -> {
            while (true) {
                try {
                    Thread.sleep(PERIOD_MS);
                } catch (InterruptedException e) {
                    return;
                }
                long now = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
                if (!watched.isAlive() || now != initialParentPid) {
                    System.err.println("siamese-kit-kernel: parent process " + watched.pid() + " has ended; exiting");
                    ExitWatchdog.exitSoon(0, 3000);
                    return;
                }
            }
        }, "siamese-kit-parent-watch");
        t.setDaemon(true);
        t.start();
        return true;
    }

    private static Optional<ProcessHandle> parentOf(String jpyParentPid) {
        if (jpyParentPid != null && !jpyParentPid.isBlank()) {
            try {
                Optional<ProcessHandle> named = ProcessHandle.of(Long.parseLong(jpyParentPid.strip()));
                if (named.isPresent()) return named;
            } catch (NumberFormatException ignored) {
                // fall back to the actual parent
            }
        }
        return ProcessHandle.current().parent().filter(p -> p.pid() > 1);
    }
}
