package org.siamesekit.tables;

import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.siamesekit.evaluation.Baselines;
import org.siamesekit.evaluation.ClassPairErrors;
import org.siamesekit.evaluation.Classification;
import org.siamesekit.evaluation.Confusion;
import org.siamesekit.evaluation.NWayResult;
import org.siamesekit.display.TableHtml;
import org.siamesekit.files.SafeFiles;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Results as Tablesaw tables, which notebooks show as HTML ({@link #toHtml})
 * and can save as CSV ({@link #toCsv}).
 */
public final class Tables {
    private Tables() {}

    /** A class confusion table: one row per true class, one count column per predicted class. */
    public static Table confusion(Classification c) {
        return confusion(c.confusionMatrix(), c.classLabels());
    }

    /** A confusion table from counts[true][predicted] and the classes' names. */
    public static Table confusion(int[][] counts, List<String> classNames) {
        if (counts.length != classNames.size()) {
            throw new IllegalArgumentException(counts.length + " rows of counts but " + classNames.size() + " class names");
        }
        Table t = Table.create("Confusion (rows: true class, columns: predicted)");
        t.addColumns(StringColumn.create("true \\ predicted", classNames));
        for (int j = 0; j < classNames.size(); j++) {
            int[] col = new int[counts.length];
            for (int i = 0; i < counts.length; i++) {
                if (counts[i].length != classNames.size()) throw new IllegalArgumentException("counts row " + i + " has " + counts[i].length + " columns");
                col[i] = counts[i][j];
            }
            t.addColumns(IntColumn.create(uniqueName(t, classNames.get(j)), col));
        }
        return t;
    }

    /** The 2 x 2 verification table: genuine/impostor rows, predicted same/different columns. */
    public static Table confusion(Confusion c) {
        Table t = Table.create(String.format(Locale.ROOT, "Verification at threshold %.4f", c.threshold()));
        t.addColumns(StringColumn.create("pair", "genuine", "impostor"),
                IntColumn.create("predicted same", c.truePositives(), c.falsePositives()),
                IntColumn.create("predicted different", c.falseNegatives(), c.trueNegatives()));
        return t;
    }

    /**
     * N-way results, one row per N: trials, the model's accuracy with its 95%
     * Wilson interval, the nearest-neighbour baseline's accuracy (omitted when
     * {@code nearestNeighbour} is null; missing for an N it lacks) and chance, 1/N.
     */
    public static Table nWayResults(List<NWayResult> model, List<NWayResult> nearestNeighbour) {
        Map<Integer, NWayResult> nn = new LinkedHashMap<>();
        if (nearestNeighbour != null) nearestNeighbour.forEach(r -> nn.put(r.n(), r));
        List<NWayResult> rows = model.stream().sorted(java.util.Comparator.comparingInt(NWayResult::n)).toList();
        IntColumn n = IntColumn.create("N"), trials = IntColumn.create("trials");
        DoubleColumn acc = DoubleColumn.create("model accuracy"), lo = DoubleColumn.create("95% CI low"),
                hi = DoubleColumn.create("95% CI high"), nnAcc = DoubleColumn.create("nearest neighbour accuracy"),
                chance = DoubleColumn.create("random (1/N)");
        for (NWayResult r : rows) {
            n.append(r.n());
            trials.append(r.trials());
            acc.append(r.accuracy());
            lo.append(r.ci95().low());
            hi.append(r.ci95().high());
            NWayResult b = nn.get(r.n());
            if (b == null) nnAcc.appendMissing(); else nnAcc.append(b.accuracy());
            chance.append(Baselines.chanceAccuracy(r.n()));
        }
        Table t = Table.create("N-way one-shot accuracy", n, trials, acc, lo, hi);
        if (nearestNeighbour != null) t.addColumns(nnAcc);
        t.addColumns(chance);
        return t;
    }

    /**
     * The first {@code top} rows of {@link ClassPairErrors#falseAccepts}: class A,
     * class B, impostor pairs called "same", impostor pairs of that class pair,
     * and the share wrongly called "same".
     */
    public static Table classPairErrors(String title, List<ClassPairErrors.Row> rows, int top) {
        StringColumn a = StringColumn.create("class A"), b = StringColumn.create("class B");
        IntColumn wrong = IntColumn.create("called same"), total = IntColumn.create("impostor pairs");
        DoubleColumn rate = DoubleColumn.create("share called same");
        for (ClassPairErrors.Row r : rows.subList(0, Math.min(top, rows.size()))) {
            a.append(r.classA());
            b.append(r.classB());
            wrong.append(r.wrong());
            total.append(r.total());
            rate.append(r.rate());
        }
        return Table.create(title, a, b, wrong, total, rate);
    }

    /**
     * Metrics of several runs side by side: one row per metric (in first-seen
     * order), one column per run (in the map's order); a metric a run lacks is
     * missing. E.g. {@code sideBySide("Test", Map.of("one conv", m1, "two conv", m2))}
     * with a LinkedHashMap to keep the order.
     */
    public static Table sideBySide(String title, Map<String, ? extends Map<String, ? extends Number>> runs) {
        java.util.LinkedHashSet<String> metricNames = new java.util.LinkedHashSet<>();
        runs.values().forEach(m -> metricNames.addAll(m.keySet()));
        Table t = Table.create(title, StringColumn.create("metric", List.copyOf(metricNames)));
        runs.forEach((run, values) -> {
            DoubleColumn col = DoubleColumn.create(run);
            for (String m : metricNames) {
                Number v = values.get(m);
                if (v == null) col.appendMissing(); else col.append(v.doubleValue());
            }
            t.addColumns(col);
        });
        return t;
    }

    /** A two-column table (metric, value) from named values, in the map's order. */
    public static Table metrics(String title, Map<String, ? extends Number> values) {
        StringColumn names = StringColumn.create("metric");
        DoubleColumn vals = DoubleColumn.create("value");
        values.forEach((k, v) -> {
            names.append(k);
            vals.append(v == null ? Double.NaN : v.doubleValue());
        });
        return Table.create(title, names, vals);
    }

    /** Starts a metrics table: {@code Tables.metrics("Test").add("accuracy", a).add("AUC", auc).table()}. */
    public static MetricsBuilder metrics(String title) {
        return new MetricsBuilder(title);
    }

    /** Collects (metric, value) rows in order. */
    public static final class MetricsBuilder {
        private final String title;
        private final Map<String, Double> values = new LinkedHashMap<>();

        private MetricsBuilder(String title) { this.title = title; }

        public MetricsBuilder add(String metric, double value) {
            if (values.containsKey(metric)) throw new IllegalArgumentException("metric '" + metric + "' added twice");
            values.put(metric, value);
            return this;
        }

        public Table table() { return metrics(title, values); }
    }

    /**
     * Embeddings as a table for export: "label" (int), "class" (name) and one
     * float column per dimension, "e0" .. "e{d-1}".
     */
    public static Table embeddings(INDArray embeddings, int[] labels, List<String> classNames) {
        if (embeddings.rank() != 2 || embeddings.size(0) != labels.length) {
            throw new IllegalArgumentException("need embeddings [n, d] and n labels, got shape "
                    + java.util.Arrays.toString(embeddings.shape()) + " and " + labels.length + " labels");
        }
        Table t = Table.create("embeddings");
        t.addColumns(IntColumn.create("label", labels.clone()));
        StringColumn names = StringColumn.create("class");
        for (int l : labels) names.append(classNames.get(l));
        t.addColumns(names);
        float[][] rows = embeddings.castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT).toFloatMatrix();
        for (int d = 0; d < embeddings.size(1); d++) {
            float[] col = new float[labels.length];
            for (int i = 0; i < col.length; i++) col[i] = rows[i][d];
            t.addColumns(FloatColumn.create("e" + d, col));
        }
        return t;
    }

    /** Writes the table as CSV; refuses to replace an existing file. */
    public static Path toCsv(Table table, Path path) {
        return toCsv(table, path, false);
    }

    /**
     * Writes the table as CSV with {@link SafeFiles}: never half a file under
     * the real name; parent folders are created.
     *
     * @param overwrite replace an existing file; if false an existing file is an error
     * @throws UncheckedIOException wrapping a {@link FileAlreadyExistsException} when the file exists and overwrite is false
     */
    public static Path toCsv(Table table, Path path, boolean overwrite) {
        return SafeFiles.writeText(path, overwrite, "CSV", "pass overwrite=true or choose another name",
                w -> table.write().csv(w));
    }

    /**
     * The table as HTML for notebook display, as the kit's kernel shows it: at
     * most {@link TableHtml#MAX_ROWS} rows, floating-point values to 4 decimals.
     */
    public static String toHtml(Table table) {
        return TableHtml.of(table);
    }

    private static String uniqueName(Table t, String name) {
        String n = name;
        for (int k = 2; t.columnNames().contains(n); k++) n = name + " (" + k + ")";
        return n;
    }
}
