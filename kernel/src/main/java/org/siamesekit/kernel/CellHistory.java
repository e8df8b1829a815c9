package org.siamesekit.kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.github.spencerpark.jupyter.kernel.history.HistoryEntry;
import io.github.spencerpark.jupyter.kernel.history.HistoryManager;

/**
 * Answers history requests from the cells run since the kernel started (one
 * session, numbered {@link #SESSION}; nothing is kept across restarts). Inputs
 * are stored as typed; the output is the text form of the cell's result.
 */
final class CellHistory implements HistoryManager {
    static final int SESSION = 1;

    private record Cell(int number, String input, String output) {}

    private final List<Cell> cells = new ArrayList<>();

    synchronized void record(int number, String input, String output) {
        cells.add(new Cell(number, input, output == null ? "" : output));
    }

    @Override
    public synchronized List<HistoryEntry> lookupTail(int length, Set<ResultFlag> flags) {
        int n = length <= 0 ? cells.size() : Math.min(length, cells.size());
        return entries(cells.subList(cells.size() - n, cells.size()), flags);
    }

    /** session: this kernel's number, or 0 / negative for "the current session"; stop is exclusive. */
    @Override
    public synchronized List<HistoryEntry> lookupRange(int session, int start, int stop, Set<ResultFlag> flags) {
        if (session > 0 && session != SESSION) return List.of();
        List<Cell> found = new ArrayList<>();
        for (Cell c : cells) {
            if (c.number() >= start && (stop <= 0 || c.number() < stop)) found.add(c);
        }
        return entries(found, flags);
    }

    /** pattern: a glob as IPython takes it ({@code *} any text, {@code ?} one character); the last length matches. */
    @Override
    public synchronized List<HistoryEntry> search(String pattern, int length, Set<ResultFlag> flags) {
        Pattern glob = globToRegex(pattern == null || pattern.isEmpty() ? "*" : pattern);
        List<Cell> found = new ArrayList<>();
        for (Cell c : cells) {
            if (glob.matcher(c.input()).matches()) found.add(c);
        }
        if (flags.contains(ResultFlag.UNIQUE)) {
            Map<String, Cell> latest = new LinkedHashMap<>();
            for (Cell c : found) {
                latest.remove(c.input());
                latest.put(c.input(), c);
            }
            found = new ArrayList<>(latest.values());
        }
        if (length > 0 && found.size() > length) found = found.subList(found.size() - length, found.size());
        return entries(found, flags);
    }

    private static List<HistoryEntry> entries(List<Cell> cells, Set<ResultFlag> flags) {
        boolean withOutput = flags.contains(ResultFlag.INCLUDE_OUTPUT);
        List<HistoryEntry> out = new ArrayList<>();
        for (Cell c : cells) {
            out.add(withOutput ? new HistoryEntry(SESSION, c.number(), c.input(), c.output())
                    : new HistoryEntry(SESSION, c.number(), c.input()));
        }
        return out;
    }

    static Pattern globToRegex(String glob) {
        StringBuilder re = new StringBuilder();
        for (char ch : glob.toCharArray()) {
            switch (ch) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }
}
