package org.siamesekit.models.samediff;

import java.util.ArrayList;
import java.util.Collection;
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

    /**
     * One output of {@code graph}, as an array the caller owns; {@code parameters}
     * are the graph's trained arrays (never released).
     */
    public static INDArray output(SameDiff graph, Map<String, INDArray> feed, String name,
                                  Collection<INDArray> parameters) {
        try (Run run = new Run(graph, parameters)) {
            return run.keep(graph.output(feed, name).get(name));
        }
    }

    /** The value of {@code loss} and the gradient of each of {@code parameters} (by name). */
    public static LossAndGradients lossAndGradients(SameDiff graph, Map<String, INDArray> feed, String loss,
                                                    Map<String, INDArray> parameters) {
        try (Run run = new Run(graph, parameters.values())) {
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
        private final List<INDArray> kept;
        private final StepMemory memory;

        Run(SameDiff graph, Collection<INDArray> parameters) {
            WorkerThreads.checkNotInputThread();
            this.graph = graph;
            this.kept = new ArrayList<>(parameters);
            this.memory = Workaround.STEP_MEMORY.enabled() ? new StepMemory() : null;
            if (memory != null) {
                memory.serve(graph);
                SameDiff backward = graph.getFunction(GRADIENT_FUNCTION);
                if (backward != null) memory.serve(backward);
            }
        }

        /** An array the caller gets: copied out of the run's memory if it lies there. */
        INDArray keep(INDArray array) {
            INDArray a = memory == null ? array : memory.outlive(array);
            kept.add(a);
            return a;
        }

        @Override
        public void close() {
            if (Workaround.SESSION_ARRAYS.enabled()) {
                // the parameters are named too: the backward graph holds its own copies of them
                SessionArrays.release(graph, kept);
                SameDiff backward = graph.getFunction(GRADIENT_FUNCTION);
                if (backward != null) SessionArrays.release(backward, kept);
            }
            if (memory != null) memory.freeAll();
        }
    }
}
