-- A role's partner room (feature "rotation", issue 9 "Across borders"): a role may also draw volunteers from one
-- other room, which takes part at once when the organizer who linked it is an organizer there too, else only once
-- one of its own organizers accepts. Stored: the rooms, who linked or answered and when, the consent state, and from
-- which room each volunteer came. No message bodies (P1).
-- tables: rotation_partners

CREATE TABLE rotation_partners (
    role_id     INTEGER PRIMARY KEY REFERENCES rotation_roles(id), -- one partner room per role
    room_id     TEXT    NOT NULL, -- the partner room
    shown_as    TEXT    NOT NULL, -- the alias (or id) the organizer named it by, to name it in replies
    state       TEXT    NOT NULL, -- PENDING (asked), ACTIVE (takes part), DECLINED (said no, or later left)
    linked_by   TEXT    NOT NULL,
    linked_at   INTEGER NOT NULL,
    answered_by TEXT,
    answered_at INTEGER
);
CREATE INDEX rotation_partners_room ON rotation_partners(room_id);

-- null: volunteered in the role's own room; else the partner room they volunteered in.
ALTER TABLE rotation_pool ADD COLUMN from_room TEXT;
