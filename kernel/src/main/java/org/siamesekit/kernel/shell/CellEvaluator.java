package org.siamesekit.kernel.shell;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.github.spencerpark.jupyter.kernel.BaseKernel;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.UnresolvedReferenceException;

import org.siamesekit.kernel.display.Display;
import org.siamesekit.kernel.magic.Magics;

/**
 * Evaluates notebook cells with JShell, running the code in this JVM.
 * <p>
 * A cell is split into JShell snippets and evaluated one snippet at a time; the
 * value of the last one, if it is an expression, is the cell's value. Each
 * snippet's place in its cell is kept so that compile errors and stack traces
 * can name the cell line, even for a method declared in an earlier cell.
 */
public final class CellEvaluator implements AutoCloseable {
    /** JShell's default imports (what IJava notebooks assume) and the display functions. */
    static final List<String> STARTUP = List.of(
            "import java.io.*;",
            "import java.math.*;",
            "import java.net.*;",
            "import java.nio.file.*;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.function.*;",
            "import java.util.prefs.*;",
            "import java.util.regex.*;",
            "import java.util.stream.*;",
            "import static " + Display.class.getName() + ".*;",
            "import static " + Magics.class.getName() + ".lineMagic;",
            "import static " + Magics.class.getName() + ".cellMagic;");

    private static final Pattern WRAPPER_CLASS = Pattern.compile("^(REPL\\.\\$JShell\\$\\d+)(?:\\$(.+))?$");
    /** The cell number to pass to {@link #eval} for code run at kernel startup. */
    public static final int STARTUP_CELL = -1;

    /** Where a snippet came from: its cell and the 0-based cell line its source starts on. */
    private record Origin(int cell, int firstLine) {}

    /** Completion choices and the span of the cell they replace. */
    public record Completion(List<String> options, int start, int end) {}

    private final JShell shell;
    private final SourceCodeAnalysis analysis;
    private final CellExecutionControlProvider provider;
    private final Set<Path> classpath = new LinkedHashSet<>();
    private final Map<String, Origin> origins = new ConcurrentHashMap<>();
    private final Map<String, Snippet> snippetsByWrapper = new ConcurrentHashMap<>();

    public CellEvaluator(List<String> compilerOptions) {
        provider = new CellExecutionControlProvider(CellEvaluator.class.getClassLoader());
        shell = JShell.builder()
                .executionEngine(provider, Map.of())
                .compilerOptions(compilerOptions.toArray(String[]::new))
                .out(forwarding(() -> System.out))
                .err(forwarding(() -> System.err))
                .build();
        analysis = shell.sourceCodeAnalysis();
        // The compiler needs the kernel's classes (display functions, the basekernel
        // API); at run time cell code gets them from the parent class loader.
        for (Path p : codeSources(Display.class, BaseKernel.class)) shell.addToClasspath(p.toString());
        for (String s : STARTUP) {
            try {
                evalSnippet(s, s, 0, STARTUP_CELL);
            } catch (CellException e) {
                throw new IllegalStateException("kernel startup snippet failed: " + s + "\n" + String.join("\n", e.traceback()), e);
            }
        }
    }

    /** Adds jars or class folders for compiling and running cells; returns those that were new. */
    public synchronized List<Path> addToClasspath(List<Path> entries) {
        List<Path> added = new ArrayList<>();
        for (Path p : entries) {
            Path abs = p.toAbsolutePath().normalize();
            if (classpath.add(abs)) {
                shell.addToClasspath(abs.toString());
                added.add(abs);
            }
        }
        return added;
    }

    public synchronized List<Path> classpath() {
        return List.copyOf(classpath);
    }

    /** IJAVA_TIMEOUT: stops a top-level statement after this many ms (0 or less: no limit). */
    public void setTimeoutMs(long ms) {
        provider.control().cellThread().setTimeoutMs(ms);
    }

    /** The loader of cell classes and notebook jars; also the cell thread's context loader. */
    public ClassLoader cellClassLoader() {
        return provider.control().cellThread().contextLoader();
    }

