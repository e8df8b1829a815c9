package org.siamesekit.optim;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

/**
 * What happened during training, one row per validation point (each epoch, or
 * every k iterations): the mean training loss since the previous row, the
 * validation loss and metric (NaN when not measured) and the training seconds.
 * Rows accumulate across {@code Trainer.fit} calls on the same model, so a
 * resumed run continues the same history.
 */
public final class TrainingHistory {
    /**
     * @param epoch      epochs completed when the row was written (0 in iteration mode)
     * @param iteration  optimizer steps completed
     * @param trainLoss  mean training loss (dropout on) over the steps since the previous row
     * @param validationLoss loss on the validation pairs, dropout off; NaN without validation
     * @param metric     the user metric (e.g. 20-way accuracy); NaN without one
     * @param seconds    wall-clock seconds of training since the previous row (validation not included)
     */
    public record Row(int epoch, long iteration, double trainLoss, double validationLoss, double metric, double seconds) {}

    private final List<Row> rows = new ArrayList<>();
    private String metricName;

    public TrainingHistory() { this(null); }

    public TrainingHistory(String metricName) { this.metricName = metricName; }

    public void add(Row row) { rows.add(row); }

    public List<Row> rows() { return Collections.unmodifiableList(rows); }

    public int size() { return rows.size(); }

    public boolean isEmpty() { return rows.isEmpty(); }

    public Row last() {
        if (rows.isEmpty()) throw new IllegalStateException("the history is empty: nothing was trained yet");
        return rows.get(rows.size() - 1);
    }

    /** The name of the metric column (e.g. "20-way accuracy"), or null. */
    public String metricName() { return metricName; }

    /** Names the metric column (ignored when null). */
    public void metricName(String name) { if (name != null) this.metricName = name; }

    public double[] trainLosses() { return rows.stream().mapToDouble(Row::trainLoss).toArray(); }

    public double[] validationLosses() { return rows.stream().mapToDouble(Row::validationLoss).toArray(); }

    public double[] metrics() { return rows.stream().mapToDouble(Row::metric).toArray(); }

    /** True when every row is an epoch (epoch training); false for iteration training or a mix of both. */
    public boolean byEpoch() { return !rows.isEmpty() && rows.stream().allMatch(r -> r.epoch() > 0); }

    /**
     * The history as a table: epoch, iteration, train loss, val loss, the metric,
     * seconds. The seconds keep every digit but print to a tenth: run-to-run noise
     * is larger than that.
     */
    public Table table() {
        IntColumn epoch = IntColumn.create("epoch");
        LongColumn iteration = LongColumn.create("iteration");
        DoubleColumn train = DoubleColumn.create("train loss");
        DoubleColumn val = DoubleColumn.create("val loss");
        DoubleColumn metric = DoubleColumn.create(metricName == null ? "metric" : metricName);
        DoubleColumn seconds = DoubleColumn.create("seconds");
        for (Row r : rows) {
            epoch.append(r.epoch());
            iteration.append(r.iteration());
            train.append(r.trainLoss());
            if (Double.isNaN(r.validationLoss())) val.appendMissing(); else val.append(r.validationLoss());
            if (Double.isNaN(r.metric())) metric.appendMissing(); else metric.append(r.metric());
            seconds.append(r.seconds());
        }
        Table t = Table.create("training history", epoch, iteration, train, val);
        if (metricName != null) t.addColumns(metric);
        seconds.setPrintFormatter(new NumberColumnFormatter(
                new DecimalFormat("0.0", DecimalFormatSymbols.getInstance(Locale.ROOT))));
        t.addColumns(seconds);
        return t;
    }

    /** CSV form (used inside saved models); NaN stays NaN. */
    public String toCsv() {
        StringBuilder sb = new StringBuilder("epoch,iteration,train_loss,val_loss,metric,seconds\n");
        if (metricName != null) sb.insert(0, "# metric=" + metricName.replace('\n', ' ') + "\n");
        for (Row r : rows) {
            sb.append(String.format(Locale.ROOT, "%d,%d,%s,%s,%s,%s%n", r.epoch(), r.iteration(), r.trainLoss(), r.validationLoss(), r.metric(), r.seconds()));
        }
        return sb.toString();
    }

    /** Reads {@link #toCsv()}; source names the file in error messages. */
    public static TrainingHistory fromCsv(String csv, String source) {
        TrainingHistory h = new TrainingHistory();
        String[] lines = csv.split("\\R");
        int lineNo = 0;
        for (String line : lines) {
            lineNo++;
            if (line.isBlank()) continue;
            if (line.startsWith("# metric=")) { h.metricName = line.substring(9); continue; }
            if (line.startsWith("epoch,")) continue;
            String[] f = line.split(",");
            if (f.length != 6) throw new IllegalArgumentException(source + " line " + lineNo + ": expected 6 fields, found " + f.length);
            try {
                h.add(new Row(Integer.parseInt(f[0]), Long.parseLong(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]),
                        Double.parseDouble(f[4]), Double.parseDouble(f[5])));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(source + " line " + lineNo + ": " + e.getMessage(), e);
            }
        }
        return h;
    }

    @Override
    public String toString() { return table().printAll(); }
}
