package org.siamesekit.readers;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DownsampleTest {
    @Test
    void averagesBlocksAndDropsRemainder() {
        // 3 rows x 5 columns, factor 2 -> 1 x 2; the last row and column are dropped
        float[] src = {
            1, 2, 3, 4, 100,
            5, 6, 7, 8, 100,
            100, 100, 100, 100, 100};
        assertArrayEquals(new float[] {3.5f, 5.5f}, Downsample.blockAverage(src, 3, 5, 2));
        assertEquals(35, Downsample.size(105, 3));
        assertEquals(52, Downsample.size(105, 2));
        assertArrayEquals(src, Downsample.blockAverage(src, 3, 5, 1));
        assertThrows(IllegalArgumentException.class, () -> Downsample.size(5, 0));
        assertThrows(IllegalArgumentException.class, () -> Downsample.size(5, 6));
    }
}
