package org.assemblybot.core.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.assemblybot.core.chat.ChatException;
import org.assemblybot.core.chat.ChatRefusedException;
import org.assemblybot.core.chat.ChatUnauthorizedException;
import org.assemblybot.core.chat.DirectRooms;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.FileSender;
import org.assemblybot.core.chat.MessageSender;
import org.assemblybot.core.chat.OutgoingMessage;
import org.assemblybot.core.chat.Polls;
import org.assemblybot.core.chat.QuietWindow;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.RoomPins;
import org.assemblybot.core.ops.Metrics;
import org.assemblybot.core.store.LateDropListener;
import org.assemblybot.core.store.Outbox;
import org.assemblybot.core.store.SentListener;
import org.assemblybot.core.store.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relay of the transactional outbox: performs what the outbox holds, oldest first, outside any database
 * transaction, and — in one transaction — removes each entry once the homeserver accepted it and tells the
 * {@link SentListener}s its event id (so features learn the ids of their announcements and polls, to edit
 * or end them later); what a listener queues then (a live message's next edit, a poll's end) goes out in the
 * same flush. Pins and unpins go out only where the bot's power level allows them (M8) and tell no listener;
 * files, new or re-posted, go out through the {@link FileSender} and are reported like messages. An entry that
 * fails stays queued with its transaction id and is retried on the next flush — also after a restart — so it is
 * performed once (M1) and never lost; one refused for good is logged and dropped.
 *
 * <p>This is the production class; tests run it too, over a fake chat edge.
 */
public final class OutboxSender implements QuietWindow {
    private static final Logger log = LoggerFactory.getLogger(OutboxSender.class);

    /** The chat edges the relay sends through. */
    public record Edges(MessageSender messages, Polls polls, DirectRooms directRooms, RoomPins pins,
                        FileSender files) {
        public Edges {
            Objects.requireNonNull(messages, "messages");
            Objects.requireNonNull(polls, "polls");
            Objects.requireNonNull(directRooms, "directRooms");
            Objects.requireNonNull(pins, "pins");
            Objects.requireNonNull(files, "files");
        }

        /** Edges of a chat that cannot post files: a queued file is refused, logged and dropped. */
        public Edges(MessageSender messages, Polls polls, DirectRooms directRooms, RoomPins pins) {
            this(messages, polls, directRooms, pins, FilesUnavailable.INSTANCE);
        }

        /** Edges of a chat that cannot pin: pins and unpins are skipped as where the bot's level is too low. */
        public Edges(MessageSender messages, Polls polls, DirectRooms directRooms) {
            this(messages, polls, directRooms, PinningUnavailable.INSTANCE);
        }
    }

    private final Outbox outbox;
    private final Transactions tx;
    private final Edges edges;
    private final Runnable afterDrain;
    private final List<SentListener> listeners = new CopyOnWriteArrayList<>();
    private final List<LateDropListener> dropListeners = new CopyOnWriteArrayList<>();
    private final Clock clock;
    private volatile Instant heldUntil = Instant.MIN;
    private volatile Runnable onUnauthorized = () -> { };
    private volatile Metrics metrics = Metrics.NOOP;

