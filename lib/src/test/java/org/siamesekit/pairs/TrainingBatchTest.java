package org.siamesekit.pairs;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingBatchTest {
    static final INDArray THREE = Nd4j.rand(DataType.FLOAT, 3, 1, 2, 2);

    @Test
    void aPairBatchBecomesItsLeftThenRightImagesAndThePairsIAgainstNPlusI() {
        INDArray left = Nd4j.rand(DataType.FLOAT, 2, 1, 2, 2), right = Nd4j.rand(DataType.FLOAT, 2, 1, 2, 2);
        PairBatch pairs = new PairBatch(left, right, Nd4j.createFromArray(1f, 0f).reshape(2, 1));
        TrainingBatch b = pairs.toTrainingBatch();
        assertEquals(4, b.imageCount());
        assertArrayEquals(new int[] {0, 1}, b.left());
        assertArrayEquals(new int[] {2, 3}, b.right());
        assertArrayEquals(new float[] {1, 0}, b.targets());
        assertArrayEquals(new float[] {1, 1}, b.weights());
        assertEquals(left, b.images().get(NDArrayIndex.interval(0, 2)));
        assertEquals(right, b.images().get(NDArrayIndex.interval(2, 4)));
        assertEquals(1, b.genuinePairs());
    }

    @Test
    void badPairsTargetsAndWeightsAreRefusedWithTheReason() {
        assertTrue(message(() -> new TrainingBatch(THREE, new int[] {0}, new int[] {3}, new float[] {1}, new float[] {1}))
                .contains("has 3 images"));
        assertTrue(message(() -> new TrainingBatch(THREE, new int[] {0, 1}, new int[] {2}, new float[] {1}, new float[] {1}))
                .contains("one entry per pair"));
        assertTrue(message(() -> new TrainingBatch(THREE, new int[] {0}, new int[] {1}, new float[] {0.5f}, new float[] {1}))
                .contains("not 0 or 1"));
        assertTrue(message(() -> new TrainingBatch(THREE, new int[] {0}, new int[] {1}, new float[] {1}, new float[] {-1}))
                .contains("weight of pair 0"));
        assertTrue(message(() -> new TrainingBatch(THREE, new int[] {0}, new int[] {1}, new float[] {1}, new float[] {0}))
                .contains("all pair weights are 0"));
        assertTrue(message(() -> new TrainingBatch(THREE, new int[0], new int[0], new float[0], new float[0]))
                .contains("at least one pair"));
    }

    private static String message(org.junit.jupiter.api.function.Executable e) {
        return assertThrows(IllegalArgumentException.class, e).getMessage();
    }
}
