package org.siamesekit.charts;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import org.siamesekit.optim.TrainingHistory;

/** The training curve: train and validation loss against epoch (or iteration). Redrawn by the trainer as it goes. */
public final class LossChart {
    private LossChart() {}

    public static XYChart of(TrainingHistory history) {
        if (history.isEmpty()) throw new IllegalStateException("the history is empty: nothing to plot before training");
        boolean byEpoch = history.byEpoch();
        XYChart chart = new XYChartBuilder().width(640).height(360).title("Loss")
                .xAxisTitle(byEpoch ? "epoch" : "iteration").yAxisTitle("loss").build();
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        List<Double> x = new ArrayList<>(), train = new ArrayList<>(), vx = new ArrayList<>(), val = new ArrayList<>();
        for (TrainingHistory.Row r : history.rows()) {
            double xv = byEpoch ? r.epoch() : r.iteration();
            if (!Double.isNaN(r.trainLoss())) { x.add(xv); train.add(r.trainLoss()); }
            if (!Double.isNaN(r.validationLoss())) { vx.add(xv); val.add(r.validationLoss()); }
        }
        XYSeries s = chart.addSeries("train", x, train);
        s.setMarker(SeriesMarkers.CIRCLE);
        if (!val.isEmpty()) chart.addSeries("validation", vx, val).setMarker(SeriesMarkers.DIAMOND);
        return chart;
    }

    /** The chart as an image (what the trainer shows and replaces in a notebook). */
    public static BufferedImage image(TrainingHistory history) {
        return BitmapEncoder.getBufferedImage(of(history));
    }
}
