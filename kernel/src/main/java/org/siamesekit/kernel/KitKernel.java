package org.siamesekit.kernel;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.channels.ShellHandler;
import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.kernel.BaseKernel;
import io.github.spencerpark.jupyter.kernel.LanguageInfo;
import io.github.spencerpark.jupyter.kernel.ReplacementOptions;
import io.github.spencerpark.jupyter.kernel.display.DisplayData;
import io.github.spencerpark.jupyter.kernel.history.HistoryManager;
import io.github.spencerpark.jupyter.kernel.util.StringStyler;
import io.github.spencerpark.jupyter.kernel.util.TextColor;
import io.github.spencerpark.jupyter.messages.Header;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageType;
import io.github.spencerpark.jupyter.messages.request.ExecuteRequest;
import io.github.spencerpark.jupyter.messages.request.KernelInfoRequest;

import org.siamesekit.kernel.display.KitRenderer;
import org.siamesekit.kernel.io.CellOutput;
import org.siamesekit.kernel.magic.ClasspathSpec;
import org.siamesekit.kernel.magic.LineMagics;
import org.siamesekit.kernel.magic.MagicCallException;
import org.siamesekit.kernel.magic.Magics;
import org.siamesekit.kernel.magic.MavenResolver;
import org.siamesekit.kernel.magic.PomDependencies;
import org.siamesekit.kernel.shell.CellEvaluator;
import org.siamesekit.kernel.shell.CellException;
import org.siamesekit.kernel.shell.UserCodeException;

/**
 * The kit's Java kernel: jupyter-jvm-basekernel for the protocol, JShell for the
 * language, cell code running in this JVM so it can display things.
 * <p>
 * {@link #current()} is how running code finds the kernel: the display
 * functions use it, and lib's {@code Notebook} bridge calls it by reflection.
 * Beyond basekernel it answers kernel_info with {@code status: ok} and history
 * requests, batches cell output ({@link CellOutput}), and after a failed cell
 * aborts the execute requests queued behind it ({@link QueuedRequests}).
 */
public final class KitKernel extends BaseKernel {
    /** Environment variables, named as IJava names them so kernelspecs carry over. */
    public static final String CLASSPATH_ENV = "IJAVA_CLASSPATH";
    public static final String COMPILER_OPTS_ENV = "IJAVA_COMPILER_OPTS";
    public static final String TIMEOUT_ENV = "IJAVA_TIMEOUT";
    public static final String STARTUP_SCRIPTS_PATH_ENV = "IJAVA_STARTUP_SCRIPTS_PATH";
    public static final String STARTUP_SCRIPT_ENV = "IJAVA_STARTUP_SCRIPT";

    private static volatile KitKernel current;

    private final CellEvaluator cells;
    private final MavenResolver maven;
    private final AtomicBoolean interruptRequested = new AtomicBoolean();
    private final LanguageInfo languageInfo;
    private final CellHistory history = new CellHistory();
    private final Magics magics;
    // Problems found while starting (a bad IJAVA_* value, a failing startup
    // script): the server log is easy to miss, so the first cell's stderr repeats them.
    private final List<String> startupProblems = new CopyOnWriteArrayList<>();
    private volatile CellOutput output;

