package org.siamesekit.kernel;

import java.util.Map;

import io.github.spencerpark.jupyter.channels.JupyterConnection;
import io.github.spencerpark.jupyter.channels.JupyterSocket;
import io.github.spencerpark.jupyter.channels.ShellChannel;
import io.github.spencerpark.jupyter.channels.ShellHandler;
import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageType;
import io.github.spencerpark.jupyter.messages.publish.PublishStatus;
import org.zeromq.ZMQ;

/**
 * After a cell fails, the execute requests already waiting on the shell socket
 * ("Run All") are answered with status {@code aborted} instead of being run, as
 * ipykernel does; other requests waiting there are handled as usual. Requests
 * that arrive later run normally.
 */
final class QueuedRequests {
    private QueuedRequests() {}

    /** Runs on the shell thread, which owns the socket; returns the number of aborted requests. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int abortWaiting(JupyterConnection connection, ShellReplyEnvironment failed) {
        JupyterSocket socket = failed.getShell();
        if (!(socket instanceof ShellChannel shell)) return 0;
        int aborted = 0;
        while ((shell.getEvents() & ZMQ.Poller.POLLIN) != 0) {
            Message message = shell.readMessage();
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
