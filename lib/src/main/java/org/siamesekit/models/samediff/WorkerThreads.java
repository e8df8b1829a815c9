package org.siamesekit.models.samediff;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * A fixed set of worker threads for data-parallel runs: task k always runs on
 * thread k, whose native ops use {@link #opThreads()} threads each.
 *
 * <p>Why a thread per task: SameDiff 1.0.0-M2.1 keeps a graph's run state per
 * thread ({@code SameDiff.getSessions()}, keyed by thread id), and
 * {@link StepMemory} and {@link SameDiffRuns} serve and drop the calling
 * thread's session; one graph per worker, always on the same thread, never
 * shares a session. Why per-thread op threads: libnd4j's and oneDNN's loops are
 * OpenMP parallel regions, and OpenMP's thread count is a per-thread setting
 * ({@code omp_set_num_threads} sets the calling thread's), so W workers × T
 * threads can fill the cores without oversubscribing them while the caller's
 * own runs keep every core.
 */
public final class WorkerThreads implements AutoCloseable {
    private final List<ExecutorService> threads = new ArrayList<>();
    private final int opThreads;

    /** {@code workers} threads, each running its native ops on {@code opThreads} threads. */
    public WorkerThreads(int workers, int opThreads) {
        if (workers < 1) throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        if (opThreads < 1) throw new IllegalArgumentException("op threads must be at least 1, got " + opThreads);
        this.opThreads = opThreads;
        Nd4j.getEnvironment(); // ND4J's backend must be loaded before its native ops are reached
        for (int k = 0; k < workers; k++) {
            String name = "siamesekit-worker-" + k;
            ExecutorService t = Executors.newSingleThreadExecutor(r -> {
                Thread th = new Thread(r, name);
                th.setDaemon(true); // never keeps the JVM (or a notebook kernel) alive
                return th;
            });
            t.submit(() -> setOpThreads(opThreads));
            threads.add(t);
        }
    }

    /**
     * A daemon thread that prepares inputs (batches, augmentation) while graphs
     * run elsewhere. It must not run a graph: {@link SameDiffRuns} refuses, since
     * a run there would share the model's graph with the step it is preparing
     * for (SameDiff's run state per thread does not cover the kit's release of
     * a graph's sessions after each run).
     */
    public static Thread inputThread(Runnable r, String name) {
        Thread t = new Thread(() -> {
            INPUT_THREAD.set(true);
            r.run();
        }, name);
        t.setDaemon(true);
        return t;
    }

    private static final ThreadLocal<Boolean> INPUT_THREAD = ThreadLocal.withInitial(() -> false);

    /** Fails with a message when called on an {@link #inputThread}. */
    static void checkNotInputThread() {
        if (INPUT_THREAD.get()) {
            throw new IllegalStateException("the model was run on the thread that prepares the next batch (thread "
                    + Thread.currentThread().getName() + "): a batch supplier that uses the model being trained"
                    + " needs the trainer's prefetch(false)");
        }
    }

    /** The calling thread's native ops will use {@code n} threads (OpenMP's per-thread setting). */
    public static void setOpThreads(int n) {
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(n);
    }

    /** Threads the calling thread's native ops would use now. */
    public static int opThreadsHere() {
        Nd4j.getEnvironment();
        return NativeOpsHolder.getInstance().getDeviceNativeOps().ompGetMaxThreads();
    }

    public int workers() { return threads.size(); }

    public int opThreads() { return opThreads; }

    /**
     * Runs {@code task.apply(k)} on thread k for k = 0 … n-1 (n ≤ workers) and
     * returns the results in that order; the first failure is rethrown after all
     * tasks have ended, so no worker is still using a graph when this returns.
     */
    public <T> List<T> run(int n, IntFunction<T> task) {
        if (n > threads.size()) throw new IllegalArgumentException(n + " tasks for " + threads.size() + " workers");
        List<Future<T>> futures = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            int kk = k;
            futures.add(threads.get(k).submit(() -> task.apply(kk)));
        }
        List<T> out = new ArrayList<>();
        RuntimeException failure = null;
        boolean interrupted = false;
        for (Future<T> f : futures) {
            while (true) {
                try {
                    out.add(f.get());
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // wait on: the worker may still be inside SameDiff
                } catch (ExecutionException e) {
                    if (failure == null) failure = rethrowable(e.getCause());
                    out.add(null);
                    break;
                }
            }
        }
        if (interrupted) Thread.currentThread().interrupt();
        if (failure != null) throw failure;
        return out;
    }

    private static RuntimeException rethrowable(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new IllegalStateException("a worker failed: " + t, t);
    }

    @Override
    public void close() { threads.forEach(ExecutorService::shutdown); }
}
