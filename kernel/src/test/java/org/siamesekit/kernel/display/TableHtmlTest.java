package org.siamesekit.kernel.display;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class TableHtmlTest {
    @Test
    void rendersHeaderRowsAlignmentAndEscapes() {
        String html = TableHtml.render("pairs <test>", List.of("name", "score"), List.of(false, true),
                List.of(List.of("a&b", "0.5"), List.of("<script>", "1.0")), 2);
        assertEquals("<table class=\"siamese-kit-table\">\n"
                + "<caption>pairs &lt;test&gt;</caption>\n"
                + "<thead><tr><th>name</th><th>score</th></tr></thead>\n<tbody>\n"
                + "<tr><td>a&amp;b</td><td style=\"text-align:right\">0.5</td></tr>\n"
                + "<tr><td>&lt;script&gt;</td><td style=\"text-align:right\">1.0</td></tr>\n"
                + "</tbody>\n</table>", html);
    }

    @Test
    void notesRowsLeftOut() {
        assertTrue(TableHtml.render(null, List.of("x"), List.of(false), List.of(List.of("1")), 2).endsWith("<p>\u2026 1 more row</p>"));
        assertTrue(TableHtml.render("", List.of("x"), List.of(false), List.of(), 7).endsWith("<p>\u2026 7 more rows</p>"));
    }
}
