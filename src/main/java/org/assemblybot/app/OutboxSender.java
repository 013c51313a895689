package org.assemblybot.app;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assemblybot.core.chat.ChatException;
import org.assemblybot.core.chat.ChatRefusedException;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.OutgoingMessage;
import org.assemblybot.core.chat.QuietWindow;
import org.assemblybot.core.store.SentListener;
import org.assemblybot.core.chat.MessageSender;
import org.assemblybot.core.store.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what the outbox holds, oldest first, and removes each message once the homeserver accepted it.
 * A message that fails stays queued with its transaction id and is retried on the next flush — also after
 * a restart — so it is sent once (M1) and never lost.
 */
final class OutboxSender implements QuietWindow {
    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);

    private final Outbox outbox;
    private final MessageSender sender;
    private final Runnable afterDrain;
    private final List<SentListener> listeners = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private volatile Instant heldUntil = Instant.MIN;

    /**
     * @param afterDrain runs once the outbox is empty again after sending; used to checkpoint the WAL so
     *                   that the text of sent messages does not linger in old WAL frames
     */
    OutboxSender(Outbox outbox, MessageSender sender, Runnable afterDrain, Clock clock) {
        this.outbox = outbox;
        this.sender = sender;
        this.afterDrain = afterDrain;
        this.clock = clock;
    }

    @Override
    public void hold(Instant until) {
        heldUntil = until;
    }

    @Override
    public void release() {
        heldUntil = Instant.MIN;
        flush();
    }

    /** Registers a listener told about every message the homeserver accepted (e.g. to learn event ids). */
    void addListener(SentListener listener) {
        listeners.add(listener);
    }

    private void notifySent(Outbox.Pending pending, EventId eventId) {
        for (SentListener listener : listeners) {
            try {
                listener.sent(pending.txnId(), pending.room(), eventId);
            } catch (RuntimeException e) {
                log.error("a sent-listener failed for {}", pending.txnId(), e);
            }
        }
    }

    /** Sends everything pending; returns how many messages are still waiting (failed this time). */
    synchronized int flush() {
        if (clock.instant().isBefore(heldUntil)) {
            return 0; // a punctual send is due; what is queued goes out on release()
        }
        int failed = 0;
        int sent = 0;
        for (Outbox.Pending pending : outbox.pending()) {
            try {
                long start = System.nanoTime();
                OutgoingMessage message = pending.message();
                EventId eventId = message.replaces() == null
                        ? sender.send(pending.room(), pending.txnId(), message)
                        : sender.edit(pending.room(), pending.txnId(), message.replaces(), message);
                long accepted = System.nanoTime();
                outbox.remove(pending.txnId());
                log.debug("sent {} in {} ms, removed from the outbox in {} ms", pending.txnId(),
                        (accepted - start) / 1_000_000, (System.nanoTime() - accepted) / 1_000_000);
                sent++;
            } catch (ChatRefusedException e) {
                // Refused for good (the bot was removed from the room, M6): retrying forever helps nobody.
                outbox.remove(pending.txnId());
                log.warn("dropped message {} to {}: {}", pending.txnId(), pending.room(), e.getMessage());
            } catch (ChatException e) {
                failed++;
                log.warn("could not send message {} to {} yet: {}", pending.txnId(), pending.room(), e.getMessage());
            }
        }
        if (sent > 0 && failed == 0) {
            afterDrain.run();
        }
        return failed;
    }
}
