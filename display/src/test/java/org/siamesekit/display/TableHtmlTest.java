package org.siamesekit.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.numbers.NumberColumnFormatter;

class TableHtmlTest {
    @Test
    void rendersCaptionHeaderAlignmentRoundingAndEscapes() {
        DoubleColumn score = DoubleColumn.create("score", 0.5, 0.9444444444444444);
        score.appendMissing();
        Table t = Table.create("pairs <test>", StringColumn.create("name", "a&b", "<script>", "x"), score,
                IntColumn.create("n", 1, 2, 3));
        assertEquals("<table class=\"siamese-kit-table\">\n"
                + "<caption>pairs &lt;test&gt;</caption>\n"
                + "<thead><tr><th>name</th><th>score</th><th>n</th></tr></thead>\n<tbody>\n"
                + "<tr><td>a&amp;b</td><td style=\"text-align:right\">0.5000</td><td style=\"text-align:right\">1</td></tr>\n"
                + "<tr><td>&lt;script&gt;</td><td style=\"text-align:right\">0.9444</td><td style=\"text-align:right\">2</td></tr>\n"
                + "<tr><td>x</td><td style=\"text-align:right\"></td><td style=\"text-align:right\">3</td></tr>\n"
                + "</tbody>\n</table>", TableHtml.of(t));
    }

    @Test
    void keepsAColumnsOwnPrintFormat() {
        DoubleColumn seconds = DoubleColumn.create("seconds", 1.615923904, 12.04);
        seconds.setPrintFormatter(new NumberColumnFormatter(new DecimalFormat("0.0",
                DecimalFormatSymbols.getInstance(Locale.ROOT))));
        DoubleColumn loss = DoubleColumn.create("loss", 0.6908358067274094, 2.0);
        FloatColumn e0 = FloatColumn.create("e0", 0.123456f, -1f);
        String html = TableHtml.of(Table.create("history", seconds, loss, e0));
        String right = "<td style=\"text-align:right\">";
        assertTrue(html.contains(right + "1.6</td>" + right + "0.6908</td>" + right + "0.1235</td>"), html);
        assertTrue(html.contains(right + "12.0</td>" + right + "2</td>" + right + "-1</td>"), html);
    }

    @Test
    void showsAPageOfRowsAndSaysHowManyWereLeftOut() {
        Table t = Table.create("", IntColumn.create("i", IntStream.range(0, TableHtml.MAX_ROWS + 7).toArray()));
        String html = TableHtml.of(t);
        assertEquals(TableHtml.MAX_ROWS, html.split("<tr>", -1).length - 2, "rows plus the header row");
        assertFalse(html.contains("<caption>"));
        assertTrue(html.endsWith("<p>\u2026 7 more rows</p>"), html);
        assertTrue(TableHtml.of(t, TableHtml.MAX_ROWS + 6).endsWith("<p>\u2026 1 more row</p>"));
    }

    @Test
    void recognisesTablesAndRefusesOtherObjects() {
        assertTrue(TableHtml.isTable(Table.create("t")));
        assertFalse(TableHtml.isTable("a string"));
        assertThrows(IllegalArgumentException.class, () -> TableHtml.of("a string"));
    }
}
