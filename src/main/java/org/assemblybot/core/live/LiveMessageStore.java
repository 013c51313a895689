package org.assemblybot.core.live;

import java.util.List;
import java.util.Optional;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.RoomId;

/**
 * Where live messages keep their bookkeeping: ids and content hashes, never text (P1). The text of a version
 * not yet sent is in the outbox, queued or parked, and nowhere else. Every method joins the caller's transaction.
 */
public interface LiveMessageStore {
    /** Whether the message is still edited. */
    enum State {
        /** Shown and kept current. */
        LIVE,
        /** Its owner is done with it: what is on its way still goes, nothing new is accepted. */
        RETIRED,
        /** Someone redacted it: it is no longer edited (nor posted anew). */
        REDACTED
    }

    /**
     * One live message in one room.
     *
     * @param event      its event id, once the post was sent; null before
     * @param pinned     whether it asked to be pinned (the pin follows the post)
     * @param shownHash  hash of the content the room shows now; null before the post was sent
     * @param queuedTxn  the one outbox entry on its way (the post or an edit); null when none is
     * @param queuedHash hash of that entry's content
     * @param wantedHash hash of the newer content parked in the outbox until the entry on its way was sent;
     *                   null when there is none
     * @param edits      edits queued so far (their transaction ids are numbered with it)
     */
    record Row(LiveKey key, RoomId room, EventId event, boolean pinned, String shownHash, String queuedTxn,
               String queuedHash, String wantedHash, int edits, State state) {
        Row queued(String txn, String hash) {
            return new Row(key, room, event, pinned, shownHash, txn, hash, wantedHash, edits, state);
        }

        Row sentAs(EventId sentEvent) {
            return new Row(key, room, event != null ? event : sentEvent, pinned, queuedHash, null, null, wantedHash,
                    edits, state);
        }

        Row wanting(String hash) {
            return new Row(key, room, event, pinned, shownHash, queuedTxn, queuedHash, hash, edits, state);
        }

        Row editQueued(String txn, String hash) {
            return new Row(key, room, event, pinned, shownHash, txn, hash, wantedHash, edits + 1, state);
        }

        Row in(State newState) {
            return new Row(key, room, event, pinned, shownHash, queuedTxn, queuedHash, wantedHash, edits, newState);
        }

        boolean onItsWay() {
            return queuedTxn != null;
        }
    }

    Optional<Row> find(LiveKey key, RoomId room);

    /** The message whose post or edit has transaction id {@code txnId} on its way. */
    Optional<Row> byQueuedTxn(String txnId);

    /** The message shown as {@code event} in {@code room}. */
    Optional<Row> byEvent(RoomId room, EventId event);

    /** The message under {@code key} in every room. */
    List<Row> withKey(LiveKey key);

    /** Inserts or replaces the row of ({@code row.key()}, {@code row.room()}). */
    void save(Row row);

    void delete(LiveKey key, RoomId room);
}
