package org.siamesekit.kernel.display;

import java.util.List;

/** An HTML table for notebook output: a header row, at most a page of rows, and a note of what was left out. */
public final class TableHtml {
    private TableHtml() {}

    /**
     * @param name      caption, or null/blank for none
     * @param columns   column headers
     * @param numeric   per column: right-align it
     * @param rows      the rows to show, each with one cell per column
     * @param totalRows the table's full row count (more than rows.size() when capped)
     */
    public static String render(String name, List<String> columns, List<Boolean> numeric,
                                List<List<String>> rows, int totalRows) {
        StringBuilder sb = new StringBuilder("<table class=\"siamese-kit-table\">\n");
        if (name != null && !name.isBlank()) sb.append("<caption>").append(escape(name)).append("</caption>\n");
        sb.append("<thead><tr>");
        for (String c : columns) sb.append("<th>").append(escape(c)).append("</th>");
        sb.append("</tr></thead>\n<tbody>\n");
        for (List<String> row : rows) {
            sb.append("<tr>");
            for (int i = 0; i < row.size(); i++) {
                boolean right = i < numeric.size() && numeric.get(i);
                sb.append(right ? "<td style=\"text-align:right\">" : "<td>").append(escape(row.get(i))).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table>");
        int more = totalRows - rows.size();
        if (more > 0) sb.append("\n<p>\u2026 ").append(more).append(more == 1 ? " more row" : " more rows").append("</p>");
        return sb.toString();
    }

    static String escape(String s) {
        if (s == null) return "";
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
