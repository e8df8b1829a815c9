package org.siamesekit.evaluation;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.siamesekit.data.LabelledImages;
import org.siamesekit.pairs.Pairs;
import org.siamesekit.pairs.SyntheticImages;

import static org.junit.jupiter.api.Assertions.*;

class ClassPairErrorsTest {
    @Test
    void countsImpostorsCalledSamePerUnorderedClassPair() {
        // 3 classes (c0, c1, c2) of 2 images: images 0,1 are c0; 2,3 c1; 4,5 c2
        LabelledImages images = SyntheticImages.constant(3, 2, 2, 2);
        Pairs pairs = new Pairs(images,
                new int[] {0, 0, 2, 1, 4, 0},
                new int[] {1, 2, 0, 3, 0, 4},
                new boolean[] {true, false, false, false, false, false});
        // the genuine pair scores low but is not an error; (c0,c1) twice in both orders, both accepted;
        // (c0,c2) twice, one accepted; the impostor (1,3) = (c0,c1) rejected
        ScoredPairs scored = new ScoredPairs(new double[] {0.1, 0.2, 0.3, 0.9, 0.4, 0.8}, new boolean[] {true, false, false, false, false, false});
        assertThrows(NullPointerException.class, () -> ClassPairErrors.falseAccepts(scored, 0.5));

        ScoredPairs fromPairs = ScoredPairs.score((l, r) -> new double[] {0.1, 0.2, 0.3, 0.9, 0.4, 0.8}, pairs);
        List<ClassPairErrors.Row> rows = ClassPairErrors.falseAccepts(fromPairs, 0.5);
        assertEquals(2, rows.size());
        assertEquals(new ClassPairErrors.Row(images.className(0), images.className(1), 2, 3), rows.get(0));
        assertEquals(new ClassPairErrors.Row(images.className(0), images.className(2), 1, 2), rows.get(1));
        assertEquals(0.5, rows.get(1).rate(), 1e-12);
        assertTrue(ClassPairErrors.falseAccepts(fromPairs, 0.05).isEmpty());
    }
}
