package org.siamesekit.kernel.magic;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds IJava-style magics in a cell. A line magic ({@code %jars a.jar},
 * {@code %maven g:a:v}) starts a line or follows an assignment's {@code =}
 * ({@code List<String> added = %jars libs/*.jar}) and runs to the end of the
 * line; a cell magic ({@code %%loadFromPOM}) is the cell's first line and takes
 * the rest of the cell as its body.
 * <p>
 * {@link #transform} turns each magic into a call, on the same line, of the
 * notebook functions {@code lineMagic(name, args)} / {@code cellMagic(name, args,
 * body)} (as IJava does), so magics run in order with the code around them and
 * their value can be assigned; line numbers stay those of the cell.
 * {@link #parse} instead blanks the magics, for completion and inspection, where
 * character positions must stay.
 */
public final class LineMagics {
    // Group 1: what precedes the magic (nothing, blanks, or code ending in a plain '=').
    private static final Pattern MAGIC = Pattern.compile("^((?:[ \\t]*)|(?:.*[^=<>!+\\-*/%&|^]=[ \\t]*))%([A-Za-z_][\\w-]*)(.*)$");
    private static final Pattern CELL_MAGIC = Pattern.compile("^[ \\t]*%%([A-Za-z_][\\w-]*)([^\\n]*)(?:\\n|$)");

    /** One magic call: its 1-based line in the cell, its name and its arguments. */
    public record Call(int line, String name, List<String> args) {}

    /** The cell with magics blanked, and the line magics in order. */
    public record Parsed(String code, List<Call> calls) {}

    private LineMagics() {}

    /** The cell with each magic replaced by spaces (character positions kept); a cell magic blanks the cell. */
    public static Parsed parse(String cell) {
        if (CELL_MAGIC.matcher(cell).find()) return new Parsed(cell.replaceAll("[^\\n]", " "), List.of());
        List<Call> calls = new ArrayList<>();
        StringBuilder code = new StringBuilder(cell.length());
        forEachLine(cell, (lineNo, line) -> {
            Matcher m = magicIn(line, lineNo);
            if (m == null) return line;
            calls.add(new Call(lineNo, m.group(2), splitArgs(m.group(3), lineNo)));
            return m.group(1) + " ".repeat(line.length() - m.group(1).length());
        }, code);
        return new Parsed(code.toString(), List.copyOf(calls));
    }

    /** The cell as Java code, each magic a lineMagic/cellMagic call on its own line. */
    public static String transform(String cell) {
        Matcher cm = CELL_MAGIC.matcher(cell);
        if (cm.find()) {
            String body = cell.substring(cm.end());
            return "cellMagic(" + literal(cm.group(1)) + ", " + list(splitArgs(cm.group(2), 1)) + ", "
                    + literal(body) + ");{};";
        }
        StringBuilder code = new StringBuilder(cell.length());
        forEachLine(cell, (lineNo, line) -> {
            Matcher m = magicIn(line, lineNo);
            if (m == null) return line;
            String call = "lineMagic(" + literal(m.group(2)) + ", " + list(splitArgs(m.group(3), lineNo)) + ")";
            // Alone on its line the magic is a statement (no value shown), as under IJava.
            return m.group(1).isBlank() ? m.group(1) + call + ";{};" : m.group(1) + call + ";";
        }, code);
        return code.toString();
    }

    private interface LineRewrite {
        String apply(int lineNo, String line);
    }

    private static void forEachLine(String cell, LineRewrite rewrite, StringBuilder out) {
        int lineNo = 0;
        int start = 0;
        while (start <= cell.length()) {
            int nl = cell.indexOf('\n', start);
            int end = nl < 0 ? cell.length() : nl;
            String line = cell.substring(start, end);
            boolean cr = line.endsWith("\r");
            if (cr) line = line.substring(0, line.length() - 1);
            out.append(rewrite.apply(++lineNo, line));
            if (cr) out.append('\r');
            if (nl < 0) break;
            out.append('\n');
            start = nl + 1;
        }
    }

    /** The magic on this line, or null: a '%' inside a string literal or after a comment is code. */
    private static Matcher magicIn(String line, int lineNo) {
        if (line.stripLeading().startsWith("%%")) {
            throw new IllegalArgumentException("line " + lineNo + ": cell magic '" + line.strip().split("\\s", 2)[0]
                    + "' must be the first line of its cell");
        }
        Matcher m = MAGIC.matcher(line);
        if (!m.matches()) return null;
        String before = m.group(1);
        if (before.contains("//") || before.contains("/*") || insideString(before)) return null;
        return m;
    }

    private static boolean insideString(String prefix) {
        boolean in = false;
        char quote = 0;
        for (int i = 0; i < prefix.length(); i++) {
            char c = prefix.charAt(i);
            if (in && c == '\\') {
                i++;
            } else if (!in && (c == '"' || c == '\'')) {
                in = true;
                quote = c;
            } else if (in && c == quote) {
                in = false;
            }
        }
        return in;
    }

    private static String list(List<String> args) {
        StringBuilder sb = new StringBuilder("List.of(");
        for (int i = 0; i < args.size(); i++) sb.append(i > 0 ? ", " : "").append(literal(args.get(i)));
        return sb.append(")").toString();
    }

    /** A Java string literal for s, on one line. */
    static String literal(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c)); else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
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
