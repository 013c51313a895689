-- Synchronized actions (feature "sync"): one instant announced across partner rooms.
-- Instants are epoch milliseconds (INTEGER). Titles are what organizers chose to announce; no message
-- bodies are stored.
-- tables: sync_actions, sync_rooms, sync_rsvps

CREATE TABLE sync_actions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    title       TEXT    NOT NULL,
    t0          INTEGER NOT NULL,
    duration_ms INTEGER,
    notices     TEXT    NOT NULL, -- offsets before T0 in seconds, comma-separated, largest first
    zones       TEXT    NOT NULL, -- extra IANA zones to show, comma-separated (may be empty)
    origin_room TEXT    NOT NULL,
    created_by  TEXT    NOT NULL,
    state       TEXT    NOT NULL, -- planned, done, cancelled, missed
    edits       INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE sync_rooms (
    action_id       INTEGER NOT NULL REFERENCES sync_actions(id),
    room_id         TEXT    NOT NULL,
    announce_txn    TEXT    NOT NULL,
    announce_event  TEXT,
    countdown_txn   TEXT    NOT NULL,
    countdown_event TEXT,
    state           TEXT    NOT NULL, -- active, dropped
    PRIMARY KEY (action_id, room_id)
);
CREATE INDEX sync_rooms_announce ON sync_rooms(room_id, announce_event);

CREATE TABLE sync_rsvps (
    action_id INTEGER NOT NULL REFERENCES sync_actions(id),
    user_id   TEXT    NOT NULL,
    room_id   TEXT    NOT NULL,
    via_event TEXT, -- the ✋ reaction, so that removing it withdraws the RSVP
    PRIMARY KEY (action_id, user_id)
);
