package org.siamesekit.kernel;

/** Ends the JVM a little after a shutdown request, in case an orderly exit gets stuck. */
final class ExitWatchdog {
    private ExitWatchdog() {}

    /**
     * After graceMs, calls System.exit(0) unless the JVM has ended by then; if
     * shutdown hooks then hang for haltMs more, halts.
     */
    static void exitSoon(long graceMs, long haltMs) {
        Thread t = new Thread(() -> {
            sleep(graceMs);
            Thread halt = new Thread(() -> {
                sleep(haltMs);
                Runtime.getRuntime().halt(0);
            }, "siamese-kit-halt");
            halt.setDaemon(true);
            halt.start();
            System.exit(0);
        }, "siamese-kit-exit");
        t.setDaemon(true);
        t.start();
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
