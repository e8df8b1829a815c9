package org.siamesekit.kernel;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import io.github.spencerpark.jupyter.channels.ShellReplyEnvironment;
import io.github.spencerpark.jupyter.kernel.history.HistoryEntry;
import io.github.spencerpark.jupyter.kernel.history.HistoryManager;
import io.github.spencerpark.jupyter.messages.Message;
import io.github.spencerpark.jupyter.messages.MessageType;
import io.github.spencerpark.jupyter.messages.request.HistoryRequest;

/**
 * Answers history_request as basekernel would, but always (an empty list when
 * nothing matches) and with the {@code status: ok} the message spec requires.
 */
final class HistoryReplies {
    private HistoryReplies() {}

    /**
     * The reply content. Entries are written as the spec's tuples here:
     * basekernel registers its HistoryEntry serializer only for reading replies,
     * so its own HistoryReply goes out as objects.
     */
    record Reply(String status, List<List<Object>> history) {}

    private static List<Object> tuple(HistoryEntry e) {
        Object io = e.hasOutput() ? List.of(e.getInput(), e.getOutput()) : e.getInput();
        return List.of(e.getSession(), e.getCellNumber(), io);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static void handle(HistoryManager manager, ShellReplyEnvironment env, Message<HistoryRequest> message) {
        HistoryRequest request = message.getContent();
        env.setBusyDeferIdle();
        Set<HistoryManager.ResultFlag> flags = EnumSet.noneOf(HistoryManager.ResultFlag.class);
        if (request.includeOutput()) flags.add(HistoryManager.ResultFlag.INCLUDE_OUTPUT);
        if (!request.useRaw()) flags.add(HistoryManager.ResultFlag.TRANSFORMED_INPUT);
        List<HistoryEntry> entries = switch (request.getAccessType()) {
            case TAIL -> manager.lookupTail(((HistoryRequest.Tail) request).getMaxReturnLength(), flags);
            case RANGE -> {
                HistoryRequest.Range r = (HistoryRequest.Range) request;
                yield manager.lookupRange(r.getSessionIndex(), r.getStart(), r.getStop(), flags);
            }
            case SEARCH -> {
                HistoryRequest.Search s = (HistoryRequest.Search) request;
                if (s.filterUnique()) flags.add(HistoryManager.ResultFlag.UNIQUE);
                yield manager.search(s.getPattern(), s.getMaxReturnLength(), flags);
            }
        };
        List<List<Object>> tuples = entries == null ? List.of() : entries.stream().map(HistoryReplies::tuple).toList();
        env.reply(new Message(message, MessageType.HISTORY_REPLY, new Reply("ok", tuples)));
    }
}
