package org.siamesekit.kernel.io;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A stdout or stderr for cell code that collects what is written and hands it on
 * in large pieces: {@link #flush()} passes everything collected so far, as one
 * string, to the sink (which publishes one Jupyter stream message).
 * <p>
 * Why: one message per {@code println} overflows the iopub socket's high-water
 * mark, and ZeroMQ then drops messages (lost output, a missing {@code idle}).
 * {@link OutputFlusher} calls {@link #flush()} every few tens of milliseconds,
 * as ipykernel does. Writes from any thread are collected; println does not
 * flush. A UTF-8 sequence cut at the end of a batch waits for the next one.
 */
public final class BatchedOutput extends OutputStream {
    private final Consumer<String> sink;
    // Held while a batch is taken and sent, so that batches leave in order.
    private final Object sendLock = new Object();
    private byte[] buf = new byte[8192];
    private int count;

    public BatchedOutput(Consumer<String> sink) {
        this.sink = sink;
    }

    /** A PrintStream over this stream that leaves flushing to the batches. */
    public PrintStream printStream() {
        return new PrintStream(this, false, StandardCharsets.UTF_8) {
            @Override
            public void flush() {
                // PrintStream's own buffers (none with these settings) only; the
                // batch goes out with the next tick, not with each explicit flush.
            }
        };
    }

    @Override
    public synchronized void write(int b) {
        ensure(1);
        buf[count++] = (byte) b;
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        ensure(len);
        System.arraycopy(b, off, buf, count, len);
        count += len;
    }

    private void ensure(int more) {
        if (count + more > buf.length) {
            long want = Math.max((long) buf.length * 2, (long) count + more);
            if (want > Integer.MAX_VALUE - 16) throw new OutOfMemoryError("more than 2 GB of output waiting to be sent");
            buf = Arrays.copyOf(buf, (int) want);
        }
    }

    /** Sends what has been collected, if anything. */
    @Override
    public void flush() {
        synchronized (sendLock) {
            send();
        }
    }

    private void send() {
        byte[] out;
        int n;
        synchronized (this) {
            n = completeUtf8(buf, count);
            if (n == 0) return;
            out = Arrays.copyOf(buf, n);
            int rest = count - n;
            System.arraycopy(buf, n, buf, 0, rest);
            count = rest;
            // Give back the memory of a large burst.
            if (buf.length > (1 << 20) && count < (1 << 16)) buf = Arrays.copyOf(buf, Math.max(8192, count));
        }
        sink.accept(new String(out, 0, n, StandardCharsets.UTF_8));
    }

    /** Bytes waiting to be sent. */
    public synchronized int pending() {
        return count;
    }

    /** The length of the longest prefix that does not end inside a UTF-8 sequence. */
    static int completeUtf8(byte[] b, int len) {
        int i = len - 1;
        int back = 0;
        // Step back over up to 3 continuation bytes (10xxxxxx) to the lead byte.
        while (i >= 0 && back < 3 && (b[i] & 0xC0) == 0x80) {
            i--;
            back++;
        }
        if (i < 0) return len;
        int lead = b[i] & 0xFF;
        int need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        return (len - i) < need ? i : len;
    }
}
