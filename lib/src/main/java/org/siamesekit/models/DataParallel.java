package org.siamesekit.models;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

import org.siamesekit.models.samediff.WorkerThreads;

/**
 * The replicas of one {@link SiameseModel} and the worker threads that run
 * them: worker 0 runs the model's own graph, worker k > 0 a replica built on
 * (and only ever run by) thread k, whose parameters are copied from the model's
 * before each run. Nothing writes the parameters while workers run.
 */
final class DataParallel implements AutoCloseable {
    private final SiameseModel model;
    private final WorkerThreads threads;
    private final List<SiameseModel> replicas = new ArrayList<>();

    DataParallel(SiameseModel model, int workers) {
        this.model = model;
        this.threads = new WorkerThreads(workers, opThreadsPerWorker(workers));
        replicas.add(model);
        for (int k = 1; k < workers; k++) replicas.add(null);
    }

    /** The system property that sets the default worker count, e.g. {@code -Dsiamesekit.workers=2}. */
    static final String WORKERS_PROPERTY = "siamesekit.workers";

    /**
     * Default worker count: the {@value #WORKERS_PROPERTY} system property, else 1.
     * Two workers on 2 cores were not faster than one worker with two op
     * threads (docs/performance.md, "Workers and the input pipeline"), so
     * splitting is opt-in: {@code Trainer.builder().workers(n)},
     * {@code model.workers(n)}, or the property for every model of a kernel.
     */
    static int defaultWorkers() {
        String v = System.getProperty(WORKERS_PROPERTY);
        if (v == null || v.isBlank()) return 1;
        try {
            int n = Integer.parseInt(v.trim());
            if (n >= 1) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("the system property " + WORKERS_PROPERTY
                + " must be a whole number of at least 1, got '" + v + "'");
    }

    /** W workers × T op threads = the cores (at least one thread each). */
    static int opThreadsPerWorker(int workers) {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / workers);
    }

    int workers() { return threads.workers(); }

    int opThreads() { return threads.opThreads(); }

    /** {@code task.apply(replica k, k)} on worker k for k = 0 … n-1, results in order. */
    <T> List<T> run(int n, BiFunction<SiameseModel, Integer, T> task) {
        return threads.run(n, k -> task.apply(replica(k), k));
    }

    /** Replica k with the model's current parameters; built on its own thread the first time. */
    private SiameseModel replica(int k) {
        if (k == 0) return model;
        SiameseModel r = replicas.get(k);
        if (r == null) {
            r = SiameseModel.replicaOf(model);
            synchronized (replicas) { replicas.set(k, r); }
        }
        r.setParameters(model.parameters());
        return r;
    }

    @Override
    public void close() { threads.close(); }
}
