package org.siamesekit.display;

import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Set;

/**
 * A Tablesaw table as an HTML table for notebook output: its name as caption,
 * numbers right-aligned and floating-point values to 4 decimals (or as the
 * column's own print formatter says, where one was set with
 * {@code setPrintFormatter}), at most {@value #MAX_ROWS} rows and a last line
 * saying how many were left out. The table is read by reflection, so callers
 * need not link Tablesaw.
 */
public final class TableHtml {
    /** Rows shown before the rest is left out. */
    public static final int MAX_ROWS = 50;
    static final String TABLE = "tech.tablesaw.api.Table";
    static final String NUMERIC = "tech.tablesaw.api.NumericColumn";
    static final String COLUMN_TYPE = "tech.tablesaw.api.ColumnType";
    static final String NUMBER_FORMATTER = "tech.tablesaw.columns.numbers.NumberColumnFormatter";
    private static final Set<String> FLOATING = Set.of("tech.tablesaw.api.DoubleColumn", "tech.tablesaw.api.FloatColumn");

    private TableHtml() {}

    /** Whether {@code o} is a Tablesaw table. */
    public static boolean isTable(Object o) { return ClassNames.isA(o, TABLE); }

    /** The table as HTML, at most {@value #MAX_ROWS} rows. */
    public static String of(Object table) { return of(table, MAX_ROWS); }

    /** The table as HTML, at most {@code maxRows} rows. */
    public static String of(Object table, int maxRows) {
        if (!isTable(table)) throw new IllegalArgumentException("not a Tablesaw table: " + (table == null ? "null" : table.getClass().getName()));
        try {
            Class<?> c = table.getClass();
            String name = (String) c.getMethod("name").invoke(table);
            int columns = (Integer) c.getMethod("columnCount").invoke(table);
            int rows = (Integer) c.getMethod("rowCount").invoke(table);
            Method column = c.getMethod("column", int.class);
            Object[] cols = new Object[columns];
            for (int j = 0; j < columns; j++) cols[j] = column.invoke(table, j);
            StringBuilder sb = new StringBuilder("<table class=\"siamese-kit-table\">\n");
            if (name != null && !name.isBlank()) sb.append("<caption>").append(escape(name)).append("</caption>\n");
            sb.append("<thead><tr>");
            for (Object col : cols) sb.append("<th>").append(escape(call(col, "name"))).append("</th>");
            sb.append("</tr></thead>\n<tbody>\n");
            int shown = Math.min(rows, Math.max(0, maxRows));
            for (int r = 0; r < shown; r++) {
                sb.append("<tr>");
                for (Object col : cols) {
                    sb.append(ClassNames.isA(col, NUMERIC) ? "<td style=\"text-align:right\">" : "<td>")
                            .append(escape(cell(col, r))).append("</td>");
                }
                sb.append("</tr>\n");
            }
            sb.append("</tbody>\n</table>");
            int more = rows - shown;
            if (more > 0) sb.append("\n<p>\u2026 ").append(more).append(more == 1 ? " more row" : " more rows").append("</p>");
            return sb.toString();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("cannot read the Tablesaw table " + table.getClass().getName() + " for display: " + e, e);
        }
    }

    private static String cell(Object column, int row) throws ReflectiveOperationException {
        Class<?> c = column.getClass();
        if ((Boolean) c.getMethod("isMissing", int.class).invoke(column, row)) return "";
        if (FLOATING.contains(c.getName())) {
            Number value = (Number) c.getMethod("get", int.class).invoke(column, row);
            String own = (String) c.getMethod("getString", int.class).invoke(column, row);
            if (!own.equals(defaultText(column, value))) return own;
            double v = value.doubleValue();
            // whole numbers (counts in a column of metrics) without decimals, others to 4
            return v == Math.rint(v) && Math.abs(v) < 1e15
                    ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.4f", v);
        }
        return (String) c.getMethod("getString", int.class).invoke(column, row);
    }

    /** value as Tablesaw's default formatter prints it: all digits, which the 4 decimals replace. */
    private static String defaultText(Object column, Number value) throws ReflectiveOperationException {
        ClassLoader loader = column.getClass().getClassLoader();
        Class<?> f = Class.forName(NUMBER_FORMATTER, false, loader);
        Object formatter = f.getMethod("floatingPointDefault").invoke(null);
        // The formatter needs the column type to recognise missing values.
        f.getMethod("setColumnType", Class.forName(COLUMN_TYPE, false, loader))
                .invoke(formatter, column.getClass().getMethod("type").invoke(column));
        // A float column's formatter takes floats only, a double column's doubles only.
        Class<?> type = value instanceof Float ? float.class : double.class;
        return (String) f.getMethod("format", type).invoke(formatter, value);
    }

    private static String call(Object o, String method) throws ReflectiveOperationException {
        return String.valueOf(o.getClass().getMethod(method).invoke(o));
    }

    static String escape(String s) {
        if (s == null) return "";
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(ch);
            }
        }
        return sb.toString();
    }
}
