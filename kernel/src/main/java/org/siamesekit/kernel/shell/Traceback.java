package org.siamesekit.kernel.shell;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Formats an exception thrown by cell code like Java's printStackTrace, but cut
 * to what the user wrote and called: frames below the outermost cell frame
 * (reflection, the kernel's machinery) are dropped, and cell frames read
 * "In[3] line 5" instead of JShell's generated class names.
 */
final class Traceback {
    static final int MAX_FRAMES = 40;

    private Traceback() {}

    /**
     * cellFrame locates a frame of cell code in its cell and answers null for
     * every other frame.
     */
    static List<String> format(Throwable t, Function<StackTraceElement, CellFrame> cellFrame) {
        List<String> out = new ArrayList<>();
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        String prefix = "";
        for (Throwable cur = t; cur != null && seen.add(cur); cur = cur.getCause()) {
            out.add(prefix + header(cur));
            StackTraceElement[] frames = cur.getStackTrace();
            int keep = keptFrames(frames, cellFrame);
            int shown = Math.min(keep, MAX_FRAMES);
            for (int i = 0; i < shown; i++) {
                CellFrame cf = cellFrame.apply(frames[i]);
                out.add("    at " + (cf != null ? cf.text() : frames[i].toString()));
            }
            if (keep > shown) out.add("    ... " + (keep - shown) + " more");
            prefix = "Caused by: ";
        }
        return out;
    }

    static String header(Throwable t) {
        String msg = t.getLocalizedMessage();
        return t.getClass().getName() + (msg != null ? ": " + msg : "");
    }

    /** Frames up to and including the outermost cell frame; without one, up to the kernel's frames. */
    /** The top-level frames as format keeps them, cell frames rewritten as "REPL.boom(In[2]:4)". */
    static StackTraceElement[] frames(Throwable t, Function<StackTraceElement, CellFrame> cellFrame) {
        StackTraceElement[] frames = t.getStackTrace();
        StackTraceElement[] out = new StackTraceElement[keptFrames(frames, cellFrame)];
        for (int i = 0; i < out.length; i++) {
            CellFrame cf = cellFrame.apply(frames[i]);
            out[i] = cf != null ? cf.element() : frames[i];
        }
        return out;
    }

    static int keptFrames(StackTraceElement[] frames, Function<StackTraceElement, CellFrame> cellFrame) {
        for (int i = frames.length - 1; i >= 0; i--) {
            if (cellFrame.apply(frames[i]) != null) return i + 1;
        }
        for (int i = 0; i < frames.length; i++) {
            if (isMachinery(frames[i].getClassName())) return i;
        }
        return frames.length;
    }

    private static boolean isMachinery(String className) {
        return className.startsWith("jdk.internal.reflect.")
                || className.equals("java.lang.reflect.Method")
                || className.startsWith("org.siamesekit.kernel.shell.")
                || className.startsWith("jdk.jshell.");
    }
}
