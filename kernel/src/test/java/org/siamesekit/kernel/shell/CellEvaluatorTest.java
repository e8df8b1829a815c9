package org.siamesekit.kernel.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

import org.siamesekit.kernel.KitKernel;

/** Real JShell, real cells: values, error lines, interrupts, threads and class loaders. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120) // a hung cell fails its test instead of the whole build
class CellEvaluatorTest {
    private CellEvaluator cells;
    private int cellNumber = 0;

    @BeforeAll
    void start() {
        cells = new CellEvaluator(List.of());
    }

    @AfterAll
    void stop() {
        cells.close();
    }

    private Object eval(String code) throws CellException {
        return cells.eval(code, ++cellNumber, () -> false);
    }

    @Test
    void expressionValueIsTheActualObject() throws Exception {
        assertEquals(2, eval("1 + 1"));
        Object list = eval("new ArrayList<>(List.of(1, 2))");
        assertInstanceOf(java.util.ArrayList.class, list);
    }

    @Test
    void declarationsHaveNoValueButLaterReferencesDo() throws Exception {
        assertNull(eval("int answer = 42;"));
        assertEquals(42, eval("answer"));
        assertEquals(43, eval("int a = answer;\n a = a + 1;\n a"));
        assertNull(eval("String s = null; s"));
    }

    @Test
    void compileErrorNamesTheCellLine() {
        CompilationException e = assertThrows(CompilationException.class,
                () -> eval("int p = 1;\nint q = 2;\nint r = nope + 1;"));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().startsWith("line 3: cannot find symbol"), e.getMessage());
        String tb = String.join("\n", e.traceback());
        assertTrue(tb.contains("line 3: cannot find symbol"), tb);
        assertTrue(tb.contains("int r = nope + 1;"), tb);
        assertTrue(tb.contains("        ^--^"), tb); // caret under "nope"
        assertFalse(tb.contains("location:"), tb);
    }

    @Test
    void compileErrorInsideAMultiLineDeclarationAfterBlankLines() {
        CompilationException e = assertThrows(CompilationException.class,
                () -> eval("\n\nvoid h() {\n  int q = 0;\n  q = \"text\";\n}"));
        assertEquals(5, e.line());
        assertTrue(e.getMessage().contains("incompatible types"), e.getMessage());
    }

    @Test
    void runtimeExceptionKeepsItsClassAndMapsFramesToCellLines() throws Exception {
        int declaringCell = cellNumber + 1;
        eval("// helper\nvoid boom(int x) {\n  if (x > 0)\n    throw new IllegalStateException(\"boom \" + x, new RuntimeException(\"inner\"));\n}");
        int callingCell = cellNumber + 1;
        UserCodeException e = assertThrows(UserCodeException.class, () -> eval("int k = 3;\nboom(k);"));
        assertInstanceOf(IllegalStateException.class, e.thrown());
        assertEquals("java.lang.IllegalStateException: boom 3", e.getMessage());
        List<String> tb = e.traceback();
        assertEquals("java.lang.IllegalStateException: boom 3", tb.get(0));
        assertEquals("    at boom (In[" + declaringCell + "] line 4)", tb.get(1));
        assertEquals("    at In[" + callingCell + "] line 2", tb.get(2));
        assertTrue(tb.contains("Caused by: java.lang.RuntimeException: inner"), tb.toString());
        assertTrue(tb.stream().noneMatch(l -> l.contains("reflect") || l.contains("org.siamesekit.kernel.shell")), tb.toString());
        StackTraceElement[] frames = e.cellFrames();
        assertEquals(2, frames.length);
        assertEquals("REPL.boom(In[" + declaringCell + "]:4)", frames[0].toString());
        assertEquals("REPL.cell(In[" + callingCell + "]:2)", frames[1].toString());
    }

    @Test
    void exceptionInABlockStatementReportsTheLineOfTheThrow() {
        UserCodeException e = assertThrows(UserCodeException.class,
                () -> eval("\n\n{\n  int z = 0;\n  z = 1 / z;\n}"));
        assertInstanceOf(ArithmeticException.class, e.thrown());
        assertTrue(e.traceback().get(1).endsWith("] line 5"), e.traceback().toString());
    }

    @Test
    void forwardReferencesAreAllowedAndReportedWhenUsed() throws Exception {
        assertNull(eval("int later() {\n  return notYetDeclared * 2;\n}"));
        CompilationException e = assertThrows(CompilationException.class, () -> eval("int v = 1;\nlater()"));
        assertTrue(e.getMessage().contains("method later cannot be invoked until variable notYetDeclared is declared"),
                e.getMessage());
        assertEquals(2, e.line());
        eval("int notYetDeclared = 21;");
        assertEquals(42, eval("later()"));
    }

    @Test
    void incompleteInputIsReported() {
        IncompleteSourceException e = assertThrows(IncompleteSourceException.class,
                () -> eval("int fine = 1;\nint broken = (1 +"));
        assertTrue(e.getMessage().startsWith("line 2: incomplete input"), e.getMessage());
    }

    @Test
    @Timeout(30)
    void interruptStopsABusyLoopAndTheKernelStaysUsable() throws Exception {
        int n = ++cellNumber;
        CompletableFuture<Object> running = CompletableFuture.supplyAsync(() -> {
            try {
                return cells.eval("long spins = 0;\nwhile (true) { spins++; }", n, () -> false);
            } catch (CellException e) {
                return e;
            }
        });
        Thread.sleep(500);
        assertFalse(running.isDone());
        cells.stop();
        Object outcome = running.get(10, TimeUnit.SECONDS);
        assertInstanceOf(EvaluationInterruptedException.class, outcome);
        assertEquals(5, eval("2 + 3"));
    }

    @Test
    void anInterruptWhileIdleDoesNotStopTheNextCell() throws Exception {
        cells.stop();
        assertEquals(7, eval("3 + 4"));
    }

    @Test
    @Timeout(30)
    void interruptWakesASleepingCell() throws Exception {
        int n = ++cellNumber;
        CompletableFuture<Object> running = CompletableFuture.supplyAsync(() -> {
            try {
                return cells.eval("Thread.sleep(600_000);", n, () -> false);
            } catch (CellException e) {
                return e;
            }
        });
        Thread.sleep(400);
        long t0 = System.nanoTime();
        cells.stop();
        assertInstanceOf(EvaluationInterruptedException.class, running.get(10, TimeUnit.SECONDS));
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(2), "interrupt alone should end a sleep");
        assertEquals("ok", eval("\"ok\""));
    }

    @Test
    void cellsRunOnOneThreadSoThreadLocalsCarryOver() throws Exception {
        eval("long cellThreadId = Thread.currentThread().getId();");
        assertEquals(true, eval("Thread.currentThread().getId() == cellThreadId"));
        eval("ThreadLocal<String> seed = ThreadLocal.withInitial(() -> \"unset\");\nseed.set(\"42\");");
        assertEquals("42", eval("seed.get()"));
    }

    @Test
    void cellCodeSeesTheKernelClassesThroughItsContextLoader() throws Exception {
        Object ctx = eval("Thread.currentThread().getContextClassLoader()");
        assertSame(cells.cellClassLoader(), ctx);
        // what lib's Notebook.kernel() does: the same KitKernel class, not a copy
        assertSame(KitKernel.class, eval("Class.forName(\"org.siamesekit.kernel.KitKernel\", true, "
                + "Thread.currentThread().getContextClassLoader())"));
        assertSame(io.github.spencerpark.jupyter.kernel.BaseKernel.class,
                eval("Class.forName(\"io.github.spencerpark.jupyter.kernel.BaseKernel\")"));
    }

    @Test
    void displayFunctionsAreImportedAndNeedAKernel() {
        UserCodeException e = assertThrows(UserCodeException.class, () -> eval("display(\"x\")"));
        assertInstanceOf(IllegalStateException.class, e.thrown());
        assertTrue(e.getMessage().contains("running Siamese kit kernel"), e.getMessage());
    }

    @Test
    void outputGoesToWhateverSystemOutIsDuringTheCell() throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            eval("System.out.println(\"from the cell\");\n"
                    + "Thread t = new Thread(() -> System.out.println(\"from another thread\"));\nt.start(); t.join();");
        } finally {
            System.setOut(original);
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("from the cell") && out.contains("from another thread"), out);
    }

    @Test
    void completionOffersMatchesForTheSnippetUnderTheCursor() {
        CellEvaluator.Completion c = cells.complete("Str", 3);
        assertTrue(c.options().contains("String"), c.options().toString());
        assertEquals(0, c.start());
        assertEquals(3, c.end());
        String code = "int a = 1;\nString b = Str";
        CellEvaluator.Completion later = cells.complete(code, code.length());
        assertTrue(later.options().contains("String"), later.options().toString());
        assertEquals(code.length() - 3, later.start());
    }

    @Test
    void documentationFindsTheMethodUnderTheCursor() {
        List<String> docs = cells.documentation("int z = 1;\nString.valueOf", "int z = 1;\nString.val".length());
        assertTrue(docs.stream().anyMatch(d -> d.startsWith("String String.valueOf(")), docs.toString());
        assertTrue(cells.documentation("int z = 1;", 3).isEmpty());
    }

    @Test
    void isCompleteAnswersLikeJupyterExpects() {
        assertEquals("complete", cells.isComplete("int x = 1;\nx + 1"));
        assertEquals("    ", cells.isComplete("void f() {"));
    }

    @Test
    void interruptFlagSkipsTheRestOfTheCell() {
        assertThrows(EvaluationInterruptedException.class, () -> cells.eval("int never = 1;", ++cellNumber, () -> true));
        CompilationException e = assertThrows(CompilationException.class, () -> eval("never"));
        assertEquals(1, e.line());
    }

    @Test
    void errorsAfterFailedStopStillLeaveTheShellWorking() throws ExecutionException, Exception {
        assertThrows(UserCodeException.class, () -> eval("throw new StackOverflowError(\"deep\");"));
        assertEquals(7, eval("3 + 4"));
    }
}
