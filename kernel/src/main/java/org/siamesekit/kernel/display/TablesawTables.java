package org.siamesekit.kernel.display;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a Tablesaw table by reflection (the kernel does not depend on
 * Tablesaw) and renders its first rows as HTML.
 */
final class TablesawTables {
    static final String TABLE_CLASS = "tech.tablesaw.api.Table";
    static final String NUMERIC_COLUMN = "tech.tablesaw.api.NumericColumn";
    static final int MAX_ROWS = 50;

    private TablesawTables() {}

    static boolean isTable(Object o) {
        return Classes.isA(o, TABLE_CLASS);
    }

    static String toHtml(Object table, int maxRows) {
        try {
            Class<?> c = table.getClass();
            String name = (String) c.getMethod("name").invoke(table);
            @SuppressWarnings("unchecked")
            List<String> columns = new ArrayList<>((List<String>) c.getMethod("columnNames").invoke(table));
            int rowCount = (Integer) c.getMethod("rowCount").invoke(table);
            Method column = c.getMethod("column", int.class);
            Method getString = c.getMethod("getString", int.class, int.class);

            List<Boolean> numeric = new ArrayList<>();
            for (int j = 0; j < columns.size(); j++) numeric.add(Classes.isA(column.invoke(table, j), NUMERIC_COLUMN));
            int shown = Math.min(rowCount, maxRows);
            List<List<String>> rows = new ArrayList<>(shown);
            for (int i = 0; i < shown; i++) {
                List<String> row = new ArrayList<>(columns.size());
                for (int j = 0; j < columns.size(); j++) row.add((String) getString.invoke(table, i, j));
                rows.add(row);
            }
            return TableHtml.render(name, columns, numeric, rows, rowCount);
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalStateException("cannot read the Tablesaw table " + table.getClass().getName()
                    + " for display: " + e, e);
        }
    }
}
