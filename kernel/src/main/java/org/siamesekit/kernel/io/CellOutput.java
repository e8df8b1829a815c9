package org.siamesekit.kernel.io;

import java.io.PrintStream;

import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.publish.PublishStream;

/**
 * The kernel's System.out and System.err: batched, and sent as stream messages
 * of the execute request they belong to.
 * <p>
 * A daemon thread sends both batches every {@link #PERIOD_MS} ms; the kernel
 * also calls {@link #flush()} before it publishes a cell's result, error or
 * {@code idle}, so output comes before them. Output written after a cell has
 * ended (a background thread) goes to that last cell, as under ipykernel; output
 * written before any cell goes to the kernel's original streams (the server log).
 */
public final class CellOutput implements AutoCloseable {
    public static final long PERIOD_MS = 50;

    private final PrintStream originalOut;
    private final PrintStream originalErr;
    private final BatchedOutput out;
    private final BatchedOutput err;
    private final PrintStream outStream;
    private final PrintStream errStream;
    private final Thread flusher;
    private volatile ShellReplyEnvironment env;
    private volatile boolean closed;

    public CellOutput(PrintStream originalOut, PrintStream originalErr) {
        this.originalOut = originalOut;
        this.originalErr = originalErr;
        this.out = new BatchedOutput(text -> send(PublishStream.StreamType.OUT, text));
        this.err = new BatchedOutput(text -> send(PublishStream.StreamType.ERR, text));
        this.outStream = out.printStream();
        this.errStream = err.printStream();
        this.flusher = new Thread(this::flushLoop, "siamese-kit-output");
        flusher.setDaemon(true);
        flusher.start();
    }

    public PrintStream out() {
        return outStream;
    }

    public PrintStream err() {
        return errStream;
    }

    /** From now on output belongs to this request; what was written before goes to the previous one. */
    public void attach(ShellReplyEnvironment next) {
        flush();
        env = next;
    }

    /** Sends everything written so far (stderr first: it usually explains what follows). */
    public void flush() {
        err.flush();
        out.flush();
    }

    private void send(PublishStream.StreamType type, String text) {
        ShellReplyEnvironment target = env;
        if (target == null) {
            PrintStream p = type == PublishStream.StreamType.OUT ? originalOut : originalErr;
            p.print(text);
            p.flush();
            return;
        }
        // Straight to the socket (sendMessage is synchronized): env.publish would
        // interfere with the shell thread's defer() on the same environment.
        PublishStream content = new PublishStream(type, text);
        target.getIopub().sendMessage(new Message<>(target.getContext(), content.getType(), content));
    }

    private void flushLoop() {
        while (!closed) {
            try {
                Thread.sleep(PERIOD_MS);
                flush();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // A failed send (socket closed at shutdown) must not end the loop.
                originalErr.println("siamese-kit-kernel: sending output failed: " + e);
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        flusher.interrupt();
        flush();
    }
}
