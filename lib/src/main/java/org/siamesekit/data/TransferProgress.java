package org.siamesekit.data;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line transfer display, rewritten in place with a carriage return
 * ("name: 12.3 / 26.4 MB (46%)"). Redraws at most a few times a second, so a
 * notebook's output is not flooded.
 */
final class TransferProgress {
    private static final long REDRAW_NANOS = 250_000_000L;
    private final PrintStream out;
    private final String label;
    private final long total;
    private long done;
    private long lastDraw;
    private int lastWidth;

    /** @param total expected bytes, or a negative number when unknown */
    TransferProgress(PrintStream out, String label, long total) {
        this.out = out;
        this.label = label;
        this.total = total;
        draw();
    }

    void add(long bytes) {
        done += bytes;
        long now = System.nanoTime();
        if (now - lastDraw >= REDRAW_NANOS) draw();
    }

    /** Draws the final state and ends the line. */
    void finish() {
        draw();
        out.println();
        out.flush();
    }

    private void draw() {
        lastDraw = System.nanoTime();
        String line = total > 0
                ? String.format(Locale.ROOT, "%s: %s / %s (%d%%)", label, mb(done), mb(total), Math.min(100, done * 100 / total))
                : String.format(Locale.ROOT, "%s: %s", label, mb(done));
        // pad over the remains of a longer previous line
        String pad = line.length() < lastWidth ? " ".repeat(lastWidth - line.length()) : "";
        lastWidth = line.length();
        out.print("\r" + line + pad);
        out.flush();
    }

    static String mb(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
