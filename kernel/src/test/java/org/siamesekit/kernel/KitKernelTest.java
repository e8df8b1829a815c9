package org.siamesekit.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import io.github.spencerpark.jupyter.kernel.util.TextColor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.siamesekit.kernel.magic.MavenResolver;

/** The kernel's eval path without sockets: magics, rendering, error reports. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KitKernelTest {
    private static final String RED = TextColor.BOLD_RED_FG.toString();
    private static final String RESET = TextColor.RESET_ALL.toString();
    private KitKernel kernel;

    @BeforeAll
    void start(@TempDir Path tmp) {
        kernel = new KitKernel(new org.siamesekit.kernel.shell.CellEvaluator(List.of()),
                new MavenResolver(tmp.resolve("m2")));
        kernel.makeCurrent();
    }

    @AfterAll
    void stop() {
        kernel.cells().close(); // not onShutdown: that ends the JVM
    }

    @Test
    void valuesAreRenderedWithTheKitRenderer() throws Exception {
        DisplayData d = kernel.eval("6 * 7");
        assertEquals("42", d.getData(MIMEType.TEXT_PLAIN));
        assertEquals(null, kernel.eval("int quiet = 1;"));
    }

    @Test
    void userExceptionsAreRethrownWithCellFramesAndTraceback() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> kernel.eval("int v = 2;\nif (v > 1) throw new IllegalArgumentException(\"bad v\");"));
        assertEquals("bad v", e.getMessage());
        assertEquals(1, e.getStackTrace().length);
        assertTrue(e.getStackTrace()[0].toString().matches("REPL\\.cell\\(In\\[\\d+]:2\\)"), e.getStackTrace()[0].toString());
        List<String> tb = kernel.formatError(e);
        // The error's name in bold red, as IJava shows it.
        assertEquals(RED + "java.lang.IllegalArgumentException: bad v" + RESET, tb.get(0));
        assertTrue(tb.get(1).matches("    at In\\[\\d+] line 2"), tb.toString());
    }

    @Test
    void badMagicsAreReportedWithTheirLine() {
        MagicException e = assertThrows(MagicException.class, () -> kernel.eval("int a = 1;\n%jars /no/such/dir/*.jar"));
        assertTrue(e.getMessage().startsWith("line 2: %jars: classpath entry '/no/such/dir/*.jar'"), e.getMessage());
        assertEquals(List.of(RED + e.getMessage() + RESET), kernel.formatError(e));
        MagicException unknown = assertThrows(MagicException.class, () -> kernel.eval("%timeit 1+1"));
        assertTrue(unknown.getMessage().startsWith("line 1: %timeit: unknown line magic"), unknown.getMessage());
    }

    @Test
    void inlineMagicsReturnWhatTheyAdded(@TempDir Path dir) throws Exception {
        java.nio.file.Files.createDirectories(dir.resolve("classes"));
        DisplayData d = kernel.eval("List<String> added = %classpath " + dir.resolve("classes") + "\nadded");
        assertEquals("[" + dir.resolve("classes") + "]", d.getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void systemExitInACellIsAnErrorAndTheKernelKeepsItsVariables() throws Exception {
        kernel.eval("int survivor = 41;");
        org.siamesekit.kernel.shell.SystemExitException e = assertThrows(
                org.siamesekit.kernel.shell.SystemExitException.class, () -> kernel.eval("System.exit(3);"));
        assertTrue(e.getMessage().startsWith("System.exit(3) was called in the cell"), e.getMessage());
        assertThrows(org.siamesekit.kernel.shell.SystemExitException.class,
                () -> kernel.eval("Runtime.getRuntime().halt(1);"));
        assertEquals("42", kernel.eval("survivor + 1").getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void valuesThatCannotBeRenderedSaySo() {
        DisplayException e = assertThrows(DisplayException.class, () -> kernel.eval(
                "new Object() { public String toString() { throw new IllegalStateException(\"no text\"); } }"));
        assertTrue(e.getMessage().contains("could not be displayed: no text"), e.getMessage());
    }

    @Test
    void isCompleteAndCompletionIgnoreMagicLines() {
        assertEquals("complete", kernel.isComplete("%jars a.jar\n1 + 1"));
        String code = "%jars x.jar\nStr";
        var options = kernel.complete(code, code.length());
        assertTrue(options.getReplacements().contains("String"));
        assertEquals(code.length() - 3, options.getSourceStart());
    }
}
