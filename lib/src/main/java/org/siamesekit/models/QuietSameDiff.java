package org.siamesekit.models;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.nd4j.autodiff.samediff.SameDiff;

/**
 * SameDiff 1.0.0-M2.1 prints "Added differentiated op ..." with
 * System.out.println (not through a logger) for every op while it builds the
 * backward graph: hundreds of lines in a notebook cell. No logging
 * configuration reaches it, so the backward graph is built here, eagerly, with
 * standard output passed through a filter that drops exactly those lines and
 * forwards everything else. The backward graph's conv2d ops on images skip the
 * images' gradient ({@link InputConv2D}), and its ReLU gradients run the faster
 * of libnd4j's two kernels for them ({@link ReluBackward}).
 */
final class QuietSameDiff {
    private static final String NOISE = "Added differentiated op ";

    private QuietSameDiff() {}

    static void createGradFunction(SameDiff sd) {
        PrintStream original = System.out;
        synchronized (QuietSameDiff.class) {
            System.setOut(new PrintStream(new LineFilter(original), true, StandardCharsets.UTF_8));
            try {
                InputConv2D.whileCopying(sd::createGradFunction); // conv2d on images: weight gradients only
                SameDiff backward = sd.getFunction(SiameseModel.GRADIENT_FUNCTION);
                if (backward != null) ReluBackward.useReluBp(backward);
            } finally {
                System.out.flush();
                System.setOut(original);
            }
        }
    }

    /** Buffers one line at a time; forwards lines that are not SameDiff's differentiation trace. */
    private static final class LineFilter extends OutputStream {
        private final PrintStream target;
        private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

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
