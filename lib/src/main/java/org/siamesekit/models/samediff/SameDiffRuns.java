package org.siamesekit.models.samediff;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The one door from the kit's models into SameDiff's execution: building the
 * backward graph, inference runs and training steps, each with the
 * {@link Workaround}s that are switched on. Nothing outside this package needs
 * to know the workarounds exist.
 */
public final class SameDiffRuns {
    /** The name SameDiff gives its backward graph (SameDiff.GRAD_FN_KEY, not public). */
    static final String GRADIENT_FUNCTION = "grad";

    private SameDiffRuns() {}

    /** Builds {@code graph}'s backward graph now (SameDiff would on the first step). */
    public static void buildGradients(SameDiff graph) {
        Runnable build = () -> {
            if (Workaround.INPUT_CONV2D.enabled()) InputConv2D.whileCopying(graph::createGradFunction);
            else graph.createGradFunction();
        };
        if (Workaround.QUIET_BACKWARD.enabled()) QuietOutput.run(build); else build.run();
    }

    /** One output of {@code graph}, as an array the caller owns. */
    public static INDArray output(SameDiff graph, Map<String, INDArray> feed, String name) {
        try (Run run = new Run(graph)) {
            return run.keep(graph.output(feed, name).get(name));
        }
    }

    /** The value of {@code loss} and the gradient of each of {@code parameters} (by name). */
    public static LossAndGradients lossAndGradients(SameDiff graph, Map<String, INDArray> feed, String loss,
                                                    Map<String, INDArray> parameters) {
        try (Run run = new Run(graph)) {
            OutAndGrad og = graph.calculateGradientsAndOutputs(feed, List.of(loss), List.copyOf(parameters.keySet()));
            Map<String, INDArray> gradients = new LinkedHashMap<>();
            og.getGradients().forEach((p, g) -> gradients.put(p, run.keep(g)));
            return new LossAndGradients(og.getOutputs().get(loss).getDouble(0), gradients);
        }
    }

    /** A training step's loss and the gradient of each parameter. */
    public record LossAndGradients(double loss, Map<String, INDArray> gradients) {}

    /** One run of a graph (and its backward graph): its memory, and what is released after it. */
    private static final class Run implements AutoCloseable {
        private final SameDiff graph;
        private final StepMemory memory;

        Run(SameDiff graph) {
            WorkerThreads.checkNotInputThread();
            this.graph = graph;
            this.memory = Workaround.STEP_MEMORY.enabled() ? new StepMemory() : null;
            if (memory != null) {
                memory.serve(graph);
                SameDiff backward = graph.getFunction(GRADIENT_FUNCTION);
                if (backward != null) memory.serve(backward);
            }
        }

        /** An array the caller gets: copied out of the run's memory if it lies there. */
        INDArray keep(INDArray array) {
            return memory == null ? array : memory.outlive(array);
        }

        /**
         * Frees the run's memory and drops this thread's sessions of the graph and its
         * backward graph: SameDiff 1.0.0-M2.1 keeps every array of the last run in them
         * (and a cache of released arrays) until the next run, and ND4J frees native
         * memory only once nothing references an array.
         */
        @Override
        public void close() {
            if (memory != null) memory.freeAll();
            long thread = Thread.currentThread().getId();
            graph.getSessions().remove(thread);
            SameDiff backward = graph.getFunction(GRADIENT_FUNCTION);
            if (backward != null) backward.getSessions().remove(thread);
        }
    }
}
