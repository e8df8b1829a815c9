package org.siamesekit.tables;

import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.factory.Nd4j;
import org.siamesekit.data.LabelledImages;
import org.siamesekit.evaluation.Baselines;
import org.siamesekit.evaluation.Classification;
import org.siamesekit.evaluation.Confusion;
import org.siamesekit.evaluation.NWayEvaluator;
import org.siamesekit.evaluation.NWayResult;
import org.siamesekit.pairs.SyntheticImages;

import tech.tablesaw.api.Table;

import static org.junit.jupiter.api.Assertions.*;

class TablesTest {
    @Test
    void confusionTables() {
        Classification c = new Classification(new int[] {0, 1}, List.of("cat", "dog"), new int[] {0, 0, 1, 1, 1}, new int[] {0, 1, 1, 1, 0});
        Table t = Tables.confusion(c);
        assertEquals(List.of("true \\ predicted", "cat", "dog"), t.columnNames());
        assertEquals(1, t.intColumn("cat").get(0));
        assertEquals(1, t.intColumn("dog").get(0));
        assertEquals(1, t.intColumn("cat").get(1));
        assertEquals(2, t.intColumn("dog").get(1));

        Table v = Tables.confusion(new Confusion(0.5, 7, 2, 8, 3));
        assertEquals(7, v.intColumn("predicted same").get(0));
        assertEquals(3, v.intColumn("predicted different").get(0));
        assertEquals(8, v.intColumn("predicted different").get(1));
    }

    @Test
    void nWayAndMetricsTables() {
        LabelledImages images = SyntheticImages.noisy(6, 3, 4, 4, 0.02, 1);
        List<NWayResult> model = NWayEvaluator.accuracyVsN(images, new int[] {5, 2}, 10, 3, false, Baselines.pixelL2());
        List<NWayResult> nn = NWayEvaluator.accuracyVsN(images, new int[] {2}, 10, 3, false, Baselines.random(2));
        Table t = Tables.nWayResults(model, nn);
        assertEquals(List.of("N", "trials", "model accuracy", "95% CI low", "95% CI high", "nearest neighbour accuracy", "random (1/N)"),
                t.columnNames());
        assertEquals(2, t.intColumn("N").get(0), "sorted by N");
        assertEquals(0.5, t.doubleColumn("random (1/N)").get(0), 1e-12);
        assertTrue(t.doubleColumn("nearest neighbour accuracy").isMissing(1));
        assertEquals(model.get(1).ci95().low(), t.doubleColumn("95% CI low").get(0), 1e-12);
        assertFalse(Tables.nWayResults(model, null).columnNames().contains("nearest neighbour accuracy"));

        Table m = Tables.metrics("Test").add("accuracy", 0.9).add("AUC", 0.95).table();
        assertEquals(2, m.rowCount());
        assertEquals("AUC", m.stringColumn("metric").get(1));
        assertThrows(IllegalArgumentException.class, () -> Tables.metrics("x").add("a", 1).add("a", 2));
    }

    @Test
    void csvExportRefusesToOverwriteUnlessTold(@TempDir Path dir) throws Exception {
        Table e = Tables.embeddings(Nd4j.createFromArray(new float[][] {{0.5f, 1f}, {2f, 3f}}), new int[] {1, 0}, List.of("a", "b"));
        assertEquals(List.of("label", "class", "e0", "e1"), e.columnNames());
        Path out = dir.resolve("sub/emb.csv");
        Tables.toCsv(e, out);
        List<String> lines = Files.readAllLines(out);
        assertEquals("label,class,e0,e1", lines.get(0));
        assertEquals("1,b,0.5,1.0", lines.get(1));
        Files.writeString(out, "precious");
        UncheckedIOException ex = assertThrows(UncheckedIOException.class, () -> Tables.toCsv(e, out));
        assertInstanceOf(FileAlreadyExistsException.class, ex.getCause());
        assertEquals("precious", Files.readString(out));
        Tables.toCsv(e, out, true);
        assertEquals(3, Files.readAllLines(out).size());
        try (var files = Files.list(out.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }

    @Test
    void htmlEscapesAndElides() {
        Table m = Tables.metrics("<b>", java.util.Map.of("a<b", 0.123456));
        String html = Tables.toHtml(m);
        assertTrue(html.contains("a&lt;b"), html);
        assertTrue(html.contains("0.1235"), html);
        assertTrue(html.contains("<caption>&lt;b&gt;</caption>"), html);
        Table big = Tables.embeddings(Nd4j.zeros(150, 1), new int[150], List.of("x"));
        assertTrue(Tables.toHtml(big).contains("100 more rows"));
    }

    @Test
    void sideBySideAndClassPairTables() {
        var a = new java.util.LinkedHashMap<String, Double>();
        a.put("accuracy", 0.9);
        a.put("AUC", 0.95);
        var b = new java.util.LinkedHashMap<String, Double>();
        b.put("accuracy", 0.8);
        b.put("epochs", 3.0);
        var runs = new java.util.LinkedHashMap<String, java.util.Map<String, Double>>();
        runs.put("one", a);
        runs.put("two", b);
        Table t = Tables.sideBySide("cmp", runs);
        assertEquals(List.of("metric", "one", "two"), t.columnNames());
        assertEquals(List.of("accuracy", "AUC", "epochs"), t.stringColumn("metric").asList());
        assertEquals(0.8, t.doubleColumn("two").get(0), 1e-12);
        assertTrue(t.doubleColumn("two").isMissing(1));
        assertTrue(t.doubleColumn("one").isMissing(2));

        var rows = List.of(new org.siamesekit.evaluation.ClassPairErrors.Row("Shirt", "T-shirt/top", 5, 20),
                new org.siamesekit.evaluation.ClassPairErrors.Row("Coat", "Pullover", 2, 10));
        Table e = Tables.classPairErrors("errors", rows, 1);
        assertEquals(1, e.rowCount());
        assertEquals("Shirt", e.stringColumn("class A").get(0));
        assertEquals(0.25, e.doubleColumn("share called same").get(0), 1e-12);
    }
}
