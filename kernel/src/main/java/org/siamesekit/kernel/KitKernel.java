package org.siamesekit.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;

import org.siamesekit.kernel.display.KitRenderer;
import org.siamesekit.kernel.magic.ClasspathSpec;
import org.siamesekit.kernel.magic.LineMagics;
import org.siamesekit.kernel.magic.MavenResolver;
import org.siamesekit.kernel.shell.CellEvaluator;
import org.siamesekit.kernel.shell.CellException;
import org.siamesekit.kernel.shell.UserCodeException;

/**
 * The kit's Java kernel: jupyter-jvm-basekernel for the protocol, JShell for the
 * language, cell code running in this JVM so it can display things.
 * <p>
 * {@link #current()} is how running code finds the kernel: the display
 * functions use it, and lib's {@code Notebook} bridge calls it by reflection.
 */
public final class KitKernel extends BaseKernel {
    /** Environment variables, named as IJava names them so kernelspecs carry over. */
    public static final String CLASSPATH_ENV = "IJAVA_CLASSPATH";
    public static final String COMPILER_OPTS_ENV = "IJAVA_COMPILER_OPTS";

    private static volatile KitKernel current;

    private final CellEvaluator cells;
    private final MavenResolver maven;
    private final AtomicBoolean interruptRequested = new AtomicBoolean();
    private final LanguageInfo languageInfo;

    // The last user exception rethrown from eval, and its cell-relative traceback;
    // basekernel asks formatError for the traceback right after eval throws.
    private volatile Exception lastFailure;
    private volatile List<String> lastTraceback;

    public KitKernel(CellEvaluator cells, MavenResolver maven) {
        super(StandardCharsets.UTF_8);
        this.cells = cells;
        this.maven = maven;
        this.renderer = new KitRenderer();
        this.languageInfo = new LanguageInfo.Builder("Java")
                .version(Runtime.version().toString())
                .mimetype("text/x-java-source")
                .fileExtension(".java")
                .pygments("java")
                .codemirror("java")
                .build();
    }

    /**
     * Builds the kernel the way the kernelspec runs it: classpath from
     * IJAVA_CLASSPATH (entries that match nothing are reported on stderr, the
     * kernel log, and skipped), compiler options from IJAVA_COMPILER_OPTS.
     */
    public static KitKernel fromEnvironment(Map<String, String> env) {
        String opts = env.getOrDefault(COMPILER_OPTS_ENV, "").strip();
        List<String> compilerOptions = opts.isEmpty() ? List.of() : Arrays.asList(opts.split("\\s+"));
        CellEvaluator cells = new CellEvaluator(compilerOptions);
        String cp = env.get(CLASSPATH_ENV);
        if (cp != null && !cp.isBlank()) {
            Path cwd = Path.of("").toAbsolutePath();
            for (String entry : cp.split(java.io.File.pathSeparator)) {
                if (entry.isBlank()) continue;
                try {
                    cells.addToClasspath(ClasspathSpec.expand(entry, cwd));
                } catch (Exception e) {
                    System.err.println("siamese-kit-kernel: " + CLASSPATH_ENV + ": " + e.getMessage());
                }
            }
        }
        return new KitKernel(cells, MavenResolver.fromEnvironment());
    }

    /** The running kernel, or null when none is. */
    public static BaseKernel current() {
        return current;
    }

    /** Makes this the kernel that {@link #current()} returns. */
    public void makeCurrent() {
        current = this;
    }

    public CellEvaluator cells() {
        return cells;
    }

    @Override
    public LanguageInfo getLanguageInfo() {
        return languageInfo;
    }

    @Override
    public String getBanner() {
        return "Java " + Runtime.version() + " :: Siamese kit kernel (JShell, in-process)";
    }

    @Override
    public List<LanguageInfo.Help> getHelpLinks() {
        return List.of(new LanguageInfo.Help("Java tutorial", "https://docs.oracle.com/javase/tutorial/"));
    }

