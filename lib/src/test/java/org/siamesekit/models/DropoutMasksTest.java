package org.siamesekit.models;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DropoutMasksTest {
    @Test
    void masksHoldZeroOrTheInvertedScaleInTheRightShareAndShape() {
        INDArray mask = new DropoutMasks(7).draw(new long[] {10, 4, 50, 50}, 0.4);
        assertArrayEquals(new long[] {10, 4, 50, 50}, mask.shape());
        assertEquals(DataType.FLOAT, mask.dataType());
        float[] v = mask.data().asFloat();
        int kept = 0;
        for (float x : v) {
            if (x != 0f) {
                assertEquals(1 / 0.6f, x, 1e-6f);
                kept++;
            }
        }
        // 100,000 draws: the kept share is 0.6 within 5 standard deviations (0.0077)
        assertEquals(0.6, kept / (double) v.length, 0.0077);
        // inverted dropout keeps the expected value: mean ≈ 1
        assertEquals(1.0, mask.meanNumber().doubleValue(), 0.013);
    }

    @Test
    void theSameSeedGivesTheSameMasksAndReseedingRestarts() {
        DropoutMasks a = new DropoutMasks(3), b = new DropoutMasks(3), c = new DropoutMasks(4);
        INDArray first = a.draw(new long[] {8, 13}, 0.25);
        assertEquals(first, b.draw(new long[] {8, 13}, 0.25));
        assertFalse(first.equals(c.draw(new long[] {8, 13}, 0.25)));
        assertFalse(first.equals(a.draw(new long[] {8, 13}, 0.25)), "successive masks differ");
        a.reseed(3);
        assertEquals(first, a.draw(new long[] {8, 13}, 0.25));
    }

    @Test
    void eachValueIsDecidedByItsOwn16BitsOfTheSeededStream() {
        // the definition, written plainly: values taken four per 64-bit draw, low bits first;
        // seeded runs (and the numbers the README reports) depend on exactly this
        for (long[] shape : new long[][] {{3, 7}, {1000}, {2, 2}}) {
            java.util.SplittableRandom random = new java.util.SplittableRandom(11);
            int n = (int) (shape[0] * (shape.length > 1 ? shape[1] : 1));
            float[] expected = new float[n];
            long bits = 0;
            for (int i = 0; i < n; i++) {
                if (i % 4 == 0) bits = random.nextLong();
                expected[i] = ((bits >>> (16 * (i % 4))) & 0xFFFF) >= Math.round(0.3 * 65_536) ? (float) (1 / 0.7) : 0f;
            }
            assertArrayEquals(expected, new DropoutMasks(11).draw(shape, 0.3).data().asFloat(), java.util.Arrays.toString(shape));
        }
    }

    @Test
    void ratesOutsideTheOpenUnitIntervalAreRejected() {
        DropoutMasks m = new DropoutMasks(1);
        assertThrows(IllegalArgumentException.class, () -> m.draw(new long[] {2}, 0));
        assertThrows(IllegalArgumentException.class, () -> m.draw(new long[] {2}, 1));
        assertTrue(m.draw(new long[] {3}, 0.5).length() == 3);
    }
}