    /**
     * Evaluates a cell and returns the value of its last snippet if that is an
     * expression (null otherwise, and for a null value).
     *
     * @param cell        the cell's Java code (magic lines already blanked)
     * @param cellNumber  the execution count, used in error reports ("In[3] line 2")
     * @param interrupted polled between snippets, so an interrupt skips the rest of the cell
     */
    public Object eval(String cell, int cellNumber, BooleanSupplier interrupted) throws CellException {
        provider.control().cellThread().clearPendingStop();
        Object result = null;
        String rest = cell;
        while (!rest.isBlank()) {
            int start = cell.length() - rest.length();
            if (interrupted.getAsBoolean()) {
                throw new EvaluationInterruptedException(" before line " + SourceLines.lineOf(cell, start + leadingBlanks(rest)));
            }
            CompletionInfo info = analysis.analyzeCompletion(rest);
            switch (info.completeness()) {
                case EMPTY:
                    return result;
                case DEFINITELY_INCOMPLETE:
                case CONSIDERED_INCOMPLETE:
                    throw new IncompleteSourceException(SourceLines.lineOf(cell, start + leadingBlanks(rest)), rest.strip());
                default:
                    result = evalSnippet(info.source(), cell, start, cellNumber);
            }
            rest = info.remaining();
        }
        return result;
    }

    private Object evalSnippet(String source, String cell, int start, int cellNumber) throws CellException {
        int firstLine = SourceLines.lineOf(cell, start) - 1;
        CellExecutionControl control = provider.control();
        control.takeOutcome();
        List<SnippetEvent> events = shell.eval(source);
        CellExecutionControl.Outcome outcome = control.takeOutcome();
        Object value = null;
        for (SnippetEvent ev : events) {
            if (ev.causeSnippet() != null) continue; // knock-on updates of earlier snippets
            Snippet sn = ev.snippet();
            origins.put(sn.id(), new Origin(cellNumber, firstLine));
            if (outcome.stopped()) {
                String where = " at " + cellLabel(cellNumber) + " line " + (firstLine + 1 + leadingBlankLines(source));
                if (control.cellThread().timedOut()) {
                    throw new EvaluationTimeoutException(where, control.cellThread().timeoutMs());
                }
                throw new EvaluationInterruptedException(where);
            }
            switch (ev.status()) {
                case REJECTED -> throw compilationError(sn, cellNumber, firstLine);
                case RECOVERABLE_NOT_DEFINED -> throw unresolved(sn, sn, cellNumber, firstLine, "cannot be declared");
                case RECOVERABLE_DEFINED -> System.err.println(describe(sn) + " was declared, but cannot be used until "
                        + String.join(", ", unresolvedNames(sn)) + " is declared");
                default -> reportWarnings(sn, cellNumber, firstLine);
            }
            if (ev.exception() instanceof UnresolvedReferenceException ure) {
                throw unresolved(ure.getSnippet(), sn, cellNumber, firstLine, "cannot be invoked");
            }
            if (ev.exception() != null) {
                Throwable thrown = outcome.thrown() != null ? outcome.thrown() : ev.exception();
                throw new UserCodeException(thrown, Traceback.format(thrown, this::locateCellFrame),
                        Traceback.frames(thrown, this::locateCellFrame));
            }
            value = switch (sn.subKind()) {
                case TEMP_VAR_EXPRESSION_SUBKIND, VAR_VALUE_SUBKIND, OTHER_EXPRESSION_SUBKIND -> outcome.value();
                default -> null;
            };
        }
        return value;
    }

    private CompilationException compilationError(Snippet sn, int cellNumber, int firstLine) {
        String src = sn.source();
        List<Diag> errors = shell.diagnostics(sn).filter(Diag::isError).collect(Collectors.toList());
        if (errors.isEmpty()) {
            int line = firstLine + 1;
            String msg = "line " + line + ": JShell rejected this code";
            return new CompilationException(line, msg, List.of(cellLabel(cellNumber) + " " + msg, src.strip()));
        }
        List<String> tb = new ArrayList<>();
        int firstErrorLine = -1;
        String firstMessage = null;
        for (Diag d : errors) {
            int pos = (int) Math.max(0, d.getStartPosition() >= 0 ? d.getStartPosition() : d.getPosition());
            int end = (int) Math.max(pos, d.getEndPosition());
            int line = firstLine + SourceLines.lineOf(src, pos);
            String message = d.getMessage(null).lines()
                    .filter(l -> !l.strip().startsWith("location:"))
                    .collect(Collectors.joining("\n"));
            if (firstErrorLine < 0) {
                firstErrorLine = line;
                firstMessage = message;
            }
            tb.add(cellLabel(cellNumber) + " line " + line + ": " + message.replace("\n", "\n    "));
            String codeLine = SourceLines.lineAt(src, pos);
            int col = SourceLines.columnOf(src, pos);
            int width = Math.max(1, Math.min(end, pos + codeLine.length() - col) - pos);
            tb.add("    " + codeLine);
            tb.add("    " + " ".repeat(col) + (width == 1 ? "^" : "^" + "-".repeat(width - 2) + "^"));
        }
        return new CompilationException(firstErrorLine, "line " + firstErrorLine + ": " + firstMessage, tb);
    }

