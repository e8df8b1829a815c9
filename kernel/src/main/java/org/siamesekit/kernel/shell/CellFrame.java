package org.siamesekit.kernel.shell;

/**
 * A stack frame in cell code, located in the cell the user sees.
 *
 * @param owner  the declaring type for code inside a class declared in a cell, else null
 * @param method the method, or null for the cell's top-level code
 * @param cell   the cell, e.g. "In[3]"
 * @param line   the 1-based line in that cell, or -1 when unknown
 */
record CellFrame(String owner, String method, String cell, int line) {
    /** For the notebook: "boom (In[2] line 4)", "In[3] line 2". */
    String text() {
        String where = line > 0 ? cell + " line " + line : cell;
        if (method == null) return where;
        return (owner != null ? owner + "." : "") + method + " (" + where + ")";
    }

    /** As a Java frame, for reports that print frames themselves: "REPL.boom(In[2]:4)". */
    StackTraceElement element() {
        return new StackTraceElement(owner != null ? "REPL." + owner : "REPL",
                method != null ? method : "cell", cell, line);
    }
}
