package org.siamesekit.kernel.shell;

import java.util.List;

/** The cell ends in the middle of a statement (an unclosed bracket, a missing body). */
public final class IncompleteSourceException extends CellException {
    public IncompleteSourceException(int line, String source) {
        super("line " + line + ": incomplete input: " + firstLine(source),
                List.of("Incomplete input starting at line " + line + ":", source));
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl) + " ...";
    }
}
