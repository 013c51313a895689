-- Scheduled items of every feature, the source of truth for the in-memory scheduler (T1), and a record
-- of each occurrence that ran, was missed or was skipped (T2: nothing is dropped silently; T4: each
-- occurrence runs once). Instants are epoch milliseconds (INTEGER).
-- tables: schedule_items, schedule_runs

-- One row per item. recurrence is Recurrence.encode() (with its IANA zone), NULL for a one-shot item.
-- misfire is a MisfirePolicy name, state a ScheduleItem.State name.
CREATE TABLE schedule_items (
    id         TEXT    PRIMARY KEY,
    feature    TEXT    NOT NULL,
    kind       TEXT    NOT NULL,
    ref        TEXT    NOT NULL,
    room_id    TEXT,
    fire_at    INTEGER NOT NULL,
    recurrence TEXT,
    misfire    TEXT    NOT NULL,
    grace_ms   INTEGER NOT NULL,
    state      TEXT    NOT NULL
);
-- Rehydration reads the SCHEDULED items by fire time; cancelling reads a feature object's items.
CREATE INDEX schedule_items_state_fire_at ON schedule_items (state, fire_at);
CREATE INDEX schedule_items_feature_ref ON schedule_items (feature, ref);

-- Each occurrence of an item at most once: the primary key makes a second run of it a no-op.
CREATE TABLE schedule_runs (
    item_id    TEXT    NOT NULL,
    occurrence INTEGER NOT NULL,
    ran_at     INTEGER NOT NULL,
    outcome    TEXT    NOT NULL CHECK (outcome IN ('ran', 'missed', 'skipped')),
    PRIMARY KEY (item_id, occurrence)
);
