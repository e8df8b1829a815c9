package org.siamesekit.models.samediff;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.LongPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.autodiff.samediff.internal.memory.AbstractMemoryMgr;
import org.nd4j.common.util.ArrayUtil;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where SameDiff puts the arrays its ops compute during one run of a graph (a
 * training step or one inference call): malloc'd blocks, not zero-filled, all
 * freed by {@link #freeAll} when the run is over. The arrays the run returns
 * are ND4J's own; {@link #outlive} copies any that lies in a block.
 *
 * <p>Why: ND4J 1.0.0-M2.1 zero-fills every array it allocates (libnd4j's
 * {@code DataBuffer::allocatePrimary} calls memset, even for
 * {@code createUninitialized}), though each op then writes its whole output;
 * and {@code close()} does not give memory back, only the garbage collector
 * does, so each step's arrays came as fresh pages. Blocks are freed on the
 * caller's thread after SameDiff has returned, never while an op may still use
 * them (a Cleaner-based release did free memory under running ops).
 */
final class StepMemory extends AbstractMemoryMgr {
    private final List<Block> blocks = new ArrayList<>();

    /** Makes the calling thread's next run of {@code graph} take its arrays from here (one run per StepMemory). */
    void serve(SameDiff graph) {
        InferenceSession session = new InferenceSession(graph);
        session.setMmgr(this);
        graph.getSessions().put(Thread.currentThread().getId(), session);
    }

    /** {@code output}: an array the run returns (SameDiff's "detached"); it is ND4J's own. */
    @Override
    public INDArray allocate(boolean output, DataType dataType, long... shape) {
        return allocate(output, dataType, shape, 'c');
    }

    @Override
    public INDArray allocate(boolean output, LongShapeDescriptor descriptor) {
        if (descriptor.isEmpty()) return Nd4j.create(descriptor).detach();
        return allocate(output, descriptor.dataType(), descriptor.getShape(), descriptor.getOrder());
    }

    private INDArray allocate(boolean output, DataType type, long[] shape, char order) {
        long length = ArrayUtil.prodLong(shape);
        if (output || length == 0 || shape.length == 0 || !supported(type)) {
            return Nd4j.createUninitializedDetached(type, order, shape); // results, scalars and rare types: ND4J's own way
        }
        long bytes = length * type.width();
        Pointer raw = Pointer.malloc(bytes);
        if (raw == null || raw.isNull()) {
            throw new OutOfMemoryError("could not allocate " + bytes + " bytes for a " + type + " array of shape " + Arrays.toString(shape));
        }
        blocks.add(new Block(raw, bytes));
        DataBuffer buffer = Nd4j.createBuffer(typed(raw, type, length), length, type);
        return Nd4j.create(buffer, shape, Nd4j.getStrides(shape, order), 0, order, type);
    }

    private static boolean supported(DataType type) {
        return type == DataType.FLOAT || type == DataType.DOUBLE || type == DataType.INT || type == DataType.LONG;
    }

    private static Pointer typed(Pointer raw, DataType type, long length) {
        return switch (type) {
            case FLOAT -> new FloatPointer(raw).capacity(length);
            case DOUBLE -> new DoublePointer(raw).capacity(length);
            case INT -> new IntPointer(raw).capacity(length);
            case LONG -> new LongPointer(raw).capacity(length);
            default -> throw new IllegalArgumentException("no pointer type for " + type);
        };
    }

    /** SameDiff is done with the array; its block is freed with the others when the run is over. */
    @Override
    public void release(INDArray array) {}

    /** Nothing to do: {@link #freeAll} frees the blocks once the run's results are safe. */
    @Override
    public void close() {}

    /**
     * {@code array} itself, or a copy in ND4J's own memory when it shares memory
     * with one of this run's blocks; call it on every array the run hands to
     * the caller, before {@link #freeAll}.
     */
    INDArray outlive(INDArray array) {
        long[] range = array == null || array.wasClosed() ? null : range(array.data());
        if (range == null) return array;
        for (Block b : blocks) {
            if (b.start < range[1] && range[0] < b.end) return array.dup(array.ordering());
        }
        return array;
    }

    /** The bytes [start, end) an array's buffer covers, or null when it has none. */
    private static long[] range(DataBuffer data) {
        if (data == null || data.wasClosed()) return null;
        long start = data.address();
        if (start == 0) return null;
        return new long[] {start, start + data.length() * data.getElementSize()};
    }

    /**
     * Frees every block of the run; returns the number of bytes freed. The
     * caller ({@link SameDiffRuns}) then drops the sessions, which point into them.
     */
    long freeAll() {
        long freed = 0;
        for (Block b : blocks) {
            Pointer.free(b.raw);
            freed += b.end - b.start;
        }
        blocks.clear();
        return freed;
    }

    /** One malloc'd block and the bytes [start, end) it covers. */
    private record Block(Pointer raw, long start, long end) {
        Block(Pointer raw, long bytes) {
            this(raw, raw.address(), raw.address() + bytes);
        }
    }
}
