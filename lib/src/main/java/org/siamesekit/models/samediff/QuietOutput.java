package org.siamesekit.models.samediff;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs code with SameDiff's "Added differentiated op ..." lines dropped from
 * standard output, and everything else passed through.
 *
 * <p>Why: SameDiff 1.0.0-M2.1 prints that line with System.out.println, not
 * through a logger, for every op while it builds a backward graph: hundreds of
 * lines in a notebook cell, which no logging configuration can silence.
 */
final class QuietOutput {
    private static final String NOISE = "Added differentiated op ";

    private QuietOutput() {}

    static void run(Runnable action) {
        PrintStream original = System.out;
        synchronized (QuietOutput.class) {
            System.setOut(new PrintStream(new LineFilter(original), true, StandardCharsets.UTF_8));
            try {
                action.run();
            } finally {
                System.out.flush();
                System.setOut(original);
            }
        }
    }

    /** Buffers one line at a time; forwards lines that are not SameDiff's differentiation trace. */
    private static final class LineFilter extends OutputStream {
        private final PrintStream target;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineFilter(PrintStream target) { this.target = target; }

        @Override
        public void write(int b) {
            line.write(b);
            if (b == '\n') emit();
        }

        @Override
        public void flush() {
            if (line.size() > 0) emit();
            target.flush();
        }

        private void emit() {
            String s = line.toString(StandardCharsets.UTF_8);
            line.reset();
            if (!s.startsWith(NOISE)) target.print(s);
        }
    }
}
