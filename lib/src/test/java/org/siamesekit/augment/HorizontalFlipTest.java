package org.siamesekit.augment;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.*;

class HorizontalFlipTest {
    /** Image i, row y, column x holds 100·i + 10·y + x. */
    private static INDArray batch(int n, int h, int w) {
        float[] v = new float[n * h * w];
        for (int i = 0; i < n; i++)
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++) v[(i * h + y) * w + x] = 100 * i + 10 * y + x;
        return Nd4j.create(v, new long[]{n, 1, h, w}, 'c');
    }

    private static boolean mirrored(INDArray in, INDArray out, int i) {
        int h = (int) in.size(2), w = (int) in.size(3);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                if (out.getFloat(i, 0, y, x) != in.getFloat(i, 0, y, w - 1 - x)) return false;
        return true;
    }

    @Test
    void probabilityOneMirrorsEveryImageExactlyAndLeavesTheInputAlone() {
        INDArray in = batch(3, 4, 5), before = in.dup();
        INDArray out = new HorizontalFlip(1, 7).apply(in);
        assertArrayEquals(in.shape(), out.shape());
        for (int i = 0; i < 3; i++) assertTrue(mirrored(in, out, i), "image " + i);
        assertEquals(before, in);
    }

    @Test
    void probabilityZeroIsTheIdentity() {
        INDArray in = batch(3, 4, 5);
        assertEquals(in, new HorizontalFlip(0, 7).apply(in));
    }

    @Test
    void halfTheImagesAreMirroredEachWholeAndReproducibly() {
        INDArray in = batch(400, 2, 3);
        INDArray a = new HorizontalFlip(0.5, 11).apply(in), b = new HorizontalFlip(0.5, 11).apply(in);
        assertEquals(a, b);
        int flipped = 0;
        for (int i = 0; i < 400; i++) {
            boolean m = mirrored(in, a, i);
            assertTrue(m || in.slice(i).equals(a.slice(i)), "image " + i + " is neither itself nor its mirror");
            if (m) flipped++;
        }
        assertTrue(flipped > 150 && flipped < 250, flipped + " of 400 flipped");
    }

    @Test
    void badProbabilityAndShapeAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new HorizontalFlip(1.5, 1));
        assertThrows(IllegalArgumentException.class, () -> new HorizontalFlip(0.5, 1).apply(Nd4j.zeros(4, 5)));
    }
}
