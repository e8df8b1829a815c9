package org.siamesekit.charts;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries.XYSeriesRenderStyle;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.siamesekit.evaluation.Baselines;
import org.siamesekit.evaluation.EqualErrorRate;
import org.siamesekit.evaluation.ErrorRateCurve;
import org.siamesekit.evaluation.NWayResult;
import org.siamesekit.evaluation.RocCurve;
import org.siamesekit.evaluation.ScoredPairs;

import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The kit's standard plots as XChart charts (600 x 400 unless sized), which a
 * notebook shows by returning or displaying them; {@code
 * BitmapEncoder.getBufferedImage(chart)} turns one into an image.
 */
public final class Charts {
    public static final int WIDTH = 600;
    public static final int HEIGHT = 400;

    private static final Color GENUINE = new Color(0x1f77b4);
    private static final Color IMPOSTOR = new Color(0xd62728);
    private static final Color GREY = new Color(0x7f7f7f);

    private Charts() {}

    /** An empty line chart with the kit's look. */
    public static XYChart xy(String title, String xLabel, String yLabel) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        c.getStyler().setLegendPosition(LegendPosition.InsideNE);
        c.getStyler().setMarkerSize(5);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotGridLinesColor(new Color(0xe0e0e0));
        return c;
    }

    // ---- loss curves -------------------------------------------------------

    /** Training and validation loss per epoch (1, 2, ...); {@code validation} may be null. */
    public static XYChart lossCurves(double[] train, double[] validation) {
        double[] x = new double[train.length];
        for (int i = 0; i < x.length; i++) x[i] = i + 1;
        return lossCurves(x, "epoch", train, validation);
    }

    /** Training and validation loss against x (epochs or iterations); {@code validation} may be null or hold NaN where not measured. */
    public static XYChart lossCurves(double[] x, String xLabel, double[] train, double[] validation) {
        XYChart c = xy("Loss", xLabel, "loss");
        addLine(c, "train", x, train);
        if (validation != null) addLine(c, "validation", x, validation);
        return c;
    }

    /**
     * Loss curves from a training history table: x is the column named
     * "epoch" or "iteration" (else the first column), and every other numeric
     * column (e.g. "train_loss", "val_loss", "val_accuracy") becomes a line
     * named after it; missing cells are skipped, so a validation loss measured
     * every k iterations still draws.
     */
    public static XYChart lossCurves(Table history) {
        if (history.columnCount() < 2 || history.rowCount() == 0) {
            throw new IllegalArgumentException("a history table needs an x column, at least one value column and a row; got "
                    + history.shape());
        }
        Column<?> xCol = history.columnNames().contains("epoch") ? history.column("epoch")
                : history.columnNames().contains("iteration") ? history.column("iteration") : history.column(0);
        if (!(xCol instanceof NumericColumn<?> xs)) {
            throw new IllegalArgumentException("history column '" + xCol.name() + "' is not numeric");
        }
        XYChart c = xy(history.name() == null || history.name().isBlank() ? "Loss" : history.name(), xCol.name(), "value");
        for (Column<?> col : history.columns()) {
            if (col == xCol || !(col instanceof NumericColumn<?> ys)) continue;
            List<Double> x = new ArrayList<>(), y = new ArrayList<>();
            for (int r = 0; r < history.rowCount(); r++) {
                if (ys.isMissing(r) || xs.isMissing(r)) continue;
                double v = ys.getDouble(r);
                if (Double.isNaN(v)) continue;
                x.add(xs.getDouble(r));
                y.add(v);
            }
            if (!x.isEmpty()) addLine(c, col.name(), toArray(x), toArray(y));
        }
        return c;
    }

    // ---- score distributions -----------------------------------------------

    /** Histograms of genuine and impostor scores (40 bins), with no threshold marker. */
    public static XYChart distanceHistogram(ScoredPairs scored) {
        return distanceHistogram(scored, Double.NaN, 40);
    }

    /**
     * Histograms of genuine and impostor scores over shared bins, each as a
     * share of its own kind (so unequal counts compare), with a vertical line at
     * {@code threshold} (NaN for none).
     */
    public static XYChart distanceHistogram(ScoredPairs scored, double threshold, int bins) {
        double[] g = scored.genuineScores(), im = scored.impostorScores();
        double[] all = scored.scores();
        if (all.length == 0) throw new IllegalArgumentException("no scores to plot");
        double lo = Arrays.stream(all).min().getAsDouble(), hi = Arrays.stream(all).max().getAsDouble();
        if (!Double.isNaN(threshold)) {
            lo = Math.min(lo, threshold);
            hi = Math.max(hi, threshold);
        }
        if (hi == lo) { lo -= 0.5; hi += 0.5; }
        XYChart c = xy("Scores of genuine and impostor pairs", "dissimilarity score", "share of pairs");
        double ymax = 0;
        if (g.length > 0) ymax = Math.max(ymax, addHistogram(c, "genuine (" + g.length + ")", g, lo, hi, bins, GENUINE));
        if (im.length > 0) ymax = Math.max(ymax, addHistogram(c, "impostor (" + im.length + ")", im, lo, hi, bins, IMPOSTOR));
        if (!Double.isNaN(threshold)) {
            XYSeries t = c.addSeries(String.format(Locale.ROOT, "threshold %.3f", threshold),
                    new double[] {threshold, threshold}, new double[] {0, ymax * 1.05});
            styleLine(t, Color.BLACK, SeriesLines.DASH_DASH);
        }
        return c;
    }

    private static double addHistogram(XYChart c, String name, double[] v, double lo, double hi, int bins, Color color) {
        if (bins < 1) throw new IllegalArgumentException("bins must be >= 1, got " + bins);
        double[] edges = new double[bins + 1];
        double[] share = new double[bins + 1];
        double width = (hi - lo) / bins;
        for (int i = 0; i <= bins; i++) edges[i] = lo + i * width;
        for (double x : v) share[Math.min(bins - 1, (int) ((x - lo) / width))] += 1.0 / v.length;
        share[bins] = share[bins - 1]; // step style draws each value up to the next edge
        XYSeries s = c.addSeries(name, edges, share);
        s.setXYSeriesRenderStyle(XYSeriesRenderStyle.StepArea);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 90));
        return Arrays.stream(share).max().orElse(0);
    }

    // ---- ROC and error rates -----------------------------------------------

    /** One ROC curve, AUC in the legend, with the chance diagonal. */
    public static XYChart roc(RocCurve roc) {
        return roc(Map.of("model", roc));
    }

    /** Several ROC curves (name to curve), each with its AUC in the legend, and the chance diagonal. */
    public static XYChart roc(Map<String, RocCurve> curves) {
        XYChart c = xy("ROC", "false positive rate (impostors accepted)", "true positive rate (genuine accepted)");
        c.getStyler().setLegendPosition(LegendPosition.InsideSE);
        c.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
        for (Map.Entry<String, RocCurve> e : curves.entrySet()) {
            RocCurve r = e.getValue();
            addLine(c, String.format(Locale.ROOT, "%s (AUC = %.3f)", e.getKey(), r.auc()), r.falsePositiveRates(), r.truePositiveRates());
        }
        styleLine(c.addSeries("chance (AUC = 0.5)", new double[] {0, 1}, new double[] {0, 1}), GREY, SeriesLines.DASH_DASH);
        if (curves.size() == 1) {
            c.setTitle(String.format(Locale.ROOT, "ROC (AUC = %.3f)", curves.values().iterator().next().auc()));
        }
        return c;
    }

    /** False accept and false reject rates against the threshold, the equal error rate marked. */
    public static XYChart errorRates(ErrorRateCurve curve, EqualErrorRate eer) {
        XYChart c = xy("False accept / false reject rates", "threshold (accept when score <= threshold)", "rate");
        c.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        // top centre: FRR starts high on the left and FAR ends high on the right
        c.getStyler().setLegendPosition(LegendPosition.InsideN);
        styleLine(c.addSeries("FAR (impostors accepted)", curve.thresholds(), curve.falseAcceptRates()), IMPOSTOR, SeriesLines.SOLID);
        styleLine(c.addSeries("FRR (genuine rejected)", curve.thresholds(), curve.falseRejectRates()), GENUINE, SeriesLines.SOLID);
        if (eer != null) {
            XYSeries p = c.addSeries(String.format(Locale.ROOT, "EER %.3f at %.3f", eer.rate(), eer.threshold()),
                    new double[] {eer.threshold()}, new double[] {eer.rate()});
            p.setXYSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
            p.setMarker(SeriesMarkers.DIAMOND);
            p.setMarkerColor(Color.BLACK);
        }
        return c;
    }

    // ---- N-way -------------------------------------------------------------

    /** N-way accuracy of a model and the pixel nearest-neighbour baseline (may be null), with chance (1/N). */
    public static XYChart accuracyVsN(List<NWayResult> model, List<NWayResult> nearestNeighbour) {
        Map<String, List<NWayResult>> m = new LinkedHashMap<>();
        m.put("model", model);
        if (nearestNeighbour != null) m.put("nearest neighbour (pixels)", nearestNeighbour);
        return accuracyVsN(m);
    }

    /** N-way accuracy for each named scorer, with chance (1/N) over all the N values seen. */
    public static XYChart accuracyVsN(Map<String, List<NWayResult>> series) {
        XYChart c = xy("N-way one-shot accuracy", "N (candidates per trial)", "accuracy");
        c.getStyler().setYAxisMin(0.0).setYAxisMax(1.0);
        TreeSet<Integer> ns = new TreeSet<>();
        for (Map.Entry<String, List<NWayResult>> e : series.entrySet()) {
            List<NWayResult> rs = e.getValue().stream().sorted(java.util.Comparator.comparingInt(NWayResult::n)).toList();
            double[] x = rs.stream().mapToDouble(NWayResult::n).toArray();
            double[] y = rs.stream().mapToDouble(NWayResult::accuracy).toArray();
            rs.forEach(r -> ns.add(r.n()));
            XYSeries s = c.addSeries(e.getKey(), x, y);
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        if (!ns.isEmpty()) {
            double[] x = ns.stream().mapToDouble(Integer::doubleValue).toArray();
            double[] y = ns.stream().mapToDouble(Baselines::chanceAccuracy).toArray();
            XYSeries s = c.addSeries("random (1/N)", x, y);
            styleLine(s, GREY, SeriesLines.DASH_DASH);
        }
        return c;
    }

    // ---- embeddings --------------------------------------------------------

    /**
     * Points [n, 2] (e.g. {@code Embeddings.pca(e, 2)}) as a scatter plot, one
     * colour per class; the legend is hidden beyond 20 classes.
     */
    public static XYChart embeddingScatter(INDArray points, int[] labels, List<String> classNames) {
        if (points.rank() != 2 || points.size(1) < 2 || points.size(0) != labels.length) {
            throw new IllegalArgumentException("need points [n, 2] and n labels, got shape " + Arrays.toString(points.shape())
                    + " and " + labels.length + " labels");
        }
        double[] xs = points.getColumn(0).toDoubleVector(), ys = points.getColumn(1).toDoubleVector();
        XYChart c = xy("Embeddings (2-D projection)", "component 1", "component 2");
        c.getStyler().setDefaultSeriesRenderStyle(XYSeriesRenderStyle.Scatter);
        c.getStyler().setMarkerSize(4);
        c.getStyler().setLegendPosition(LegendPosition.OutsideE);
        c.getStyler().setPlotContentSize(0.95);
        TreeSet<Integer> classes = new TreeSet<>();
        for (int l : labels) classes.add(l);
        c.getStyler().setLegendVisible(classes.size() <= 20);
        for (int cl : classes) {
            List<Double> x = new ArrayList<>(), y = new ArrayList<>();
            for (int i = 0; i < labels.length; i++) {
                if (labels[i] == cl) { x.add(xs[i]); y.add(ys[i]); }
            }
            XYSeries s = c.addSeries(cl < classNames.size() ? classNames.get(cl) : "class " + cl, toArray(x), toArray(y));
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        return c;
    }

    // ---- helpers -----------------------------------------------------------

    private static void addLine(XYChart c, String name, double[] x, double[] y) {
        if (x.length != y.length) throw new IllegalArgumentException("series '" + name + "' has " + x.length + " x values but " + y.length + " y values");
        // drop unmeasured points (NaN) so a sparse validation curve still joins up
        List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(y[i]) && !Double.isNaN(x[i])) { xs.add(x[i]); ys.add(y[i]); }
        }
        if (xs.isEmpty()) return;
        XYSeries s = c.addSeries(name, toArray(xs), toArray(ys));
        s.setMarker(xs.size() <= 30 ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
    }

    private static void styleLine(XYSeries s, Color color, BasicStroke stroke) {
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(color);
        s.setLineStyle(stroke);
    }

    private static double[] toArray(List<Double> l) {
        return l.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
