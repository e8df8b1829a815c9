package org.siamesekit.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.siamesekit.data.LabelledImages;

/**
 * Gathers batches of ORL-sized images from two threads while a third keeps the
 * garbage collector busy, either the way the kit once did
 * ({@code Nd4j.pullRows(images.reshape(...), ...)}) or with
 * {@link LabelledImages#gather} (ND4J's gather op). On ND4J 1.0.0-M2.1 the
 * first kills the JVM within minutes (SIGSEGV in libnd4j: pullRows keeps no
 * reference to the reshape's buffer, whose deallocator frees the native
 * object it reads); the second must run to the end with every row right.
 * Run by {@code bench/pullrows.sh}.
 *
 * <p>Usage: {@code PullRowsStress pullRows|gather [seconds]}
 */
public final class PullRowsStress {
    public static void main(String[] args) throws InterruptedException {
        String mode = args.length > 0 ? args[0] : "gather";
        if (!mode.equals("pullRows") && !mode.equals("gather")) throw new IllegalArgumentException("mode pullRows or gather, got " + mode);
        long seconds = args.length > 1 ? Long.parseLong(args[1]) : 120;
        int n = 400, h = 56, w = 46;
        Nd4j.getRandom().setSeed(1);
        LabelledImages set = new LabelledImages(Nd4j.rand(DataType.FLOAT, n, 1, h, w), new int[n], List.of("all"));
        INDArray images = set.images();
        AtomicLong calls = new AtomicLong(), wrong = new AtomicLong();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        Thread gc = new Thread(() -> { // a full collection every 2 ms
            while (System.nanoTime() < end) {
                System.gc();
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "gc");
        gc.setDaemon(true);
        gc.start();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 2; t++) {
            long seed = t;
            Thread th = new Thread(() -> {
                Random r = new Random(seed);
                while (System.nanoTime() < end) {
                    int[] idx = r.ints(128, 0, n).toArray();
                    INDArray out = mode.equals("pullRows")
                            ? Nd4j.pullRows(images.reshape(n, (long) h * w), 1, idx).reshape(idx.length, 1, h, w)
                            : set.gather(idx);
                    int k = r.nextInt(idx.length);
                    if (!out.get(NDArrayIndex.point(k)).equals(images.get(NDArrayIndex.point(idx[k])))) wrong.incrementAndGet();
                    if (calls.incrementAndGet() % 5000 == 0) System.out.println(mode + ": " + calls + " batches so far");
                }
            }, "gather-" + t);
            th.start();
            threads.add(th);
        }
        for (Thread th : threads) th.join();
        System.out.printf(Locale.ROOT, "%s: %d batches of 128 rows in %d s from 2 threads, %d wrong, no crash%n", mode, calls.get(), seconds, wrong.get());
        if (wrong.get() > 0) System.exit(1);
    }
}
