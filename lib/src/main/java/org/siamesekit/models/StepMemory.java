package org.siamesekit.models;

import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

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
 * graph (a training step, or one inference call): memory from malloc, not
 * zero-filled, freed when the run is over.
 *
 * <p>Why, twice over. ND4J 1.0.0-M2.1 zero-fills every array it allocates,
 * even through {@code createUninitialized} (libnd4j's
 * {@code DataBuffer::allocatePrimary} calls memset), and SameDiff allocates
 * every op's output that way, though each op then writes its whole output: on
 * an ORL training step the memsets took about 4 ms of the 17 ms spent between
 * ops (Java Flight Recorder: 475 of 1,036 samples outside the ops). And ND4J's
 * {@code close()} does not give an array's memory back; only the garbage
 * collector does (see {@link SessionArrays}), so each step's arrays stayed
 * allocated for a while and the next step's came as fresh pages. Freed here at
 * the end of each run, the same memory serves the next one: quick-mode peaks
 * of notebooks 02–04 fell by 310–440 MiB, and a step of Koch's full network
 * got about 14 % faster.
 *
 * <p>Lifetime: {@link #freeExcept} frees every block at the end of the step,
 * except those holding the arrays the caller keeps (the loss and the
 * gradients); those are freed by a {@link Cleaner} once their buffer is no
 * longer reachable, as ND4J frees its own arrays. Nothing is freed while
 * SameDiff runs ({@link #release} keeps the block), because a released array's
 * memory may still be seen through a view. Blocks do not count towards
 * JavaCPP's maxbytes, as ND4J's own arrays do not.
 */
final class StepMemory extends AbstractMemoryMgr {
    private static final Cleaner CLEANER = Cleaner.create();

    private final List<Block> blocks = new ArrayList<>();

    /** Makes the calling thread's next run of {@code graph} take its arrays from here (one run per StepMemory). */
    void serve(SameDiff graph) {
        InferenceSession session = new InferenceSession(graph);
        session.setMmgr(this);
        graph.getSessions().put(Thread.currentThread().getId(), session);
    }

    @Override
    public INDArray allocate(boolean detached, DataType dataType, long... shape) {
        return allocate(dataType, shape, 'c');
    }

    @Override
    public INDArray allocate(boolean detached, LongShapeDescriptor descriptor) {
        if (descriptor.isEmpty()) return Nd4j.create(descriptor).detach();
        return allocate(descriptor.dataType(), descriptor.getShape(), descriptor.getOrder());
    }

    private INDArray allocate(DataType type, long[] shape, char order) {
        long length = ArrayUtil.prodLong(shape);
        if (length == 0 || shape.length == 0 || !supported(type)) {
            return Nd4j.createUninitializedDetached(type, shape); // scalars and rare types: ND4J's own way
        }
        long bytes = length * type.width();
        Pointer raw = Pointer.malloc(bytes);
        if (raw == null || raw.isNull()) {
            throw new OutOfMemoryError("could not allocate " + bytes + " bytes for a " + type + " array of shape " + java.util.Arrays.toString(shape));
        }
        Block block = new Block(raw, bytes);
        DataBuffer buffer = Nd4j.createBuffer(typed(raw, type, length), length, type);
        CLEANER.register(buffer, block);
        blocks.add(block);
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

    /** SameDiff is done with the array; its block is freed with the others at the end of the step. */
    @Override
    public void release(INDArray array) {}

    /** Nothing to do: {@link #freeExcept} frees the blocks once the step's results are known. */
    @Override
    public void close() {}

    /**
     * Frees every block of the step except those that hold part of an array in
     * {@code keep}. Returns the number of bytes freed.
     */
    long freeExcept(Collection<INDArray> keep) {
        List<long[]> kept = new ArrayList<>();
        for (INDArray a : keep) {
            if (a == null || a.wasClosed() || a.data() == null) continue;
            long start = a.data().address();
            kept.add(new long[] {start, start + a.data().length() * a.data().getElementSize()});
        }
        long freed = 0;
        for (Block b : blocks) {
            if (!b.overlapsAny(kept)) freed += b.free();
        }
        blocks.clear();
        return freed;
    }

    /** One malloc'd block; freed once, by {@link #freeExcept} or by the cleaner, whichever comes first. */
    private static final class Block implements Runnable {
        private final Pointer raw;
        private final long start, end;
        private final AtomicBoolean freed = new AtomicBoolean();

        Block(Pointer raw, long bytes) {
            this.raw = raw;
            this.start = raw.address();
            this.end = start + bytes;
        }

        boolean overlapsAny(List<long[]> ranges) {
            for (long[] r : ranges) if (r[0] < end && start < r[1]) return true;
            return false;
        }

        long free() {
            if (!freed.compareAndSet(false, true)) return 0;
            Pointer.free(raw);
            return end - start;
        }

        @Override
        public void run() { free(); }
    }
}
