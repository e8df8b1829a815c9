package org.siamesekit.pictures;

import java.awt.image.BufferedImage;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;
import org.siamesekit.data.LabelledImages;
import org.siamesekit.evaluation.Baselines;
import org.siamesekit.evaluation.NWayEvaluator;
import org.siamesekit.evaluation.NWayResult;
import org.siamesekit.evaluation.ScoredPairs;
import org.siamesekit.pairs.PairSampler;
import org.siamesekit.pairs.Pairs;
import org.siamesekit.pairs.SyntheticImages;
import org.siamesekit.tasks.NWayTasks;

import static org.junit.jupiter.api.Assertions.*;

class ImagesTest {
    @Test
    void toBufferedImageMapsZeroToOneOntoBlackToWhite() {
        BufferedImage img = Images.toBufferedImage(Nd4j.createFromArray(new float[][] {{0f, 1f, 0.5f}, {2f, -1f, 0.25f}}));
        assertEquals(3, img.getWidth());
        assertEquals(2, img.getHeight());
        assertEquals(0, img.getRaster().getSample(0, 0, 0));
        assertEquals(255, img.getRaster().getSample(1, 0, 0));
        assertEquals(128, img.getRaster().getSample(2, 0, 0));
        assertEquals(255, img.getRaster().getSample(0, 1, 0), "clamped");
        assertEquals(0, img.getRaster().getSample(1, 1, 0), "clamped");
        assertEquals(3, Images.toBufferedImage(Nd4j.zeros(1, 1, 2, 3)).getWidth());
        assertThrows(IllegalArgumentException.class, () -> Images.toBufferedImage(Nd4j.zeros(2, 1, 2, 3)));
    }

    @Test
    void gridsPairsAndTasksHaveTheExpectedLayout() {
        LabelledImages images = SyntheticImages.constant(5, 3, 16, 16); // enlarged x4 to 64 px
        assertEquals(4, Images.scaleFor(16, 16));
        BufferedImage grid = Images.grid(images, 4);
        int cell = 16 * 4 + 2 * 4;
        assertEquals(4 * cell, grid.getWidth());
        assertEquals(4 * cell, grid.getHeight()); // 15 images in 4 rows
        BufferedImage labelled = Images.labelledGrid(images, new int[] {0, 5, 14}, 3);
        assertEquals(3 * cell, labelled.getWidth());
        assertTrue(labelled.getHeight() > cell);

        Pairs pairs = PairSampler.balanced(images, 4, 4, 1);
        ScoredPairs scored = ScoredPairs.score(Baselines.pixelL2(), pairs);
        BufferedImage p = Images.pairs(scored, new int[] {0, 1, 2, 3, 4}, 2);
        assertTrue(p.getWidth() > 0 && p.getHeight() > 0);
        assertThrows(IllegalArgumentException.class,
                () -> Images.pairs(new ScoredPairs(new double[] {1}, new boolean[] {true}), new int[] {0}, 1));

        NWayResult r = NWayEvaluator.accuracy(NWayTasks.sample(images, 4, 3, 2), Baselines.pixelL2());
        BufferedImage tasks = Images.tasks(r, new int[] {0, 2});
        assertEquals(5 * cell, tasks.getWidth()); // query + 4 candidates
        assertEquals(2 * Images.task(r.task(0), r.scores()[0]).getHeight(), tasks.getHeight());
        // the true candidate is framed green: look for green pixels
        BufferedImage one = Images.task(r.task(0), r.scores()[0]);
        int x = (1 + r.task(0).answer()) * cell + 4 - 1, y = 4 + 10;
        assertEquals(0x2ca02c, one.getRGB(x, y) & 0xffffff);
    }
}
