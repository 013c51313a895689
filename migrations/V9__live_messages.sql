-- Live messages (core): a message that shows current state and is edited in place, one per key and room
-- (e.g. sync:12:countdown). Stored: ids and hashes of the content, never its text. The text of a version not
-- yet sent is in the outbox - queued, or parked (parked = 1, not sent) while the version before it is still on
-- its way, so that at most one edit per message is in flight and a burst of changes becomes one edit.
-- Synchronized actions keep their announcement and countdown as live messages (sync:<id>:announce,
-- sync:<id>:countdown): their event ids move over from sync_rooms, whose own columns for them go, as does the
-- edit-round counter of sync_actions. Instants are epoch milliseconds (INTEGER).
-- tables: live_messages

CREATE TABLE live_messages (
    live_key    TEXT    NOT NULL, -- feature:name
    room_id     TEXT    NOT NULL,
    event_id    TEXT,             -- null until the post was sent
    pinned      INTEGER NOT NULL DEFAULT 0, -- asked to be pinned (M8: only where the bot may)
    shown_hash  TEXT,             -- hash of what the room shows now; null when unknown
    queued_txn  TEXT,             -- the one outbox entry on its way (post or edit), or null
    queued_hash TEXT,
    wanted_hash TEXT,             -- hash of the newer content parked in the outbox, or null
    edits       INTEGER NOT NULL DEFAULT 0, -- edits queued so far, numbering their transaction ids
    state       TEXT    NOT NULL, -- LIVE, RETIRED, REDACTED
    PRIMARY KEY (live_key, room_id)
);
CREATE INDEX live_messages_queued ON live_messages (queued_txn);
CREATE INDEX live_messages_event ON live_messages (room_id, event_id);

ALTER TABLE outbox ADD COLUMN parked INTEGER NOT NULL DEFAULT 0;

-- Planned actions carry their messages over: a sent one with its event id (its shown content unknown, so the
-- next change edits it), an unsent one with its queued post, still in the outbox, so the relay reports it.
INSERT INTO live_messages (live_key, room_id, event_id, queued_txn, state)
    SELECT 'sync:' || r.action_id || ':announce', r.room_id, r.announce_event,
           CASE WHEN r.announce_event IS NULL THEN r.announce_txn END, 'LIVE'
    FROM sync_rooms r JOIN sync_actions a ON a.id = r.action_id
    WHERE a.state = 'PLANNED'
      AND (r.announce_event IS NOT NULL OR r.announce_txn IN (SELECT txn_id FROM outbox));
INSERT INTO live_messages (live_key, room_id, event_id, queued_txn, state)
    SELECT 'sync:' || r.action_id || ':countdown', r.room_id, r.countdown_event,
           CASE WHEN r.countdown_event IS NULL THEN r.countdown_txn END, 'LIVE'
    FROM sync_rooms r JOIN sync_actions a ON a.id = r.action_id
    WHERE a.state = 'PLANNED'
      AND (r.countdown_event IS NOT NULL OR r.countdown_txn IN (SELECT txn_id FROM outbox));

DROP INDEX sync_rooms_announce;
ALTER TABLE sync_rooms DROP COLUMN announce_txn;
ALTER TABLE sync_rooms DROP COLUMN announce_event;
ALTER TABLE sync_rooms DROP COLUMN countdown_txn;
ALTER TABLE sync_rooms DROP COLUMN countdown_event;
ALTER TABLE sync_actions DROP COLUMN edits;