    // The last user exception rethrown from eval, and its cell-relative traceback;
    // basekernel asks formatError for the traceback right after eval throws.
    private volatile Exception lastFailure;
    private volatile List<String> lastTraceback;
    // The execute request whose cell runs now, when it stops on error (else null), and the
    // requests that were waiting on the shell socket when its cell failed (shell thread only).
    private ShellReplyEnvironment executing;
    private List<Message<?>> waitingAtError = List.of();
    // What the last eval did, for history and for aborting queued requests.
    private volatile boolean lastEvalFailed;
    private volatile String lastResultText;

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
        // IJava's colours: error names and messages bold red, code bold, the
        // offending span on red.
        this.errorStyler = new StringStyler.Builder()
                .addPrimaryStyle(TextColor.BOLD_BLACK_FG)
                .addSecondaryStyle(TextColor.BOLD_RED_FG)
                .addHighlightStyle(TextColor.BOLD_BLACK_FG)
                .addHighlightStyle(TextColor.RED_BG)
                .build();
        this.magics = new Magics()
                .line("jars", args -> addAll(expandAll(args, false)))
                .line("classpath", args -> addAll(expandAll(args, true)))
                .line("maven", this::addMavenDependencies)
                .line("addMavenDependency", this::addMavenDependencies)
                .line("addMavenDependencies", this::addMavenDependencies)
                .line("mavenRepo", this::addMavenRepo)
                .line("addMavenRepo", this::addMavenRepo)
                .line("loadFromPOM", this::loadPomFile)
                .cell("loadFromPOM", (args, body) -> loadPom(body, args, "the cell's POM"));
        // Output goes through CellOutput, installed by KitKernelMain, not
        // basekernel's one-message-per-println streams.
        setShouldReplaceStdStreams(false);
    }

    /**
     * Builds the kernel the way the kernelspec runs it: classpath from
     * IJAVA_CLASSPATH, compiler options from IJAVA_COMPILER_OPTS, the statement
     * timeout from IJAVA_TIMEOUT. Bad entries are reported (kernel log and the
     * first cell's stderr) and skipped.
     */
    public static KitKernel fromEnvironment(Map<String, String> env) {
        String opts = env.getOrDefault(COMPILER_OPTS_ENV, "").strip();
        List<String> compilerOptions = opts.isEmpty() ? List.of() : Arrays.asList(opts.split("\\s+"));
        List<String> problems = new ArrayList<>();
        CellEvaluator cells;
        try {
            cells = new CellEvaluator(compilerOptions);
        } catch (IllegalArgumentException | IllegalStateException e) {
            problems.add(COMPILER_OPTS_ENV + "='" + opts + "' was not accepted by the compiler (" + e.getMessage()
                    + "); the kernel runs without these options");
            cells = new CellEvaluator(List.of());
        }
        String cp = env.get(CLASSPATH_ENV);
        if (cp != null && !cp.isBlank()) {
            Path cwd = Path.of("").toAbsolutePath();
            for (String entry : cp.split(java.io.File.pathSeparator)) {
                if (entry.isBlank()) continue;
                try {
                    cells.addToClasspath(ClasspathSpec.expand(entry, cwd));
                } catch (Exception e) {
                    problems.add(CLASSPATH_ENV + ": " + e.getMessage());
                }
            }
        }
        String timeout = env.get(TIMEOUT_ENV);
        if (timeout != null && !timeout.isBlank()) {
            try {
                cells.setTimeoutMs(Durations.parseMillis(timeout));
            } catch (IllegalArgumentException e) {
                problems.add(TIMEOUT_ENV + ": " + e.getMessage() + "; cells run without a time limit");
            }
        }
        KitKernel kernel = new KitKernel(cells, MavenResolver.fromEnvironment());
        problems.forEach(kernel::reportStartupProblem);
        return kernel;
    }

    /** The running kernel, or null when none is. */
    public static BaseKernel current() {
        return current;
    }

    /** Makes this the kernel that {@link #current()} returns and whose magics cells call. */
    public void makeCurrent() {
        current = this;
        magics.makeCurrent();
    }

    /** Sends cell output through out (System.out and System.err point at its streams). */
    public void useOutput(CellOutput out) {
        this.output = out;
    }

    public CellEvaluator cells() {
        return cells;
    }

    void reportStartupProblem(String problem) {
        System.err.println("siamese-kit-kernel: " + problem);
        startupProblems.add(problem);
    }

    /**
     * IJAVA_STARTUP_SCRIPTS_PATH (globs separated by the path separator, each
     * match run in name order), then IJAVA_STARTUP_SCRIPT (code), as IJava runs
     * them: before the first cell, with magics allowed. A script that fails is
     * reported and the rest still run.
     */
    public void runStartupScripts(Map<String, String> env) {
        String path = env.get(STARTUP_SCRIPTS_PATH_ENV);
        if (path != null && !path.isBlank()) {
            Path cwd = Path.of("").toAbsolutePath();
            for (String entry : path.split(java.io.File.pathSeparator)) {
                if (entry.isBlank()) continue;
                List<Path> scripts;
                try {
                    scripts = ClasspathSpec.expand(entry, cwd);
                } catch (Exception e) {
                    reportStartupProblem(STARTUP_SCRIPTS_PATH_ENV + ": " + e.getMessage());
                    continue;
                }
                for (Path script : scripts) {
                    if (!Files.isRegularFile(script)) continue;
                    try {
                        runStartupCode(Files.readString(script, StandardCharsets.UTF_8), "startup script " + script);
                    } catch (java.io.IOException e) {
                        reportStartupProblem("cannot read startup script " + script + ": " + e.getMessage());
                    }
                }
            }
        }
        String script = env.get(STARTUP_SCRIPT_ENV);
        if (script != null && !script.isBlank()) runStartupCode(script, STARTUP_SCRIPT_ENV);
    }

    private void runStartupCode(String code, String what) {
        try {
            cells.eval(LineMagics.transform(code), CellEvaluator.STARTUP_CELL, () -> false);
        } catch (CellException e) {
            reportStartupProblem(what + " failed: " + String.join("\n", e.traceback()));
        } catch (RuntimeException e) {
            reportStartupProblem(what + " failed: " + e);
        }
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
    public HistoryManager getHistoryManager() {
        return history;
    }

    @Override
    public void becomeHandlerForConnection(JupyterConnection connection) {
        super.becomeHandlerForConnection(connection);
        ShellHandler<ExecuteRequest> execute = connection.getHandler(MessageType.EXECUTE_REQUEST);
        connection.setHandler(MessageType.EXECUTE_REQUEST, (env, message) -> handleExecute(connection, execute, env, message));
        connection.setHandler(MessageType.KERNEL_INFO_REQUEST, this::handleKernelInfo);
        connection.setHandler(MessageType.HISTORY_REQUEST, (env, message) -> HistoryReplies.handle(history, env, message));
    }

    /**
     * basekernel's execute handling (busy, execute_input, eval, result or error,
     * then reply and idle), with output attached to the request and flushed
     * before the reply, the cell recorded in the history, and after an error the
     * queued execute requests aborted unless this one said stop_on_error false.
     */
    private void handleExecute(JupyterConnection connection, ShellHandler<ExecuteRequest> execute,
                               ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        ExecuteRequest request = message.getContent();
        CellOutput out = output;
        if (out != null) out.attach(env);
        lastEvalFailed = false;
        lastResultText = null;
        executing = request.shouldStopOnError() ? env : null;
        waitingAtError = List.of();
        try {
            execute.handle(env, message);
        } finally {
            executing = null;
            if (out != null) out.flush();
        }
        if (request.shouldStoreHistory() && !request.isSilent()) {
            history.record(executionCount.get() - 1, request.getCode(), lastResultText);
        }
        if (lastEvalFailed && request.shouldStopOnError()) {
            // The failed cell's reply and idle go out first.
            env.resolveDeferrals();
            QueuedRequests.abort(connection, env, waitingAtError);
            waitingAtError = List.of();
        }
    }

    private void handleKernelInfo(ShellReplyEnvironment env, Message<KernelInfoRequest> message) {
        env.setBusyDeferIdle();
        env.reply(new KernelInfo(Header.PROTOCOL_VERISON, KERNEL_META.get("project"), KERNEL_META.get("version"),
                getLanguageInfo(), getBanner(), getHelpLinks()));
    }

    @Override
    public DisplayData eval(String code) throws Exception {
        try {
            DisplayData shown = evalCell(code);
            if (shown != null) lastResultText = String.valueOf(shown.getData(io.github.spencerpark.jupyter.kernel.display.mime.MIMEType.TEXT_PLAIN));
            return shown;
        } catch (Exception e) {
            lastEvalFailed = true;
            // before basekernel sends this cell's error reply: what waits now was sent before it
            if (executing != null) waitingAtError = QueuedRequests.takeWaiting(executing);
            throw e;
        } finally {
            CellOutput out = output;
            if (out != null) out.flush();
        }
    }

    private DisplayData evalCell(String code) throws Exception {
        interruptRequested.set(false);
        int cellNumber = executionCount.get() - 1;
        if (!startupProblems.isEmpty()) {
            List<String> problems = new ArrayList<>(startupProblems);
            startupProblems.clear();
            for (String p : problems) System.err.println("kernel startup: " + p);
        }
        String java;
        try {
            java = LineMagics.transform(code);
        } catch (IllegalArgumentException e) {
            throw new MagicException(e.getMessage());
        }
        Object value;
        try {
            value = cells.eval(java, cellNumber, interruptRequested::get);
        } catch (UserCodeException e) {
            if (e.thrown() instanceof MagicCallException magic) {
                throw new MagicException(magicLine(e) + magic.getMessage());
            }
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

    /** "line N: " for the cell line that called a failed magic, from the cell's frames. */
    private static String magicLine(UserCodeException e) {
        StackTraceElement[] frames = e.cellFrames();
        for (int i = frames.length - 1; i >= 0; i--) {
            if (frames[i].getFileName() != null && frames[i].getFileName().startsWith("In[") && frames[i].getLineNumber() > 0) {
                return "line " + frames[i].getLineNumber() + ": ";
            }
        }
        return "";
    }

    private static List<Path> expandAll(List<String> args, boolean lists) throws java.io.IOException {
        Path cwd = Path.of("").toAbsolutePath();
        List<Path> out = new ArrayList<>();
        for (String arg : args) out.addAll(lists ? ClasspathSpec.expandList(arg, cwd) : ClasspathSpec.expand(arg, cwd));
        return out;
    }

    /** Puts paths on the classpath; returns them all (as IJava does), also those already there. */
    private List<String> addAll(List<Path> paths) {
        cells.addToClasspath(paths);
        return paths.stream().map(Path::toString).toList();
    }

    private List<String> addMavenDependencies(List<String> coordinates) throws Exception {
        return addAll(maven.resolve(coordinates));
    }

    private Object addMavenRepo(List<String> args) {
        if (args.size() != 2) throw new IllegalArgumentException("needs a repository id and url, e.g. %mavenRepo my-repo https://host/maven2/");
        maven.addRepository(args.get(0), args.get(1));
        return null;
    }

    private List<String> loadPomFile(List<String> args) throws Exception {
        if (args.isEmpty()) throw new IllegalArgumentException("needs the path of a POM file, then optionally scopes");
        Path pom = Path.of(args.get(0)).toAbsolutePath();
        if (!Files.isRegularFile(pom)) throw new IllegalArgumentException("POM file " + pom + " does not exist");
        return loadPom(Files.readString(pom, StandardCharsets.UTF_8), args.subList(1, args.size()), pom.toString());
    }

    private List<String> loadPom(String text, List<String> scopeArgs, String where) throws Exception {
        Set<String> scopes = scopeArgs.isEmpty() ? PomDependencies.DEFAULT_SCOPES : new HashSet<>(scopeArgs);
        PomDependencies pom = PomDependencies.parse(text, scopes, where);
        if (pom.dependencies().isEmpty()) return List.of();
        return addAll(maven.resolve(pom.dependencies(), pom.repositories()));
    }

    @Override
    public List<String> formatError(Exception e) {
        List<String> lines;
        if (e instanceof CellException ce) lines = ce.traceback();
        else if (e == lastFailure && lastTraceback != null) lines = lastTraceback;
        else return super.formatError(e);
        return colour(lines);
    }

    /**
     * IJava's colours on the kit's cell-relative report: the first line (the
     * error's name and message) and "Caused by" lines bold red, stack lines
     * plain, a compile error's caret line red.
     */
    private List<String> colour(List<String> lines) {
        List<String> out = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            String trimmed = line.strip();
            boolean header = i == 0 || line.startsWith("Caused by: ") || line.startsWith("In[") || line.startsWith("kernel startup");
            if (header) out.add(errorStyler.secondary(line));
            else if (!trimmed.isEmpty() && trimmed.chars().allMatch(c -> c == '^' || c == '-')) out.add(errorStyler.secondary(line));
            else out.add(line);
        }
        return out;
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
            return cells.isComplete(LineMagics.transform(code));
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
        CellOutput out = output;
        if (out != null) out.flush();
        cells.close();
    }
}
