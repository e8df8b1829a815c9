package org.siamesekit.training;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import org.siamesekit.models.samediff.WorkerThreads;

/**
 * Prepares a training run's next input (pair sampling, augmentation, dropout
 * masks, the split across workers) on its own thread while the current step
 * computes. Inputs are made one at a time, in order, by one thread, so a run
 * sees the same inputs as without the pipeline; at most {@code count} are made,
 * and at most one more than the run uses when it stops early. The source must
 * not run the model being trained (it would run beside the step):
 * {@link WorkerThreads#inputThread} makes that an error with a message.
 */
final class InputPipeline<T> implements AutoCloseable {
    private final Supplier<T> source;
    private final ExecutorService thread;
    private long remaining;
    private Future<T> next;

    /** {@code enabled} false: each input is made on the caller's thread when asked for. */
    InputPipeline(Supplier<T> source, long count, boolean enabled) {
        this.source = source;
        this.remaining = count;
        this.thread = enabled ? Executors.newSingleThreadExecutor(r -> WorkerThreads.inputThread(r, "siamesekit-input")) : null;
    }

    /** The next input; null when the caller was interrupted while waiting for it. */
    T next() {
        if (remaining <= 0) throw new IllegalStateException("all " + "inputs were taken");
        if (thread == null) {
            remaining--;
            return source.get();
        }
        if (next == null) next = thread.submit(source::get);
        T value;
        try {
            value = next.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (ExecutionException e) {
            next = null;
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException("preparing the next batch failed: " + e.getCause(), e.getCause());
        }
        remaining--;
        next = remaining > 0 ? thread.submit(source::get) : null;
        return value;
    }

    @Override
    public void close() {
        if (thread == null) return;
        if (next != null) {
            try {
                next.get(); // let a batch being made finish: the source may not like being interrupted
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                // an input nobody asked for: its failure does not matter
            }
        }
        thread.shutdown();
    }
}
