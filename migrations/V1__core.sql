-- Core tables of the bot. Feature tables come in later migrations, prefixed with the feature's name.
-- Instants are epoch milliseconds (INTEGER).
-- tables: processed_events, room_settings, room_joins, outbox, utd_failures, utd_notified

-- Events already acted on, so a re-delivered event never runs twice (M3).
CREATE TABLE processed_events (
    event_id   TEXT    PRIMARY KEY,
    room_id    TEXT    NOT NULL,
    handled_at INTEGER NOT NULL
);
-- Pruning deletes by age.
CREATE INDEX processed_events_handled_at ON processed_events (handled_at);

-- Per-room settings chosen by the room's organizers; zone is an IANA zone id such as Europe/Berlin.
CREATE TABLE room_settings (
    room_id TEXT PRIMARY KEY,
    zone    TEXT
);

-- When the bot joined each room: commands sent before that are never run (M4).
CREATE TABLE room_joins (
    room_id   TEXT    PRIMARY KEY,
    joined_at INTEGER NOT NULL
);

-- The bot's own messages, from the decision until the homeserver accepted them (M1). content is JSON.
CREATE TABLE outbox (
    txn_id    TEXT    PRIMARY KEY,
    room_id   TEXT    NOT NULL,
    content   TEXT    NOT NULL,
    queued_at INTEGER NOT NULL
);

-- Messages the bot could not decrypt, counted per room (E4).
CREATE TABLE utd_failures (
    room_id  TEXT    PRIMARY KEY,
    failures INTEGER NOT NULL
);

-- Who was already told how to fix undecryptable messages, so each person is told once (E4).
CREATE TABLE utd_notified (
    room_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    PRIMARY KEY (room_id, user_id)
);
