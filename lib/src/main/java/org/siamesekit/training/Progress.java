package org.siamesekit.training;

import java.util.Locale;

import org.siamesekit.charts.LossChart;
import org.siamesekit.notebook.Notebook;
import org.siamesekit.optim.TrainingHistory;

/**
 * Training progress for a person watching. In a notebook: one text output
 * rewritten in place (the finished epochs, then a live line with batch, loss
 * and ETA) and the loss chart redrawn after every epoch or validation round.
 * Elsewhere (tests, scripts): one printed line per epoch or round. Quiet: nothing.
 */
final class Progress {
    enum Mode { NOTEBOOK, CONSOLE, QUIET }

    private static final long MIN_UPDATE_NANOS = 300_000_000L; // redraw the live line at most ~3 times a second

    private final Mode mode;
    private final StringBuilder log = new StringBuilder();
    private Notebook.DisplayHandle text;
    private Notebook.DisplayHandle chart;
    private long lastUpdate;

    Progress(Mode mode) { this.mode = mode; }

    static Progress automatic(boolean enabled) {
        if (!enabled) return new Progress(Mode.QUIET);
        return new Progress(Notebook.inNotebook() ? Mode.NOTEBOOK : Mode.CONSOLE);
    }

    /** A line that stays (a header, a note, a finished epoch). */
    void line(String s) {
        switch (mode) {
            case QUIET -> { }
            case CONSOLE -> System.out.println(s);
            case NOTEBOOK -> {
                log.append(s).append('\n');
                show(log.toString().stripTrailing());
            }
        }
    }

    /** The live line, replaced by the next; throttled so fast batches do not flood the notebook. */
    void live(String s) {
        if (mode != Mode.NOTEBOOK) return;
        long now = System.nanoTime();
        if (now - lastUpdate < MIN_UPDATE_NANOS) return;
        lastUpdate = now;
        show(log + s);
    }

    /** Redraws the loss chart (notebook only). */
    void chart(TrainingHistory history) {
        if (mode != Mode.NOTEBOOK || history.isEmpty()) return;
        Object image = LossChart.image(history);
        if (chart == null) chart = Notebook.display(image);
        else chart.update(image);
    }

    private void show(String s) {
        if (text == null) text = Notebook.display(s);
        else text.update(s);
    }

    static String duration(double seconds) {
        if (!Double.isFinite(seconds)) return "?";
        long s = Math.round(seconds);
        if (s < 60) return s + " s";
        if (s < 3600) return String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60);
        return String.format(Locale.ROOT, "%dh %02dm", s / 3600, (s % 3600) / 60);
    }
}
