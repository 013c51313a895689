package org.assemblybot.core.live;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.OutgoingMessage;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.live.LiveMessageStore.Row;
import org.assemblybot.core.live.LiveMessageStore.State;
import org.assemblybot.core.schedule.ScheduledTxn;
import org.assemblybot.core.store.Outbox;
import org.assemblybot.core.store.SentListener;
import org.assemblybot.core.store.Transactions;
import org.assemblybot.core.text.RichText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Messages that show current state and are edited in place — a countdown, vote turnout, a roster — like the
 * status comment a bot keeps on a pull request. A feature says what the message should show now
 * ({@link #show}); this class posts it once, learns its event id from the relay, and edits it when the content
 * changed.
 *
 * <p>At most one version of a message is on its way at a time: while its post or an edit waits in the outbox,
 * newer content only replaces the wish, parked in the outbox (not queued), and goes out as one edit when the
 * relay reports the previous one sent ({@link #sent}). A burst of changes thus costs one edit (M2), and edits
 * never overtake each other. Everything lives in the database, in the caller's transaction: after a restart
 * nothing is lost or sent twice (transaction ids derive from the key and an edit counter, M1). The database
 * keeps hashes of the content, never its text (P1); unsent text stays in the outbox only.
 *
 * <p>A message someone redacted is no longer edited nor posted anew: the room removed it on purpose.
 */
public final class LiveMessages implements SentListener {
    private static final Logger log = LoggerFactory.getLogger(LiveMessages.class);

    private final LiveMessageStore store;
    private final Outbox outbox;
    private final Transactions tx;
    private final Clock clock;

    public LiveMessages(LiveMessageStore store, Outbox outbox, Transactions tx, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.outbox = Objects.requireNonNull(outbox, "outbox");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Shows {@code content} as the message {@code key} in {@code room}: posts it the first time, edits it later. */
    public void show(LiveKey key, RoomId room, RichText content) {
        tx.run(() -> show(key, room, message(content), false));
    }

    /** As {@link #show}, and pins the message once posted, where the bot's power level allows (M8). */
    public void showPinned(LiveKey key, RoomId room, RichText content) {
        tx.run(() -> show(key, room, message(content), true));
    }

    /**
     * Edits the message {@code key} in {@code room} to {@code content} if it was shown there; posts nothing new.
     * For a last word that only makes sense in place (a countdown's "GO now").
     *
     * @return whether the message exists there (and was not retired or redacted)
     */
    public boolean update(LiveKey key, RoomId room, RichText content) {
        return tx.inTransaction(() -> {
            Optional<Row> row = store.find(key, room).filter(r -> r.state() == State.LIVE);
            row.ifPresent(r -> show(key, room, message(content), r.pinned()));
            return row.isPresent();
        });
    }

    /**
     * The owner is done with {@code key} in every room: content already asked for still goes out, then the
     * message is forgotten (and unpinned, if it was pinned). The key must not be shown again.
     */
    public void retire(LiveKey key) {
        tx.run(() -> {
            for (Row row : store.withKey(key)) {
                if (row.pinned() && row.event() != null && row.state() == State.LIVE) {
                    outbox.enqueue(txn(key, row.room(), "unpin"), row.room(), new Outbox.Unpin(row.event()),
                            clock.instant());
                }
                settle(forgetLost(row).in(State.RETIRED));
            }
        });
    }

    /**
     * The event the room shows for {@code key}, once the homeserver accepted it (e.g. to answer in its thread); empty
     * before that, or when it was redacted.
     */
    public Optional<EventId> eventOf(LiveKey key, RoomId room) {
        return tx.inTransaction(() -> store.find(key, room).filter(r -> r.state() != State.REDACTED)
                .map(Row::event));
    }

    /** Which live message {@code event} in {@code room} is, if it is one (e.g. to count reactions on it). */
    public Optional<LiveKey> keyOf(RoomId room, EventId event) {
        return tx.inTransaction(() -> store.byEvent(room, event).map(Row::key));
    }

    /**
     * Someone redacted {@code event} in {@code room}: if it was a live message, it is no longer edited (and the
     * content parked for it is dropped). Any owner may pass every redaction on; the rest are ignored.
     */
    public void redacted(RoomId room, EventId event) {
        tx.run(() -> store.byEvent(room, event).filter(r -> r.state() == State.LIVE).ifPresent(row -> {
            outbox.takeParked(txn(row.key(), room, "wanted"));
            store.save(row.wanting(null).in(State.REDACTED));
            log.info("live message {} in {} was redacted; it is no longer edited", row.key(), room.value());
        }));
    }

    /**
     * The relay sent an entry (in its transaction): if it was a live message's post or edit, remember what the
     * room shows now, pin a new post that asked for it, and queue the content wished for meanwhile as one edit.
     */
    @Override
    public void sent(String txnId, RoomId room, EventId eventId) {
        store.byQueuedTxn(txnId).ifPresent(before -> {
            Row row = before.sentAs(eventId);
            if (before.event() == null && row.pinned() && row.state() == State.LIVE) {
                outbox.enqueue(txn(row.key(), room, "pin"), room, new Outbox.Pin(row.event()), clock.instant());
            }
            if (row.wantedHash() != null) {
                Optional<Outbox.Pending> wanted = outbox.takeParked(txn(row.key(), room, "wanted"));
                row = row.wanting(null);
                if (wanted.isPresent() && row.state() != State.REDACTED) {
                    row = queueEdit(row, wanted.get().message(), hash(wanted.get().message()));
                }
            }
            settle(row);
        });
    }

    private void show(LiveKey key, RoomId room, OutgoingMessage message, boolean pinned) {
        String hash = hash(message);
        Optional<Row> found = store.find(key, room);
        if (found.isEmpty()) {
            String post = txn(key, room, "post");
            outbox.enqueue(post, room, message, clock.instant());
            store.save(new Row(key, room, null, pinned, null, post, hash, null, 0, State.LIVE));
            return;
        }
        Row row = forgetLost(found.get());
        if (row.state() != State.LIVE) {
            log.debug("live message {} in {} is {}; not shown", key, room.value(), row.state());
            return;
        }
        if (row.onItsWay()) {
            // Coalesce: the newest wish replaces any older one; it goes out once the entry on its way was sent.
            if (hash.equals(row.queuedHash())) {
                outbox.takeParked(txn(key, room, "wanted"));
                store.save(row.wanting(null));
            } else {
                outbox.park(new Outbox.Pending(txn(key, room, "wanted"), room, message, clock.instant()));
                store.save(row.wanting(hash));
            }
            return;
        }
        if (row.event() == null) {
            // Its post was dropped by the relay (refused for good): there is nothing to edit.
            store.save(row.in(State.RETIRED));
            log.info("live message {} in {} could not be posted; it is given up", key, room.value());
            return;
        }
        if (!hash.equals(row.shownHash())) {
            store.save(queueEdit(row, message, hash));
        }
    }

    private Row queueEdit(Row row, OutgoingMessage message, String hash) {
        if (hash.equals(row.shownHash())) {
            return row; // changed and changed back while the last version was on its way
        }
        String edit = txn(row.key(), row.room(), "edit-" + (row.edits() + 1));
        outbox.enqueue(edit, row.room(), message.replacing(row.event()), clock.instant());
        return row.editQueued(edit, hash);
    }

    /**
     * An entry the relay dropped (refused for good, M6) was never reported sent: without this, the message would
     * wait for it forever.
     */
    private Row forgetLost(Row row) {
        if (row.onItsWay() && !outbox.isPending(row.queuedTxn())) {
            log.info("live message {} in {}: {} was dropped unsent", row.key(), row.room().value(), row.queuedTxn());
            return row.queued(null, null);
        }
        return row;
    }

    /** Saves the row; a retired message with nothing left on its way is forgotten. */
    private void settle(Row row) {
        if (row.state() == State.RETIRED && !row.onItsWay() && row.wantedHash() == null) {
            store.delete(row.key(), row.room());
        } else {
            store.save(row);
        }
    }

    private static OutgoingMessage message(RichText content) {
        return OutgoingMessage.notice(content.plain(), content.html()).mentioning(content.mentions());
    }

    /** Transaction ids of a live message's entries: fixed per key, room and part (M1). */
    static String txn(LiveKey key, RoomId room, String part) {
        return ScheduledTxn.of("live:" + key.value(), Instant.EPOCH, room, part);
    }

    /** What the room sees, hashed: kind, text, HTML and pings. Never stored as text (P1). */
    static String hash(OutgoingMessage message) {
        String shown = message.kind() + "\u0000" + message.body() + "\u0000" + Objects.toString(message.html(), "")
                + "\u0000" + String.join(",", message.mentions().stream().map(u -> u.value()).sorted().toList());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(shown.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
