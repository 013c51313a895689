-- The outbox carries every side effect, not only messages: poll starts and ends, and messages to a person's
-- direct room (the relay finds or opens the room when it sends, outside any transaction). An entry goes to a
-- room or to a person. not_after: a GO that can no longer be sent in time is dropped, not sent late.
-- Votes remember the transaction id of their poll, so the poll's event id can be recorded when it is sent.
-- tables: outbox

CREATE TABLE outbox_next (
    txn_id    TEXT    PRIMARY KEY,
    room_id   TEXT,
    person_id TEXT,
    content   TEXT    NOT NULL, -- JSON: {"type": "message" | "poll_start" | "poll_end", …}
    queued_at INTEGER NOT NULL,
    not_after INTEGER,
    CHECK ((room_id IS NULL) <> (person_id IS NULL))
);
INSERT INTO outbox_next (txn_id, room_id, content, queued_at)
    SELECT txn_id, room_id, content, queued_at FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_next RENAME TO outbox;

ALTER TABLE vote_votes ADD COLUMN poll_txn TEXT;
CREATE INDEX vote_votes_poll_txn ON vote_votes (poll_txn);
