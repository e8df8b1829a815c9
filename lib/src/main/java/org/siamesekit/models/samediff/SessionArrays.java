package org.siamesekit.models.samediff;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.config.SDValue;
import org.nd4j.autodiff.samediff.config.SDValueType;
import org.nd4j.autodiff.samediff.internal.AbstractSession;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.autodiff.samediff.internal.Variable;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Closes the arrays a SameDiff graph's sessions still hold after a run, and
 * drops the sessions.
 *
 * <p>Why: SameDiff 1.0.0-M2.1 keeps one session per thread and graph that
 * holds every array of the last run (activations, gradients) plus a cache of
 * released arrays of up to a quarter of JavaCPP's maxBytes, and ND4J frees
 * native memory only when the garbage collector finds the arrays unreachable.
 * Native memory then grows by a step's arrays per step, up to the kernel's
 * memory limit.
 *
 * <p>What is closed: arrays computed by the graph's ops that own their memory.
 * Never closed: parameters, constants, placeholder values, views, and anything
 * sharing memory with the arrays the caller keeps.
 */
final class SessionArrays {
    private SessionArrays() {}

    /**
     * Closes the sessions' arrays except those sharing memory with {@code keep},
     * and drops the sessions. Returns the number of bytes closed.
     */
    static long release(SameDiff graph, Collection<INDArray> keep) {
        Map<Long, InferenceSession> sessions = graph.getSessions();
        List<long[]> protectedRanges = new ArrayList<>();
        for (INDArray a : keep) protect(protectedRanges, a);
        for (Variable v : graph.getVariables().values()) {
            VariableType type = v.getVariable().getVariableType();
            if (type == VariableType.VARIABLE || type == VariableType.CONSTANT) {
                protect(protectedRanges, graph.getArrForVarName(v.getName()));
            }
        }
        List<INDArray> candidates = new ArrayList<>();
        for (InferenceSession session : sessions.values()) {
            for (Map.Entry<AbstractSession.VarId, SDValue> e : session.getNodeValueOutputs().entrySet()) {
                INDArray a = tensor(e.getValue());
                if (a == null) continue;
                Variable v = graph.getVariables().get(e.getKey().getVariable());
                if (v != null && v.getVariable().getVariableType() == VariableType.ARRAY) candidates.add(a);
                else protect(protectedRanges, a); // placeholder values (the caller's inputs) and anything unknown
            }
        }
        for (InferenceSession session : sessions.values()) {
            if (session.getMmgr() != null) session.getMmgr().close(); // the cache of released arrays
        }
        long closed = 0;
        Set<DataBuffer> done = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (INDArray a : candidates) {
            if (a.wasClosed() || a.isView() || !a.closeable()) continue;
            DataBuffer data = a.data();
            long[] range = range(data);
            if (range == null || overlapsAny(protectedRanges, range) || !done.add(data)) continue;
            a.close();
            closed += range[1] - range[0];
        }
        sessions.clear();
        return closed;
    }

    private static INDArray tensor(SDValue value) {
        if (value == null || value.getSdValueType() != SDValueType.TENSOR) return null;
        return value.getTensorValue();
    }

    private static void protect(List<long[]> ranges, INDArray a) {
        if (a == null || a.wasClosed()) return;
        DataBuffer data = a.data();
        long[] r = range(data);
        if (r != null) ranges.add(r);
        for (DataBuffer parent : new DataBuffer[] {data.underlyingDataBuffer(), data.originalDataBuffer()}) {
            long[] u = parent == null || parent == data ? null : range(parent);
            if (u != null) ranges.add(u);
        }
    }

    /** The buffer's bytes [start, end) in native memory, or null when it has none. */
    static long[] range(DataBuffer data) {
        if (data == null || data.wasClosed()) return null;
        long start = data.address();
        if (start == 0) return null;
        return new long[] {start, start + data.length() * data.getElementSize()};
    }

    private static boolean overlapsAny(List<long[]> ranges, long[] r) {
        for (long[] p : ranges) if (r[0] < p[1] && p[0] < r[1]) return true;
        return false;
    }
}
