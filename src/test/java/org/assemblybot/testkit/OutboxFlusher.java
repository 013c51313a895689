package org.assemblybot.testkit;

import java.util.ArrayList;
import java.util.List;
import org.assemblybot.core.chat.ChatException;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.MessageSender;
import org.assemblybot.core.chat.OutgoingMessage;
import org.assemblybot.core.store.Outbox;
import org.assemblybot.core.store.SentListener;

/**
 * What the app's OutboxSender does, for feature tests: sends every pending message (an edit when it
 * replaces another), removes it once accepted and tells the listeners its event id. A failed message stays
 * queued with its transaction id.
 */
public final class OutboxFlusher {
    private final Outbox outbox;
    private final MessageSender sender;
    private final List<SentListener> listeners = new ArrayList<>();

    public OutboxFlusher(Outbox outbox, MessageSender sender) {
        this.outbox = outbox;
        this.sender = sender;
    }

    public OutboxFlusher listener(SentListener listener) {
        listeners.add(listener);
        return this;
    }

    /** Returns how many messages are still waiting. */
    public int flush() {
        int failed = 0;
        for (Outbox.Pending pending : outbox.pending()) {
            OutgoingMessage message = pending.message();
            try {
                EventId id = message.replaces() == null
                        ? sender.send(pending.room(), pending.txnId(), message)
                        : sender.edit(pending.room(), pending.txnId(), message.replaces(), message);
                outbox.remove(pending.txnId());
                listeners.forEach(l -> l.sent(pending.txnId(), pending.room(), id));
            } catch (ChatException e) {
                failed++;
            }
        }
        return failed;
    }
}
