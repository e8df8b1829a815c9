package org.siamesekit.models;

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
 * Where SameDiff puts the arrays its ops compute during one run of a model's
 * graph (a training step, or one inference call): the intermediate arrays come
 * from malloc, are not zero-filled, and are all freed by {@link #freeAll} when
 * the run is over; the arrays the run returns are ND4J's own.
 *
 * <p>Why, twice over. ND4J 1.0.0-M2.1 zero-fills every array it allocates,
 * even through {@code createUninitialized} (libnd4j's
 * {@code DataBuffer::allocatePrimary} calls memset), and SameDiff allocates
 * every op's output that way, though each op then writes its whole output: on
 * an ORL training step the memsets took about 4 ms of the 17 ms spent between
 * ops (Java Flight Recorder: 475 of 1,036 samples outside the ops). And ND4J's
 * {@code close()} does not give an array's memory back; only the garbage
 * collector does (see {@link SessionArrays}), so each step's arrays stayed
 * allocated for a while and the next step's came as fresh pages. Freed at the
 * end of each run, the same memory serves the next one.
 *
 * <p>Lifetime, and why nothing is freed behind the caller's back. The outputs
 * SameDiff is asked for (the loss, the gradients, an embedding) are allocated
 * by ND4J as usual, and {@link #outlive} copies any returned array that
 * nevertheless lies in a block (an op that passes its input through), so the
 * caller never holds a block. Every block is freed by {@link #freeAll}, on the
 * caller's thread, once SameDiff has returned: never while an op may run on
 * it. An earlier version kept the returned arrays in blocks and freed those
 * with a {@link java.lang.ref.Cleaner} when their buffer became unreachable;
 * notebook 03's full run then crashed in libnd4j (an array whose memory
 * address had become 0), after 34 minutes. A Cleaner can run while native
 * code still works on the memory: the JIT may treat a Java array as
 * unreachable once its address has been handed to libnd4j, and unlike ND4J's
 * own buffers (libnd4j holds a shared reference to those while an op runs) a
 * malloc'd block is then freed under the op, and the heap corrupted.
 * Nothing is freed while SameDiff runs ({@link #release} keeps the block),
 * because a released array's memory may still be seen through a view. Blocks
 * do not count towards JavaCPP's maxbytes, as ND4J's own arrays do not.
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
        long[] range = array == null || array.wasClosed() ? null : SessionArrays.range(array.data());
        if (range == null) return array;
        for (Block b : blocks) {
            if (b.start < range[1] && range[0] < b.end) return array.dup(array.ordering());
        }
        return array;
    }

    /** Frees every block of the run; returns the number of bytes freed. */
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