    /**
     * Compiler warnings (those IJAVA_COMPILER_OPTS turns on, such as -Xlint:all,
     * and javac's default ones) go to the cell's stderr with their cell line.
     */
    private void reportWarnings(Snippet sn, int cellNumber, int firstLine) {
        shell.diagnostics(sn).filter(d -> !d.isError()).forEach(d -> {
            int pos = (int) Math.max(0, d.getStartPosition() >= 0 ? d.getStartPosition() : d.getPosition());
            int line = firstLine + SourceLines.lineOf(sn.source(), pos);
            String message = d.getMessage(null).lines()
                    .filter(l -> !l.strip().startsWith("location:"))
                    .collect(Collectors.joining("\n    "));
            System.err.println(cellLabel(cellNumber) + " line " + line + ": warning: " + message);
        });
    }

    /** declared: the declaration with missing dependencies; current: the snippet being run. */
    private CompilationException unresolved(Snippet declared, Snippet current, int cellNumber, int firstLine, String what) {
        int line = firstLine + 1 + leadingBlankLines(current.source());
        String msg = "line " + line + ": " + describe(declared) + " " + what + " until "
                + String.join(", ", unresolvedNames(declared)) + " is declared";
        return new CompilationException(line, msg, List.of(cellLabel(cellNumber) + " " + msg));
    }

    private List<String> unresolvedNames(Snippet sn) {
        if (sn instanceof DeclarationSnippet ds) return shell.unresolvedDependencies(ds).collect(Collectors.toList());
        return List.of();
    }

    private static String describe(Snippet sn) {
        if (sn instanceof DeclarationSnippet ds) {
            String kind = switch (sn.kind()) {
                case METHOD -> "method";
                case TYPE_DECL -> "type";
                case VAR -> "variable";
                default -> "declaration";
            };
            return kind + " " + ds.name();
        }
        return "this code";
    }

    /** Where a frame of cell code is in the cells; null for any other frame. */
    CellFrame locateCellFrame(StackTraceElement frame) {
        Matcher m = WRAPPER_CLASS.matcher(frame.getClassName());
        if (!m.matches()) return null;
        String method = frame.getMethodName().equals("do_it$") ? null : frame.getMethodName();
        String owner = m.group(2) != null ? m.group(2).replace('$', '.') : null;
        Snippet sn = snippetForWrapper(m.group(1));
        Origin origin = sn != null ? origins.get(sn.id()) : null;
        if (origin == null) return new CellFrame(owner, method, "an earlier cell", -1);
        int snippetLine = snippetLine(sn, frame.getLineNumber());
        return new CellFrame(owner, method, cellLabel(origin.cell()),
                snippetLine > 0 ? origin.firstLine() + snippetLine : -1);
    }

    private Snippet snippetForWrapper(String wrapperClass) {
        Snippet sn = snippetsByWrapper.get(wrapperClass);
        if (sn != null) return sn;
        shell.snippets().forEach(s -> {
            try {
                snippetsByWrapper.putIfAbsent(analysis.wrapper(s).fullClassName(), s);
            } catch (RuntimeException ignored) {
                // snippets without a wrapper class
            }
        });
        return snippetsByWrapper.get(wrapperClass);
    }

    /** Maps a line of JShell's generated wrapper class back to a line of the snippet. */
    private int snippetLine(Snippet sn, int wrappedLine) {
        if (wrappedLine < 1) return -1;
        SourceCodeAnalysis.SnippetWrapper w = analysis.wrapper(sn);
        int pos = SourceLines.firstNonBlankOfLine(w.wrapped(), wrappedLine);
        if (pos < 0) return -1;
        int src = w.wrappedToSourcePosition(pos);
        if (src < 0 || src > w.source().length()) return -1;
        // JShell's wrapper source can differ from the snippet's in leading blanks;
        // count lines in the snippet's own text so the offset into the cell holds.
        int shift = sn.source().indexOf(w.source().strip());
        int base = shift >= 0 ? shift - w.source().indexOf(w.source().strip()) : 0;
        return SourceLines.lineOf(sn.source(), Math.max(0, base + src));
    }

