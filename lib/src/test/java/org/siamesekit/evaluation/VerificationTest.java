package org.siamesekit.evaluation;

import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class VerificationTest {
    /** genuine scores first, then impostor scores. */
    private static ScoredPairs scored(double[] genuine, double[] impostor) {
        double[] s = new double[genuine.length + impostor.length];
        boolean[] g = new boolean[s.length];
        for (int i = 0; i < genuine.length; i++) { s[i] = genuine[i]; g[i] = true; }
        for (int i = 0; i < impostor.length; i++) s[genuine.length + i] = impostor[i];
        return new ScoredPairs(s, g);
    }

    @Test
    void aucOfPerfectInvertedAndTiedScores() {
        assertEquals(1.0, Verification.auc(scored(new double[] {0.1, 0.2}, new double[] {0.7, 0.9})), 1e-12);
        assertEquals(0.0, Verification.auc(scored(new double[] {0.7, 0.9}, new double[] {0.1, 0.2})), 1e-12);
        assertEquals(0.5, Verification.auc(scored(new double[] {0.5, 0.5, 0.5}, new double[] {0.5, 0.5})), 1e-12);
        // one tie out of four comparisons: genuine {0.1, 0.5} vs impostor {0.5, 0.9}: 1 + 1 + 0.5 + 1 = 3.5 of 4
        assertEquals(0.875, Verification.auc(scored(new double[] {0.1, 0.5}, new double[] {0.5, 0.9})), 1e-12);
    }

    @Test
    void aucEqualsTheMannWhitneyProbability() {
        Random r = new Random(1);
        double[] g = new double[40], im = new double[30];
        for (int i = 0; i < g.length; i++) g[i] = Math.round(r.nextGaussian() * 4) / 4.0; // coarse: many ties
        for (int i = 0; i < im.length; i++) im[i] = Math.round((r.nextGaussian() + 1) * 4) / 4.0;
        double wins = 0;
        for (double a : g) for (double b : im) wins += a < b ? 1 : a == b ? 0.5 : 0;
        assertEquals(wins / (g.length * im.length), Verification.auc(scored(g, im)), 1e-12);
    }

    @Test
    void rocRunsFromOriginToOne() {
        RocCurve roc = Verification.roc(scored(new double[] {0.1, 0.3}, new double[] {0.2, 0.4}));
        assertArrayEquals(new double[] {0, 0, 0.5, 0.5, 1}, roc.falsePositiveRates(), 1e-12);
        assertArrayEquals(new double[] {0, 0.5, 0.5, 1, 1}, roc.truePositiveRates(), 1e-12);
        assertEquals(Double.NEGATIVE_INFINITY, roc.thresholds()[0]);
        assertEquals(0.75, roc.auc(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> Verification.roc(scored(new double[] {0.1}, new double[0])));
    }

    @Test
    void equalErrorRateExactAndInterpolated() {
        // at threshold 0.4: FAR 1/4 (0.4 accepted), FRR 1/4 (0.6 rejected)
        EqualErrorRate exact = Verification.equalErrorRate(scored(new double[] {0.1, 0.2, 0.3, 0.6}, new double[] {0.4, 0.7, 0.8, 0.9}));
        assertEquals(0.25, exact.rate(), 1e-12);
        assertEquals(0.4, exact.threshold(), 1e-12);
        // between t=0.2 (FAR 0, FRR 1/3) and t=0.25 (FAR 1/2, FRR 1/3): crossing at 2/3 of the way
        EqualErrorRate mid = Verification.equalErrorRate(scored(new double[] {0.1, 0.2, 0.3}, new double[] {0.25, 0.8}));
        assertEquals(1.0 / 3, mid.rate(), 1e-12);
        assertEquals(0.2 + 2.0 / 3 * 0.05, mid.threshold(), 1e-12);
        // perfect separation: EER 0
        assertEquals(0.0, Verification.equalErrorRate(scored(new double[] {0.1, 0.2}, new double[] {0.7, 0.9})).rate(), 1e-12);
    }

    @Test
    void bestThresholdIsTheMidpointOfTheBestRange() {
        ThresholdChoice clean = Verification.bestThreshold(scored(new double[] {0.1, 0.2, 0.3}, new double[] {0.5, 0.6}));
        assertEquals(0.4, clean.threshold(), 1e-12);
        assertEquals(1.0, clean.accuracy(), 1e-12);
        // two separate best ranges [0.1, 0.3) and [0.4, 0.6): the lower one
        ThresholdChoice twoRanges = Verification.bestThreshold(scored(new double[] {0.1, 0.4}, new double[] {0.3, 0.6}));
        assertEquals(0.2, twoRanges.threshold(), 1e-12);
        assertEquals(0.75, twoRanges.accuracy(), 1e-12);
        // a genuine and an impostor tied at 0.5: accepting it trades one error for another, so [0.1, 0.9) is one range
        ThresholdChoice tied = Verification.bestThreshold(scored(new double[] {0.1, 0.5}, new double[] {0.5, 0.9}));
        assertEquals(0.5, tied.threshold(), 1e-12);
        assertEquals(0.75, tied.accuracy(), 1e-12);
        // all impostors: best to accept nothing, threshold just below the lowest score
        ThresholdChoice none = Verification.bestThreshold(scored(new double[0], new double[] {0.2, 0.4}));
        assertTrue(none.threshold() < 0.2);
        assertEquals(1.0, none.accuracy());
        assertEquals(1.0, Verification.accuracyAt(scored(new double[0], new double[] {0.2, 0.4}), none.threshold()));
    }

    @Test
    void confusionCountsAndTheirNames() {
        ScoredPairs s = scored(new double[] {0.1, 0.2, 0.6}, new double[] {0.3, 0.7, 0.8, 0.9});
        Confusion c = Verification.at(s, 0.5);
        assertEquals(new Confusion(0.5, 2, 1, 3, 1), c);
        assertEquals(5.0 / 7, c.accuracy(), 1e-12);
        assertEquals(2.0 / 3, c.precisionOfSame(), 1e-12);
        assertEquals(2.0 / 3, c.recallOfSame(), 1e-12);
        assertEquals(0.25, c.falseAcceptRate(), 1e-12);
        assertEquals(1.0 / 3, c.falseRejectRate(), 1e-12);
        assertEquals(2.0 / 3, Verification.precisionOfSameAt(s, 0.5), 1e-12);
        // score equal to the threshold is accepted
        assertEquals(3, Verification.at(s, 0.6).truePositives());
        assertTrue(Double.isNaN(Verification.at(s, 0.0).precisionOfSame()));
    }

    @Test
    void errorRatesAcrossThresholds() {
        ScoredPairs s = scored(new double[] {0.1, 0.2, 0.3, 0.6}, new double[] {0.4, 0.7, 0.8, 0.9});
        ErrorRateCurve e = Verification.errorRates(s, new double[] {0.0, 0.4, 1.0});
        assertArrayEquals(new double[] {0, 0.25, 1}, e.falseAcceptRates(), 1e-12);
        assertArrayEquals(new double[] {1, 0.25, 0}, e.falseRejectRates(), 1e-12);
        ErrorRateCurve grid = Verification.errorRates(s, 9);
        assertEquals(0.1, grid.thresholds()[0], 1e-12);
        assertEquals(0.9, grid.thresholds()[8], 1e-12);
    }

    @Test
    void wilsonIntervals() {
        ConfidenceInterval ci = ConfidenceInterval.wilson95(8, 10);
        assertEquals(0.4902, ci.low(), 1e-4);
        assertEquals(0.9433, ci.high(), 1e-4);
        ConfidenceInterval zero = ConfidenceInterval.wilson95(0, 10);
        assertEquals(0.0, zero.low(), 1e-12);
        assertEquals(0.2775, zero.high(), 1e-4);
        ConfidenceInterval all = ConfidenceInterval.wilson95(10, 10);
        assertEquals(0.7225, all.low(), 1e-4);
        assertEquals(1.0, all.high(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> ConfidenceInterval.wilson95(3, 2));
    }

    @Test
    void scoredPairsRejectsNaN() {
        assertThrows(IllegalArgumentException.class, () -> new ScoredPairs(new double[] {Double.NaN}, new boolean[] {true}));
        assertThrows(IllegalArgumentException.class, () -> new ScoredPairs(new double[] {1}, new boolean[0]));
    }

    @Test
    void summaryChoosesTheThresholdOnValidationAndMeasuresOnTest() {
        ScoredPairs validation = scored(new double[] {0.1, 0.2}, new double[] {0.5, 0.6});
        // on test the validation threshold (0.35) misplaces genuine 0.4: accuracy 3/4, recall 1/2
        ScoredPairs test = scored(new double[] {0.1, 0.4}, new double[] {0.5, 0.6});
        var m = Verification.summary(validation, test);
        assertEquals(0.35, m.get("threshold (validation)"), 1e-12);
        assertEquals(1.0, m.get("validation accuracy"), 1e-12);
        assertEquals(0.75, m.get("test accuracy"), 1e-12);
        assertEquals(1.0, m.get("test precision of same"), 1e-12);
        assertEquals(0.5, m.get("test recall of same"), 1e-12);
        assertEquals(1.0, m.get("test AUC"), 1e-12);
        assertEquals(List.of("threshold (validation)", "validation accuracy", "test accuracy", "test precision of same",
                "test recall of same", "test AUC", "test EER"), List.copyOf(m.keySet()));
    }

    @Test
    void summaryWithAOneShotResultAddsItsAccuracyUnderItsWayCount() {
        ScoredPairs validation = scored(new double[] {0.1, 0.2}, new double[] {0.5, 0.6});
        // three classes, four queries, three right
        Classification shot = new Classification(new int[] {0, 1, 2}, List.of("a", "b", "c"), new int[] {0, 1, 2, 2}, new int[] {0, 1, 2, 0});
        var m = Verification.summary(validation, validation, shot);
        assertEquals(0.75, m.get("one-shot accuracy (3-way)"), 1e-12);
        assertEquals(8, m.size());
    }
}
