-- What the organizers were last warned about, per role or person and kind (issue 9): a warning is posted once
-- and again only after its state changed. No message bodies (P1): a kind and a short state key.
-- tables: rotation_warnings

CREATE TABLE rotation_warnings (
    room_id TEXT    NOT NULL,
    subject TEXT    NOT NULL, -- role:<id> or user:<matrix id>
    kind    TEXT    NOT NULL, -- POOL, VACANT, CAP, OVERDUE
    state   TEXT    NOT NULL, -- '' when fine, else a short key of the problem
    warned  INTEGER NOT NULL, -- 1 when the organizers were told about this state
    told    INTEGER NOT NULL, -- how often they were told of this kind in all (a message's transaction id, M1)
    at      INTEGER NOT NULL,
    PRIMARY KEY (room_id, subject, kind)
);
