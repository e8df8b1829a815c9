package org.siamesekit.pairs;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.siamesekit.data.LabelledImages;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EpochBatchesTest {
    /** 6 one-pixel-distinct images: image i has every pixel equal to i, so a batch tells which images it holds. */
    static LabelledImages images() {
        INDArray x = Nd4j.arange(6).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).reshape(6, 1, 1, 1).broadcast(6, 1, 2, 2).dup();
        return new LabelledImages(x, new int[] {0, 0, 1, 1, 2, 2}, List.of("a", "b", "c"));
    }

    static Pairs pairs() {
        int[] l = {0, 2, 4, 0, 1, 3, 5};
        int[] r = {1, 3, 5, 2, 4, 0, 1};
        boolean[] g = {true, true, true, false, false, false, false};
        return new Pairs(images(), l, r, g);
    }

    /** The (left, right, target) triples of an epoch, decoded from pixel values. */
    static List<String> decode(Iterable<PairBatch> epoch, List<Integer> sizes) {
        List<String> out = new ArrayList<>();
        for (PairBatch b : epoch) {
            sizes.add(b.size());
            for (int i = 0; i < b.size(); i++) {
                out.add((int) b.left().getDouble(i, 0, 1, 1) + "-" + (int) b.right().getDouble(i, 0, 0, 1) + ":" + (int) b.targets().getDouble(i, 0));
            }
        }
        return out;
    }

    @Test
    void anEpochVisitsEveryPairOnceWithItsPixelsAndTarget() {
        List<Integer> sizes = new ArrayList<>();
        List<String> seen = decode(EpochBatches.shuffled(pairs(), 3, new SplittableRandom(1)), sizes);
        assertEquals(List.of(3, 3, 1), sizes, "last batch holds the remainder");
        List<String> expected = decode(EpochBatches.inOrder(pairs(), 7), new ArrayList<>());
        assertEquals(List.of("0-1:1", "2-3:1", "4-5:1", "0-2:0", "1-4:0", "3-0:0", "5-1:0"), expected);
        assertEquals(expected.stream().sorted().toList(), seen.stream().sorted().toList());
        assertNotEquals(expected, seen, "shuffled");
        assertEquals(3, EpochBatches.shuffled(pairs(), 3, new SplittableRandom(1)).count());
    }

    @Test
    void theSameSeedGivesTheSameOrder() {
        List<String> a = decode(EpochBatches.shuffled(pairs(), 2, new SplittableRandom(9)), new ArrayList<>());
        List<String> b = decode(EpochBatches.shuffled(pairs(), 2, new SplittableRandom(9)), new ArrayList<>());
        assertEquals(a, b);
    }

    @Test
    void gatherCopiesTheRequestedPairs() {
        PairBatch b = EpochBatches.gather(pairs(), new int[] {6, 0});
        assertArrayEquals(new long[] {2, 1, 2, 2}, b.left().shape());
        assertEquals(5, b.left().getDouble(0, 0, 0, 0));
        assertEquals(0, b.targets().getDouble(0, 0));
        assertEquals(1, b.targets().getDouble(1, 0));
        assertThrows(IllegalArgumentException.class, () -> EpochBatches.inOrder(pairs(), 0));
    }
}
