-- The command that created a vote or planned a synchronized action (its event id and thread root), so that
-- redacting that command can ask the creator whether to cancel what it created (M5). Ids only, no bodies.
-- Null for rows created before this migration: their command is unknown.
-- tables: vote_votes, sync_actions

ALTER TABLE vote_votes ADD COLUMN command_event TEXT;
ALTER TABLE vote_votes ADD COLUMN command_thread TEXT;
CREATE INDEX vote_votes_command ON vote_votes(room_id, command_event);

ALTER TABLE sync_actions ADD COLUMN command_event TEXT;
ALTER TABLE sync_actions ADD COLUMN command_thread TEXT;
CREATE INDEX sync_actions_command ON sync_actions(origin_room, command_event);
