-- Secret votes keep no voter-choice link on disk (feature "vote", option --secret). V5 stored, per voter,
-- SHA-256(salt + user id) -> choice beside the salt, so anyone with the database could recompute each member's
-- hash and read their choice. Now the disk holds two unlinked things while a vote is open:
--   vote_secret_voters  who has voted (salted hash, as before) and a random token that changes with every
--                       ballot; it means nothing without the bot's memory, which maps it to the choices
--   vote_secret_totals  running totals per option (choice 0: the number of voters), never per voter
-- A ballot cast before a restart stays counted but can no longer be changed (the memory is gone).
-- Open secret votes are carried over: their ballots become totals and their voters stay voters (no token,
-- so those ballots cannot be changed). vote_secret_ballots is emptied (secure_delete overwrites its pages) and
-- no longer written; it stays because the start-up check expects every table a migration declared.
-- tables: vote_secret_voters

CREATE TABLE vote_secret_voters (
    vote_id    INTEGER NOT NULL REFERENCES vote_votes(id),
    voter_hash TEXT    NOT NULL, -- hex SHA-256 of the vote's salt bytes + user id (UTF-8): "has voted", no choice
    token      TEXT,             -- random, new on every ballot; null when the bot no longer knows the ballot
    PRIMARY KEY (vote_id, voter_hash)
);

INSERT INTO vote_secret_voters(vote_id, voter_hash, token)
    SELECT DISTINCT vote_id, voter_hash, NULL FROM vote_secret_ballots;

INSERT INTO vote_secret_totals(vote_id, choice, total)
    SELECT vote_id, choice, COUNT(*) FROM vote_secret_ballots GROUP BY vote_id, choice;

INSERT INTO vote_secret_totals(vote_id, choice, total)
    SELECT vote_id, 0, COUNT(DISTINCT voter_hash) FROM vote_secret_ballots GROUP BY vote_id;

DELETE FROM vote_secret_ballots;
