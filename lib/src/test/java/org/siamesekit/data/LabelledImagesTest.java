package org.siamesekit.data;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LabelledImagesTest {
    private static LabelledImages five() {
        Nd4j.getRandom().setSeed(3);
        return new LabelledImages(Nd4j.rand(DataType.FLOAT, 5, 1, 4, 3), new int[] {0, 1, 0, 1, 2}, List.of("a", "b", "c"));
    }

    @Test
    void gatherCopiesTheRowsInTheOrderAsked() {
        LabelledImages s = five();
        int[] idx = {4, 0, 4, 2};
        INDArray g = s.gather(idx);
        assertArrayEquals(new long[] {4, 1, 4, 3}, g.shape());
        for (int k = 0; k < idx.length; k++) {
            assertEquals(s.images().get(NDArrayIndex.point(idx[k])), g.get(NDArrayIndex.point(k)), "row " + k);
        }
        g.assign(0); // a copy: the set's own images stay as they were
        assertTrue(s.images().sumNumber().doubleValue() > 0);
        assertArrayEquals(new long[] {0, 1, 4, 3}, s.gather(new int[0]).shape());
    }

    @Test
    void aSubsetOfAViewGathersTheViewsRows() {
        LabelledImages s = five();
        // images given as a view with an offset (rows 1-4 of a larger array)
        LabelledImages view = new LabelledImages(s.images().get(NDArrayIndex.interval(1, 5)), new int[] {1, 0, 1, 2}, List.of("a", "b", "c"));
        assertEquals(s.images().get(NDArrayIndex.point(3)), view.gather(new int[] {2}).get(NDArrayIndex.point(0)));
    }

    @Test
    void anIndexOutsideTheSetIsNamed() {
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> five().gather(new int[] {1, 5}));
        assertTrue(e.getMessage().contains("image 5 of 5"), e.getMessage());
    }
}
