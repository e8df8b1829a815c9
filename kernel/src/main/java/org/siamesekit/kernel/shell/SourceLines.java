package org.siamesekit.kernel.shell;

/** Line arithmetic on source text; lines are 1-based, positions 0-based char offsets. */
final class SourceLines {
    private SourceLines() {}

    /** The line holding position pos (a position past the end counts as the last line). */
    static int lineOf(String text, int pos) {
        int line = 1;
        int end = Math.min(pos, text.length());
        for (int i = 0; i < end; i++) {
            if (text.charAt(i) == '\n') line++;
        }
        return line;
    }

    /** Offset of the first character of a line, or -1 when the text has fewer lines. */
    static int startOfLine(String text, int line) {
        if (line < 1) return -1;
        int pos = 0;
        for (int l = 1; l < line; l++) {
            int nl = text.indexOf('\n', pos);
            if (nl < 0) return -1;
            pos = nl + 1;
        }
        return pos;
    }

    /** Offset of the first non-blank character of a line (its start if blank), or -1. */
    static int firstNonBlankOfLine(String text, int line) {
        int pos = startOfLine(text, line);
        if (pos < 0) return -1;
        int i = pos;
        while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) i++;
        return i < text.length() && text.charAt(i) != '\n' ? i : pos;
    }

    /** The text of the line holding pos, without its line break. */
    static String lineAt(String text, int pos) {
        int p = Math.max(0, Math.min(pos, text.length()));
        int start = text.lastIndexOf('\n', p - 1) + 1;
        int end = text.indexOf('\n', p);
        String line = text.substring(start, end < 0 ? text.length() : end);
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    /** Column of pos within its line, 0-based. */
    static int columnOf(String text, int pos) {
        int p = Math.max(0, Math.min(pos, text.length()));
        return p - (text.lastIndexOf('\n', p - 1) + 1);
    }
}
