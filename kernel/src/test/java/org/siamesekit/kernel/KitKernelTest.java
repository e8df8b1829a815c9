package org.siamesekit.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.siamesekit.kernel.magic.MavenResolver;

/** The kernel's eval path without sockets: magics, rendering, error reports. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KitKernelTest {
    private KitKernel kernel;

    @BeforeAll
    void start(@TempDir Path tmp) {
        kernel = new KitKernel(new org.siamesekit.kernel.shell.CellEvaluator(List.of()),
                new MavenResolver("mvn", tmp));
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
        assertEquals("java.lang.IllegalArgumentException: bad v", tb.get(0));
        assertTrue(tb.get(1).matches("    at In\\[\\d+] line 2"), tb.toString());
    }

    @Test
    void badMagicsAreReportedWithTheirLine() {
        MagicException e = assertThrows(MagicException.class, () -> kernel.eval("int a = 1;\n%jars /no/such/dir/*.jar"));
        assertTrue(e.getMessage().startsWith("line 2: %jars: classpath entry '/no/such/dir/*.jar'"), e.getMessage());
        assertEquals(List.of(e.getMessage()), kernel.formatError(e));
        MagicException unknown = assertThrows(MagicException.class, () -> kernel.eval("%timeit 1+1"));
        assertTrue(unknown.getMessage().contains("unknown line magic"), unknown.getMessage());
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
