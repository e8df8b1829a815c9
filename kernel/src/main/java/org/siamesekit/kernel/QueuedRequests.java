package org.siamesekit.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.channels.ShellChannel;
import io.github.spencerpark.jupyter.channels.ShellHandler;
import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageType;
import io.github.spencerpark.jupyter.messages.publish.PublishStatus;
import org.zeromq.ZMQ;

/**
 * After a cell fails, the execute requests that were already waiting on the
 * shell socket when it failed ("Run All") are answered with status
 * {@code aborted} instead of being run, as ipykernel does; other requests
 * waiting there are handled as usual. They are taken off the socket before the
 * failed cell's reply goes out, so a request sent after the client saw that
 * reply (by a client that waits for each reply) is never among them, however
 * late the kernel gets to them; it runs normally.
 */
final class QueuedRequests {
    private QueuedRequests() {}

    /** The messages waiting on the shell socket now; on the shell thread, which owns the socket. */
    static List<Message<?>> takeWaiting(ShellReplyEnvironment env) {
        List<Message<?>> waiting = new ArrayList<>();
        if (!(env.getShell() instanceof ShellChannel shell)) return waiting;
        while ((shell.getEvents() & ZMQ.Poller.POLLIN) != 0) waiting.add(shell.readMessage());
        return waiting;
    }

    /**
     * Answers the execute requests among {@code waiting} (taken by
     * {@link #takeWaiting} when the cell failed) with status aborted and
     * handles the other requests; returns the number aborted. Shell thread.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int abort(JupyterConnection connection, ShellReplyEnvironment failed, List<Message<?>> waiting) {
        if (!(failed.getShell() instanceof ShellChannel shell)) return 0;
        int aborted = 0;
        for (Message message : waiting) {
            ShellReplyEnvironment env = connection.prepareReplyEnv(shell, message);
            if (message.getHeader().getType() == MessageType.EXECUTE_REQUEST) {
                env.setStatusBusy();
                env.reply(new Message(message, MessageType.EXECUTE_REPLY, Map.of("status", "aborted")));
                env.publish(PublishStatus.IDLE);
                aborted++;
                continue;
            }
            ShellHandler handler = connection.getHandler(message.getHeader().getType());
            if (handler == null) continue;
            try {
                handler.handle(env, message);
            } catch (Exception e) {
                System.err.println("siamese-kit-kernel: handling a queued " + message.getHeader().getType().getName()
                        + " failed: " + e);
            } finally {
                env.resolveDeferrals();
            }
            if (env.isMarkedForShutdown()) {
                connection.close();
                break;
            }
        }
        return aborted;
    }
}
