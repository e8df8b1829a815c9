package org.siamesekit.kernel.shell;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs cell code on one long-lived thread, as IJava does: ThreadLocal state set
 * in one snippet (ND4J's per-thread random generator seeded with
 * {@code Nd4j.getRandom().setSeed(..)}, workspaces) is still there in the next
 * snippet and the next cell.
 * <p>
 * {@link #stop()} interrupts the code, then stops the thread outright if it does
 * not return (a {@code while(true){}} never looks at its interrupt flag). A thread
 * that survives even that (stuck in native code, or swallowing ThreadDeath) is
 * abandoned and a fresh one takes the next cell, so the kernel stays usable.
 * Each worker owns its queue: a thread stopped at an awkward moment can leave
 * that queue's locks broken, and nothing uses the queue afterwards.
 */
final class CellThread {
    /** The code was stopped by {@link #stop()}. */
    static final class StoppedException extends Exception {
        StoppedException() { super("stopped", null, false, false); }
    }

    private static final long INTERRUPT_GRACE_MS = 300;
    private static final long STOP_GRACE_MS = 1000;
    private static final int STOP_ATTEMPTS = 3;

    private static final class Job {
        final Callable<?> code;
        final CountDownLatch done = new CountDownLatch(1);
        volatile Object result;
        volatile Throwable error;
        volatile boolean stopRequested;
        volatile boolean abandoned;

        Job(Callable<?> code) { this.code = code; }
    }

    private final class Worker implements Runnable {
        final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
        final Thread thread;

        Worker(int n) {
            thread = new Thread(this, n == 0 ? name : name + "-" + n);
            thread.setDaemon(true);
            thread.setContextClassLoader(contextLoader);
        }

        @Override
        public void run() {
            while (true) {
                Job job;
                try {
                    job = queue.take();
                } catch (InterruptedException lateInterrupt) {
                    continue; // aimed at a job that had already finished
                }
                Thread.interrupted();
                thread.setContextClassLoader(contextLoader);
                try {
                    job.result = job.code.call();
                } catch (Throwable t) {
                    job.error = t;
                } finally {
                    job.done.countDown();
                }
            }
        }
    }

    private final String name;
    private final ClassLoader contextLoader;
    private Worker worker; // guarded by this
    private int workersStarted; // guarded by this
    private volatile Job current;
    private volatile Worker currentWorker;
    // An interrupt that arrives while the cell is still being compiled finds no
    // job to stop; it is kept here so the cell's code is stopped before it runs.
    private volatile boolean stopPending;
    // IJAVA_TIMEOUT: the longest one invocation may run; 0 means no limit.
    private volatile long timeoutMs;
    private volatile boolean timedOut;

    CellThread(String name, ClassLoader contextLoader) {
        this.name = name;
        this.contextLoader = contextLoader;
    }

    private synchronized Worker worker() {
        if (worker == null || !worker.thread.isAlive()) {
            worker = new Worker(workersStarted++);
            worker.thread.start();
        }
        return worker;
    }

    private synchronized void discard(Worker w) {
        if (worker == w) worker = null;
    }

    void setTimeoutMs(long ms) {
        timeoutMs = Math.max(0, ms);
    }

    long timeoutMs() {
        return timeoutMs;
    }

    /** Whether the last invocation was stopped because it ran past the timeout. */
    boolean timedOut() {
        return timedOut;
    }

    /** Forgets an interrupt that came before the current cell began. */
    void clearPendingStop() {
        stopPending = false;
    }

    /** The context class loader cell code runs with. */
    ClassLoader contextLoader() {
        return contextLoader;
    }

    /** Runs code on the cell thread and waits for it; its exception is rethrown as is. */
    Object run(Callable<?> code) throws Throwable {
        Job job = new Job(code);
        Worker w = worker();
        currentWorker = w;
        current = job;
        // stop() sets stopPending before it reads current, so one of the two sees the other.
        if (stopPending) {
            current = null;
            job.done.countDown(); // a stop() that already saw this job returns at once
            throw new StoppedException();
        }
        timedOut = false;
        long limit = timeoutMs;
        long deadline = limit > 0 ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limit) : Long.MAX_VALUE;
        w.queue.add(job);
        try {
            while (!job.done.await(50, TimeUnit.MILLISECONDS)) {
                if (limit > 0 && System.nanoTime() - deadline > 0 && !job.stopRequested) {
                    timedOut = true;
                    stop();
                }
                if (!w.thread.isAlive() || job.abandoned) {
                    discard(w);
                    throw new StoppedException();
                }
            }
        } finally {
            current = null;
        }
        if (job.stopRequested && job.error != null) throw new StoppedException();
        if (job.error != null) throw job.error;
        return job.result;
    }

    /** Stops the code now running, if any; returns once it has stopped or been abandoned. */
    void stop() {
        stopPending = true;
        Job job = current;
        Worker w = currentWorker;
        if (job == null || w == null) return;
        job.stopRequested = true;
        w.thread.interrupt();
        if (finished(job, w, INTERRUPT_GRACE_MS)) return;
        for (int i = 0; i < STOP_ATTEMPTS; i++) {
            if (!forceStop(w.thread)) break;
            if (finished(job, w, STOP_GRACE_MS)) return;
        }
        job.abandoned = true;
        discard(w);
    }

    private static boolean finished(Job job, Worker w, long waitMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMs);
        try {
            while (System.nanoTime() < deadline) {
                if (job.done.await(20, TimeUnit.MILLISECONDS) || !w.thread.isAlive()) return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return job.done.getCount() == 0 || !w.thread.isAlive();
    }

    /** Thread.stop is the only way to end code that ignores interrupts; JDK 20+ refuse it. */
    @SuppressWarnings({"deprecation", "removal"})
    private static boolean forceStop(Thread t) {
        try {
            t.stop();
            return true;
        } catch (UnsupportedOperationException notOnThisJdk) {
            return false;
        }
    }
}