    private static String cellLabel(int cellNumber) {
        return cellNumber == STARTUP_CELL ? "kernel startup" : "In[" + cellNumber + "]";
    }

    /** Completion at cursor, considering only the snippet the cursor is in. */
    public Completion complete(String code, int cursor) {
        int at = Math.max(0, Math.min(cursor, code.length()));
        int start = snippetStart(code, at);
        int[] anchor = new int[1];
        List<SourceCodeAnalysis.Suggestion> suggestions =
                analysis.completionSuggestions(code.substring(start, at), at - start, anchor);
        Map<String, Boolean> options = new LinkedHashMap<>();
        suggestions.stream().filter(SourceCodeAnalysis.Suggestion::matchesType)
                .forEach(s -> options.putIfAbsent(s.continuation(), true));
        suggestions.forEach(s -> options.putIfAbsent(s.continuation(), true));
        return new Completion(List.copyOf(options.keySet()), start + anchor[0], at);
    }

    /** Signature and javadoc of what is at cursor, or an empty list. */
    public List<String> documentation(String code, int cursor) {
        // Look at the whole identifier under the cursor, and at the call if one follows,
        // so "String.valu|eOf" and "String.valueOf|" both find valueOf.
        int at = Math.max(0, Math.min(cursor, code.length()));
        while (at < code.length() && Character.isJavaIdentifierPart(code.charAt(at))) at++;
        int paren = at;
        while (paren < code.length() && Character.isWhitespace(code.charAt(paren))) paren++;
        if (paren < code.length() && code.charAt(paren) == '(') at = paren + 1;
        int start = snippetStart(code, at);
        String text = code.substring(start, at);
        List<SourceCodeAnalysis.Documentation> found = analysis.documentation(text, text.length(), true);
        if (found.isEmpty() && !text.endsWith("(")) found = analysis.documentation(text + "(", text.length() + 1, true);
        List<String> docs = new ArrayList<>();
        for (SourceCodeAnalysis.Documentation d : found) {
            docs.add(d.javadoc() != null ? d.signature() + "\n" + d.javadoc() : d.signature());
        }
        return docs;
    }

    /** Where the snippet holding the cursor starts: complete snippets before it are skipped. */
    private int snippetStart(String code, int cursor) {
        int start = 0;
        String rest = code.substring(0, cursor);
        while (true) {
            CompletionInfo info = analysis.analyzeCompletion(rest);
            if (!info.completeness().isComplete() || info.remaining().isEmpty()) return start;
            start += rest.length() - info.remaining().length();
            rest = info.remaining();
        }
    }

    /** Jupyter's is_complete answer: "complete", "invalid", or an indent for more input. */
    public String isComplete(String code) {
        String rest = code;
        while (!rest.isBlank()) {
            CompletionInfo info = analysis.analyzeCompletion(rest);
            switch (info.completeness()) {
                case EMPTY:
                    return "complete";
                case DEFINITELY_INCOMPLETE:
                case CONSIDERED_INCOMPLETE:
                    return "    ";
                case UNKNOWN:
                    return "invalid";
                default:
                    rest = info.remaining();
            }
        }
        return "complete";
    }

    /** Stops the running cell (from another thread). */
    public void stop() {
        provider.control().stop();
    }

    @Override
    public void close() {
        shell.close();
    }

    private static int leadingBlanks(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
        return i;
    }

    private static int leadingBlankLines(String s) {
        return SourceLines.lineOf(s, leadingBlanks(s)) - 1;
    }

    private static List<Path> codeSources(Class<?>... classes) {
        Set<Path> out = new LinkedHashSet<>();
        for (Class<?> c : classes) {
            CodeSource cs = c.getProtectionDomain().getCodeSource();
            if (cs == null || cs.getLocation() == null) {
                throw new IllegalStateException("cannot locate the jar or folder holding " + c.getName());
            }
            try {
                out.add(Path.of(cs.getLocation().toURI()));
            } catch (URISyntaxException e) {
                throw new IllegalStateException("bad code source for " + c.getName() + ": " + cs.getLocation(), e);
            }
        }
        return new ArrayList<>(out);
    }

    /** A stream that writes wherever System.out (or err) points at the time of writing. */
    private static PrintStream forwarding(Supplier<PrintStream> target) {
        return new PrintStream(new OutputStream() {
            @Override public void write(int b) { target.get().write(b); }
            @Override public void write(byte[] b, int off, int len) { target.get().write(b, off, len); }
            @Override public void flush() { target.get().flush(); }
        }, true, StandardCharsets.UTF_8);
    }
}
