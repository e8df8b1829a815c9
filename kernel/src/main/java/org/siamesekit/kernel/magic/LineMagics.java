package org.siamesekit.kernel.magic;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds IJava-style line magics ({@code %jars a.jar}, {@code %classpath dir},
 * {@code %maven g:a:v}) in a cell. A magic is a line whose first non-blank
 * character is {@code %}. The magic lines are replaced by spaces, not removed,
 * so that line numbers and character positions in the Java code left over still
 * match the cell the user sees (error lines, completion offsets).
 */
public final class LineMagics {
    private static final Pattern MAGIC_LINE = Pattern.compile("^([ \\t]*)%([A-Za-z_][\\w-]*)(.*)$");

    /** One magic call: its 1-based line in the cell, its name and its arguments. */
    public record Call(int line, String name, List<String> args) {}

    /** The cell with magic lines blanked, and the magics in order. */
    public record Parsed(String code, List<Call> calls) {}

    private LineMagics() {}

    public static Parsed parse(String cell) {
        List<Call> calls = new ArrayList<>();
        StringBuilder code = new StringBuilder(cell.length());
        int lineNo = 0;
        int start = 0;
        while (start <= cell.length()) {
            int nl = cell.indexOf('\n', start);
            int end = nl < 0 ? cell.length() : nl;
            String line = cell.substring(start, end);
            lineNo++;
            String trimmed = line.stripLeading();
            if (trimmed.startsWith("%%")) {
                throw new IllegalArgumentException("line " + lineNo + ": cell magic '" + trimmed.split("\\s", 2)[0]
                        + "' is not supported by this kernel (supported line magics: %jars, %classpath, %maven)");
            }
            Matcher m = MAGIC_LINE.matcher(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
            if (m.matches()) {
                calls.add(new Call(lineNo, m.group(2), splitArgs(m.group(3), lineNo)));
                code.append(" ".repeat(line.length()));
            } else {
                code.append(line);
            }
            if (nl < 0) break;
            code.append('\n');
            start = nl + 1;
        }
        return new Parsed(code.toString(), List.copyOf(calls));
    }

    /** Splits on blanks; single or double quotes group words, a backslash escapes the next character. */
    static List<String> splitArgs(String text, int lineNo) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length() && quote != '\'') {
                cur.append(text.charAt(++i));
                inWord = true;
            } else if (quote != 0) {
                if (c == quote) quote = 0; else cur.append(c);
            } else if (c == '"' || c == '\'') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) out.add(cur.toString());
                cur.setLength(0);
                inWord = false;
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (quote != 0) throw new IllegalArgumentException("line " + lineNo + ": unclosed " + quote + " in magic arguments");
        if (inWord) out.add(cur.toString());
        return out;
    }
}
