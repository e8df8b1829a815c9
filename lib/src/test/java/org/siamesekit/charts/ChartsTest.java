package org.siamesekit.charts;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.siamesekit.data.LabelledImages;
import org.siamesekit.evaluation.Baselines;
import org.siamesekit.evaluation.Embeddings;
import org.siamesekit.evaluation.NWayEvaluator;
import org.siamesekit.evaluation.NWayResult;
import org.siamesekit.evaluation.ScoredPairs;
import org.siamesekit.evaluation.Verification;
import org.siamesekit.pairs.PairSampler;
import org.siamesekit.pairs.SyntheticImages;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import static org.junit.jupiter.api.Assertions.*;

class ChartsTest {
    private static final LabelledImages IMAGES = SyntheticImages.noisy(6, 4, 8, 8, 0.3, 1);
    private static final ScoredPairs SCORED = ScoredPairs.score(Baselines.pixelL2(), PairSampler.balanced(IMAGES, 60, 60, 2));

    private static void rendersAt600x400(XYChart chart) {
        BufferedImage img = BitmapEncoder.getBufferedImage(chart);
        assertEquals(Charts.WIDTH, img.getWidth());
        assertEquals(Charts.HEIGHT, img.getHeight());
    }

    @Test
    void lossCurvesFromArraysAndFromAHistoryTable() {
        XYChart c = Charts.lossCurves(new double[] {1.0, 0.7, 0.5}, new double[] {1.1, 0.8, Double.NaN});
        assertEquals(2, c.getSeriesMap().size());
        assertEquals(2, c.getSeriesMap().get("validation").getXData().length, "NaN point dropped");
        rendersAt600x400(c);

        Table history = Table.create("Training",
                IntColumn.create("iteration", 100, 200, 300, 400),
                DoubleColumn.create("train_loss", 0.9, 0.6, 0.5, 0.4),
                DoubleColumn.create("val_loss", Double.NaN, 0.7, Double.NaN, 0.55));
        XYChart h = Charts.lossCurves(history);
        assertEquals("iteration", h.getXAxisTitle());
        assertEquals(List.of("train_loss", "val_loss"), List.copyOf(h.getSeriesMap().keySet()));
        assertEquals(2, h.getSeriesMap().get("val_loss").getXData().length);
        rendersAt600x400(h);
    }

    @Test
    void histogramRocErrorRatesAndScatterRender() {
        XYChart hist = Charts.distanceHistogram(SCORED, Verification.bestThreshold(SCORED).threshold(), 20);
        assertEquals(3, hist.getSeriesMap().size());
        rendersAt600x400(hist);
        rendersAt600x400(Charts.distanceHistogram(SCORED));

        XYChart roc = Charts.roc(Verification.roc(SCORED));
        assertTrue(roc.getTitle().contains("AUC"), roc.getTitle());
        assertTrue(roc.getSeriesMap().keySet().stream().anyMatch(k -> k.startsWith("model (AUC = ")));
        assertTrue(roc.getSeriesMap().containsKey("chance (AUC = 0.5)"));
        rendersAt600x400(roc);

        rendersAt600x400(Charts.errorRates(Verification.errorRates(SCORED, 50), Verification.equalErrorRate(SCORED)));
        XYChart scatter = Charts.embeddingScatter(Embeddings.pca(Embeddings.pixels(IMAGES), 2), IMAGES.labels(), IMAGES.classNames());
        assertEquals(6, scatter.getSeriesMap().size());
        rendersAt600x400(scatter);
    }

    @Test
    void accuracyVsNHasModelBaselineAndChance() {
        int[] ns = {2, 4, 6};
        List<NWayResult> nn = NWayEvaluator.accuracyVsN(IMAGES, ns, 10, 1, false, Baselines.pixelL2());
        List<NWayResult> rnd = NWayEvaluator.accuracyVsN(IMAGES, ns, 10, 1, false, Baselines.random(1));
        XYChart c = Charts.accuracyVsN(rnd, nn);
        assertEquals(3, c.getSeriesMap().size());
        assertArrayEquals(new double[] {0.5, 0.25, 1.0 / 6}, c.getSeriesMap().get("random (1/N)").getYData(), 1e-12);
        rendersAt600x400(c);
        rendersAt600x400(Charts.accuracyVsN(Map.of("only", nn)));
    }

    @Test
    void badInputIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Charts.lossCurves(Table.create("empty")));
        assertThrows(IllegalArgumentException.class,
                () -> Charts.embeddingScatter(Embeddings.pixels(IMAGES), new int[] {1}, IMAGES.classNames()));
    }
}
