package org.siamesekit.kernel.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

class TracebackTest {
    private static final Function<StackTraceElement, CellFrame> CELL_FRAMES =
            f -> f.getClassName().startsWith("REPL.")
                    ? new CellFrame(null, f.getMethodName().equals("do_it$") ? null : f.getMethodName(), "In[1]", f.getLineNumber())
                    : null;

    private static StackTraceElement frame(String cls, String method, int line) {
        return new StackTraceElement(cls, method, cls + ".java", line);
    }

    @Test
    void keepsLibraryFramesAndCutsBelowTheOutermostCellFrame() {
        RuntimeException e = new RuntimeException("bad");
        e.setStackTrace(new StackTraceElement[] {
                frame("org.lib.Thing", "work", 10),
                frame("REPL.$JShell$5", "do_it$", 7),
                frame("jdk.internal.reflect.NativeMethodAccessorImpl", "invoke0", 1),
                frame("org.siamesekit.kernel.shell.CellThread", "run", 2)});
        assertEquals(List.of("java.lang.RuntimeException: bad",
                "    at org.lib.Thing.work(org.lib.Thing.java:10)",
                "    at In[1] line 7"), Traceback.format(e, CELL_FRAMES));
        StackTraceElement[] kept = Traceback.frames(e, CELL_FRAMES);
        assertEquals(2, kept.length);
        assertEquals("org.lib.Thing.work(org.lib.Thing.java:10)", kept[0].toString());
        assertEquals("REPL.cell(In[1]:7)", kept[1].toString());
    }

    @Test
    void cellFramesReadAsMethodAndCellLine() {
        assertEquals("boom (In[2] line 4)", new CellFrame(null, "boom", "In[2]", 4).text());
        assertEquals("Net.forward (In[2] line 9)", new CellFrame("Net", "forward", "In[2]", 9).text());
        assertEquals("In[3]", new CellFrame(null, null, "In[3]", -1).text());
        assertEquals("REPL.Net.forward(In[2]:9)", new CellFrame("Net", "forward", "In[2]", 9).element().toString());
    }

    @Test
    void withoutCellFramesCutsAtTheKernelMachinery() {
        IllegalStateException e = new IllegalStateException();
        e.setStackTrace(new StackTraceElement[] {
                frame("org.lib.Thing", "work", 10),
                frame("java.lang.reflect.Method", "invoke", 3),
                frame("org.siamesekit.kernel.shell.CellThread", "run", 2)});
        assertEquals(List.of("java.lang.IllegalStateException",
                "    at org.lib.Thing.work(org.lib.Thing.java:10)"), Traceback.format(e, CELL_FRAMES));
    }

    @Test
    void listsCausesAndCapsLongTraces() {
        StackTraceElement[] deep = new StackTraceElement[Traceback.MAX_FRAMES + 5];
        for (int i = 0; i < deep.length; i++) deep[i] = frame("org.lib.Rec", "r", i);
        RuntimeException cause = new RuntimeException("root");
        cause.setStackTrace(deep);
        IllegalArgumentException top = new IllegalArgumentException("wrapped", cause);
        top.setStackTrace(new StackTraceElement[] {frame("REPL.$JShell$2", "do_it$", 1)});
        List<String> tb = Traceback.format(top, CELL_FRAMES);
        assertEquals("java.lang.IllegalArgumentException: wrapped", tb.get(0));
        assertEquals("    at In[1] line 1", tb.get(1));
        assertEquals("Caused by: java.lang.RuntimeException: root", tb.get(2));
        assertEquals("    ... 5 more", tb.get(tb.size() - 1));
        assertEquals(3 + Traceback.MAX_FRAMES + 1, tb.size());
    }
}
