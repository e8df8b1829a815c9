package org.siamesekit.kernel.shell;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

import jdk.jshell.execution.DirectExecutionControl;

/**
 * JShell's local execution engine for the kernel: snippets run in the kernel JVM
 * (so they can reach the kernel for display) on the {@link CellThread}.
 * <p>
 * It keeps the actual value of the last snippet and the actual exception it
 * threw, where JShell itself only passes strings on: the value is what the
 * kernel renders (an image, a chart, a table), and the exception is what it
 * reports, with its real class and with line numbers mapped back to the cell.
 */
final class CellExecutionControl extends DirectExecutionControl {
    /** What the last invocation did: returned value, threw thrown, or was stopped. */
    record Outcome(Object value, Throwable thrown, boolean stopped) {
        static final Outcome NONE = new Outcome(null, null, false);
    }

    private final CellThread thread;
    private volatile Outcome last = Outcome.NONE;

    CellExecutionControl(CellLoaderDelegate delegate) {
        super(delegate);
        this.thread = new CellThread("siamese-kit-cell", delegate.loader());
    }

    CellThread cellThread() {
        return thread;
    }

    Outcome takeOutcome() {
        Outcome o = last;
        last = Outcome.NONE;
        return o;
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        last = Outcome.NONE;
        try {
            Object value = thread.run(() -> doitMethod.invoke(null));
            last = new Outcome(value, null, false);
            // JShell's text form of the value is never shown; skipping it avoids a
            // toString() on every result (a large array, a whole table).
            return "";
        } catch (CellThread.StoppedException e) {
            last = new Outcome(null, null, true);
            throw new StoppedException();
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            last = new Outcome(null, cause, false);
            return throwConvertedInvocationException(cause);
        } catch (Exception e) {
            last = new Outcome(null, e, false);
            return throwConvertedOtherException(e);
        } catch (Throwable t) {
            last = new Outcome(null, t, false);
            return throwConvertedOtherException(t);
        }
    }

    /** Values of declared variables are never shown either; see {@link #invoke(Method)}. */
    @Override
    public String varValue(String className, String varName) {
        return "";
    }

    @Override
    public void stop() {
        thread.stop();
    }
}