    @Override
    public DisplayData eval(String code) throws Exception {
        interruptRequested.set(false);
        int cellNumber = executionCount.get() - 1;
        LineMagics.Parsed parsed;
        try {
            parsed = LineMagics.parse(code);
        } catch (IllegalArgumentException e) {
            throw new MagicException(e.getMessage());
        }
        for (LineMagics.Call call : parsed.calls()) {
            try {
                runMagic(call);
            } catch (IllegalArgumentException | IOException e) {
                throw new MagicException("line " + call.line() + ": %" + call.name() + ": " + e.getMessage());
            }
        }
        Object value;
        try {
            value = cells.eval(parsed.code(), cellNumber, interruptRequested::get);
        } catch (UserCodeException e) {
            // Rethrow what the cell threw, so Jupyter's ename is its class (e.g.
            // IllegalStateException); formatError supplies the cell-relative trace.
            Exception shown = e.thrown() instanceof Exception ex ? ex : e;
            // basekernel builds the execute reply's traceback (the one nbclient prints
            // when a notebook run fails) from the stack trace of what is thrown.
            shown.setStackTrace(e.cellFrames());
            lastTraceback = e.traceback();
            lastFailure = shown;
            throw shown;
        }
        if (value == null) return null;
        if (value instanceof DisplayData d) return d;
        try {
            return getRenderer().render(value);
        } catch (RuntimeException e) {
            throw new DisplayException("the cell ran, but its value (a " + value.getClass().getName()
                    + ") could not be displayed: " + e.getMessage());
        }
    }

    private void runMagic(LineMagics.Call call) throws IOException, InterruptedException {
        Path cwd = Path.of("").toAbsolutePath();
        switch (call.name()) {
            case "jars" -> {
                List<Path> jars = new ArrayList<>();
                for (String arg : call.args()) jars.addAll(ClasspathSpec.expand(arg, cwd));
                cells.addToClasspath(jars);
            }
            case "classpath" -> {
                List<Path> entries = new ArrayList<>();
                for (String arg : call.args()) entries.addAll(ClasspathSpec.expandList(arg, cwd));
                cells.addToClasspath(entries);
            }
            case "maven" -> cells.addToClasspath(maven.resolve(call.args()));
            default -> throw new IllegalArgumentException("unknown line magic (this kernel has %jars, %classpath and %maven)");
        }
    }

    @Override
    public List<String> formatError(Exception e) {
        if (e instanceof CellException ce) return ce.traceback();
        if (e == lastFailure && lastTraceback != null) return lastTraceback;
        return super.formatError(e);
    }

    @Override
    public ReplacementOptions complete(String code, int at) {
        CellEvaluator.Completion c = cells.complete(LineMagics.parse(code).code(), at);
        if (c.options().isEmpty()) return null;
        return new ReplacementOptions(c.options(), c.start(), c.end());
    }

    @Override
    public DisplayData inspect(String code, int at, boolean extraDetail) {
        List<String> docs = cells.documentation(LineMagics.parse(code).code(), at);
        return docs.isEmpty() ? null : new DisplayData(String.join("\n\n", docs));
    }

    @Override
    public String isComplete(String code) {
        try {
            return cells.isComplete(LineMagics.parse(code).code());
        } catch (IllegalArgumentException badMagic) {
            return IS_COMPLETE_BAD;
        }
    }

    /** Jupyter's interrupt: skip the rest of the cell and stop the code now running. */
    @Override
    public void interrupt() {
        interruptRequested.set(true);
        cells.stop();
    }

    /**
     * basekernel answers the shutdown request, then closes every socket from the
     * control thread while the shell thread may still be polling its own socket;
     * jeromq sockets are not thread-safe, and now and then that race kills
     * jeromq's I/O thread and the context never finishes closing (seen about 1
     * shutdown in 20). Whatever happens there, the process ends shortly after.
     */
    @Override
    public void onShutdown(boolean isRestarting) {
        ExitWatchdog.exitSoon(1000, 3000);
        cells.close();
    }
}
