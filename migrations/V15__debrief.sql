-- Debrief commons after actions (feature "debrief", issue 11). Instants are epoch milliseconds (INTEGER).
-- Stored: the debriefs organizers start (a short title they chose, like a vote's question), micro-roles they offer,
-- who signed up for what and until when, skill tags (normalised words like "first aid", used or wished, never an
-- answer's text), where each person is in the three private questions (a number, never the answer), skill shares
-- and care gatherings (a topic the organizer chose), and anonymous counts for the summaries that outlive the
-- retention period. A synchronized action may be marked intense. No message bodies (P1).
-- tables: debriefs, debrief_roles, debrief_signups, debrief_skills, debrief_progress, debrief_gatherings, debrief_invitees, debrief_counts

ALTER TABLE sync_actions ADD COLUMN intense INTEGER NOT NULL DEFAULT 0; -- 1: a care gathering is suggested after it

CREATE TABLE debriefs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id     TEXT    NOT NULL,
    action_id   INTEGER,          -- the synchronized action it follows, or null for "any other action"
    title       TEXT    NOT NULL, -- what happened, as the organizer put it (shown on the card)
    action_at   INTEGER NOT NULL, -- when the action ended
    starts_at   INTEGER NOT NULL, -- when the debrief is held
    state       TEXT    NOT NULL, -- PLANNED, HELD (card posted), CANCELLED
    intense     INTEGER NOT NULL DEFAULT 0,
    created_by  TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    roles_end   INTEGER,          -- when the last micro-role offered here ends (for retention)
    purged_at   INTEGER           -- when signups and tags were deleted (retention or the room's end)
);
CREATE INDEX debriefs_room ON debriefs(room_id, starts_at);

-- Micro-roles offered at a debrief: "medic team" with 4 slots for 14 days.
CREATE TABLE debrief_roles (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    debrief_id  INTEGER NOT NULL REFERENCES debriefs(id),
    name        TEXT    NOT NULL, -- as the organizer wrote it
    name_key    TEXT    NOT NULL, -- normalised, unique per debrief
    slots       INTEGER NOT NULL,
    days        INTEGER NOT NULL, -- a term's length
    created_by  TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    UNIQUE (debrief_id, name_key)
);

-- Who holds, waits for or shadows a micro-role, and for which term.
CREATE TABLE debrief_signups (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    role_id     INTEGER NOT NULL REFERENCES debrief_roles(id),
    user_id     TEXT    NOT NULL,
    kind        TEXT    NOT NULL, -- HOLDER, WAITING, SHADOW
    state       TEXT    NOT NULL, -- ACTIVE, DROPPED, RELEASED
    since       INTEGER NOT NULL, -- signed up (a waiting place's order)
    starts_at   INTEGER,          -- the term, for holders and shadows
    ends_at     INTEGER,
    renewals    INTEGER NOT NULL DEFAULT 0,
    newcomer    INTEGER NOT NULL DEFAULT 0, -- held no micro-role in this room before (for the summary)
    ended_at    INTEGER
);
CREATE INDEX debrief_signups_role ON debrief_signups(role_id, state);
CREATE INDEX debrief_signups_user ON debrief_signups(user_id);

-- Skill tags: "first aid" used or wished by someone at a debrief. Never the sentence it came from.
CREATE TABLE debrief_skills (
    debrief_id  INTEGER NOT NULL REFERENCES debriefs(id),
    user_id     TEXT    NOT NULL,
    tag         TEXT    NOT NULL, -- normalised: lower case, letters and digits, single spaces
    kind        TEXT    NOT NULL, -- USED, WISHED
    at          INTEGER NOT NULL,
    PRIMARY KEY (debrief_id, user_id, tag, kind)
);

-- Where someone is in the three questions asked by direct message: the next one's number, never an answer.
CREATE TABLE debrief_progress (
    debrief_id  INTEGER NOT NULL REFERENCES debriefs(id),
    user_id     TEXT    NOT NULL,
    next        INTEGER NOT NULL, -- 1 to 3; 4 once all were answered
    at          INTEGER NOT NULL,
    PRIMARY KEY (debrief_id, user_id)
);

-- Skill shares and care gatherings planned after a debrief.
CREATE TABLE debrief_gatherings (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    debrief_id  INTEGER REFERENCES debriefs(id),
    room_id     TEXT    NOT NULL,
    kind        TEXT    NOT NULL, -- SKILLSHARE, CARE
    topic       TEXT,             -- a skill share's topic, as the organizer put it
    starts_at   INTEGER NOT NULL,
    state       TEXT    NOT NULL, -- PLANNED, HELD, CANCELLED
    created_by  TEXT    NOT NULL,
    created_at  INTEGER NOT NULL
);

-- People invited to a skill share: who wished the skill and who offered it (reminded before it).
CREATE TABLE debrief_invitees (
    gathering_id INTEGER NOT NULL REFERENCES debrief_gatherings(id),
    user_id      TEXT    NOT NULL,
    part         TEXT    NOT NULL, -- LEARNS, TEACHES
    PRIMARY KEY (gathering_id, user_id)
);

-- What stays after retention: anonymous counts per debrief, for the summaries.
CREATE TABLE debrief_counts (
    debrief_id   INTEGER PRIMARY KEY REFERENCES debriefs(id),
    people       INTEGER NOT NULL, -- distinct holders of micro-roles
    roles_held   INTEGER NOT NULL, -- terms held
    newcomers    INTEGER NOT NULL,
    skills_used  INTEGER NOT NULL,
    skills_wished INTEGER NOT NULL
);