    /**
     * @param afterDrain runs once the outbox is empty again after sending (never inside a transaction); used
     *                   to checkpoint the WAL so that the text of sent messages does not linger in old frames
     */
    public OutboxSender(Outbox outbox, Transactions tx, Edges edges, Runnable afterDrain, Clock clock) {
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.edges = Objects.requireNonNull(edges, "edges");
        this.afterDrain = Objects.requireNonNull(afterDrain, "afterDrain");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Holds everything from now until {@code until}: a flush under way finishes its current entry, later ones
     * wait. Takes effect at once (memory only), also inside a transaction: a GO must not wait for the queue.
     */
    @Override
    public void hold(Instant until) {
        heldUntil = until;
    }

    /** Ends the hold and sends what waited — after the current transaction commits, if there is one. */
    @Override
    public void release() {
        heldUntil = Instant.MIN;
        tx.afterCommit(this::flush);
    }

    /** Registers a listener told about every entry the homeserver accepted, with its event id. */
    public void addListener(SentListener listener) {
        listeners.add(listener);
    }

    /** Registers a listener told about every entry dropped because its deadline passed (a GO too late). */
    public void addDropListener(LateDropListener listener) {
        dropListeners.add(listener);
    }

    /**
     * What to do when the homeserver says the bot's access is gone (401: token revoked, device deleted):
     * the entry stays queued and this runs once per flush that met it (the app stops the bot).
     */
    public void onUnauthorized(Runnable action) {
        this.onUnauthorized = Objects.requireNonNull(action, "action");
    }

    /** Counts what the relay sends, fails to send and drops (the operators' metrics). */
    public void observe(Metrics metrics) {
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    /**
     * Records that {@code txnId} was sent by the punctual path (a GO): removes it from the outbox and tells the
     * listeners, in one transaction.
     */
    @Override
    public void confirm(String txnId, RoomId room, EventId eventId) {
        tx.run(() -> {
            outbox.remove(txnId);
            notifySent(txnId, room, eventId);
        });
        metrics.sent("message");
    }

    private void notifySent(String txnId, RoomId room, EventId eventId) {
        for (SentListener listener : listeners) {
            try {
                listener.sent(txnId, room, eventId);
            } catch (RuntimeException e) {
                // The entry was sent; a listener's failure must not make it go out again.
                log.error("a sent-listener failed for {}", txnId, e);
            }
        }
    }

    private void notifyDropped(Outbox.Pending pending) {
        for (LateDropListener listener : dropListeners) {
            try {
                listener.droppedLate(pending.txnId(), pending.room(), pending.notAfter());
            } catch (RuntimeException e) {
                // The entry is too late either way; a listener's failure must not keep it queued.
                log.error("a drop listener failed for {}", pending.txnId(), e);
            }
        }
    }

    /**
     * Sends everything pending; returns how many entries are still waiting (failed this time). Runs only
     * outside a transaction: it talks to the homeserver.
     */
    public synchronized int flush() {
        if (clock.instant().isBefore(heldUntil)) {
            return 0; // a punctual send is due; what is queued goes out on release()
        }
        Round round = new Round();
        // Listeners may queue follow-ups while told (a live message's next edit, a poll's end): those go out in
        // the same flush, in further passes. Each entry is tried at most once per flush, so this ends.
        boolean more = true;
        while (more && !round.unauthorized) {
            List<Outbox.Pending> fresh = tx.inTransaction(outbox::pending).stream()
                    .filter(pending -> round.tried.add(pending.txnId())).toList();
            more = !fresh.isEmpty() && sendAll(fresh, round);
        }
        if (round.unauthorized) {
            onUnauthorized.run();
        } else if (round.done > 0 && round.failed == 0) {
            afterDrain.run();
        }
        return round.failed;
    }

    /** What one flush did so far. */
    private static final class Round {
        final java.util.Set<String> tried = new java.util.HashSet<>();
        int failed;
        int done;
        boolean unauthorized;
        /** A drop listener ran: it may have removed entries this round still holds, so each is checked first. */
        boolean listenersDropped;
    }

    /** Sends {@code entries} in order; false when it stopped early (a hold began, or access is gone). */
    private boolean sendAll(List<Outbox.Pending> entries, Round round) {
        for (Outbox.Pending pending : entries) {
            if (clock.instant().isBefore(heldUntil)) {
                return false; // a hold began while this flush was sending: the rest waits for release()
            }
            if (round.listenersDropped && !tx.inTransaction(() -> outbox.isPending(pending.txnId()))) {
                continue; // removed by a drop listener (e.g. the END of an action whose GO was dropped)
            }
            if (pending.notAfter() != null && clock.instant().isAfter(pending.notAfter())) {
                tx.run(() -> {
                    outbox.remove(pending.txnId());
                    if (pending.room() != null) {
                        notifyDropped(pending);
                    }
                });
                log.warn("dropped {}: it was due by {} and can no longer be sent in time", pending.txnId(),
                        pending.notAfter());
                metrics.sendDropped("late");
                round.done++;
                round.listenersDropped = !dropListeners.isEmpty();
                continue;
            }
            try {
                long start = System.nanoTime();
                RoomId room = pending.room() != null ? pending.room()
                        : edges.directRooms().directRoomWith(pending.person());
                EventId eventId = perform(room, pending);
                long accepted = System.nanoTime();
                tx.run(() -> {
                    outbox.remove(pending.txnId());
                    if (eventId != null) {
                        notifySent(pending.txnId(), room, eventId);
                    }
                });
                log.debug("sent {} in {} ms, recorded in {} ms", pending.txnId(),
                        (accepted - start) / 1_000_000, (System.nanoTime() - accepted) / 1_000_000);
                metrics.sent(kind(pending.intent()));
                round.done++;
            } catch (ChatRefusedException e) {
                // Refused for good (the bot was removed from the room, M6): retrying forever helps nobody.
                tx.run(() -> outbox.remove(pending.txnId()));
                log.warn("dropped {} to {}: {}", pending.txnId(), destination(pending), e.getMessage());
                metrics.sendDropped("refused");
                round.done++;
            } catch (ChatUnauthorizedException e) {
                // Nothing more will get through; keep everything queued for the next start.
                log.error("the homeserver no longer accepts the bot's access token; {} stays queued",
                        pending.txnId());
                metrics.sendFailed();
                round.failed++;
                round.unauthorized = true;
                return false;
            } catch (ChatException | IllegalStateException e) {
                metrics.sendFailed();
                round.failed++;
                log.warn("could not send {} to {} yet: {}", pending.txnId(), destination(pending), e.getMessage());
            }
        }
        return true;
    }

    /**
     * Flushes until the outbox is empty, {@code within} has passed or {@link #DRAIN_ATTEMPTS} flushes were
     * made (shutdown, T5); returns how many entries are still waiting — they stay queued for the next start.
     * A hold is lifted first: nothing is due after shutdown. Each attempt waits only as long as the adapter's
     * own retries take.
     */
    public int drain(Duration within) {
        heldUntil = Instant.MIN;
        Instant until = clock.instant().plus(within);
        int left = flush();
        for (int attempt = 1; left > 0 && attempt < DRAIN_ATTEMPTS && clock.instant().isBefore(until); attempt++) {
            left = flush();
        }
        return left;
    }

    static final int DRAIN_ATTEMPTS = 3;

    private EventId perform(RoomId room, Outbox.Pending pending) {
        Outbox.Intent intent = pending.intent();
        if (intent instanceof Outbox.PollStart start) {
            return edges.polls().startPoll(room, pending.txnId(), start.poll());
        }
        if (intent instanceof Outbox.PollEnd end) {
            return edges.polls().endPoll(room, pending.txnId(), end.poll(), end.results());
        }
        if (intent instanceof Outbox.Redaction redaction) {
            return edges.messages().redact(room, pending.txnId(), redaction.target(), redaction.reason());
        }
        if (intent instanceof Outbox.Pin pin) {
            return changePins(room, pending, pin.event(), true);
        }
        if (intent instanceof Outbox.Unpin unpin) {
            return changePins(room, pending, unpin.event(), false);
        }
        if (intent instanceof Outbox.File file) {
            return edges.files().sendFile(room, pending.txnId(), file.file(), file.threadRoot());
        }
        if (intent instanceof Outbox.Forward forward) {
            return edges.files().forwardFile(room, pending.txnId(), forward.file(), forward.threadRoot());
        }
        return send(room, pending.txnId(), ((Outbox.Message) intent).message());
    }

    /**
     * Pins or unpins where the bot's level allows it (M8), else skips quietly: a room that keeps its pins to
     * its moderators is not an error. Returns null: no event id reaches the listeners.
     */
    private EventId changePins(RoomId room, Outbox.Pending pending, EventId event, boolean pin) {
        if (!edges.pins().maySetPins(room)) {
            log.debug("skipped {} ({}): the bot may not change the pins in {}", pending.txnId(),
                    pin ? "pin" : "unpin", room.value());
        } else if (pin) {
            edges.pins().pin(room, event);
        } else {
            edges.pins().unpin(room, event);
        }
        return null;
    }

    private EventId send(RoomId room, String txnId, OutgoingMessage message) {
        return message.replaces() == null
                ? edges.messages().send(room, txnId, message)
                : edges.messages().edit(room, txnId, message.replaces(), message);
    }

    /** The metrics label of an intent: a small fixed set, never its content. */
    static String kind(Outbox.Intent intent) {
        if (intent instanceof Outbox.Message message) {
            return message.message().replaces() == null ? "message" : "edit";
        }
        if (intent instanceof Outbox.PollStart) {
            return "poll_start";
        }
        if (intent instanceof Outbox.PollEnd) {
            return "poll_end";
        }
        if (intent instanceof Outbox.Redaction) {
            return "redaction";
        }
        if (intent instanceof Outbox.Pin) {
            return "pin";
        }
        if (intent instanceof Outbox.Unpin) {
            return "unpin";
        }
        return "file";
    }

    private static String destination(Outbox.Pending pending) {
        return pending.room() != null ? pending.room().value() : "the direct room of " + pending.person().value();
    }
}
