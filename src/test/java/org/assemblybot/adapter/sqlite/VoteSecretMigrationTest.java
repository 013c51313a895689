package org.assemblybot.adapter.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V8 carries secret votes that were open during the upgrade over from V5's hash → choice rows: their ballots
 * become totals, their voters stay voters without a token (so they cannot change, as after any restart), and no
 * row links a voter hash to a choice any more. Closed votes keep the totals they had.
 */
class VoteSecretMigrationTest {
    private static final MigrationRunner REAL = MigrationRunner.fromClasspath();

    @TempDir
    Path tmp;

    @Test
    void openSecretBallotsBecomeTotalsAndVotersWithoutAChoice() {
        Path dataDir = tmp.resolve("data");
        try (Database db = Database.openUnmigrated(dataDir)) {
            REAL.migrate(db, 5);
            Sql sql = new Sql(db);
            db.run(() -> {
                for (int id = 1; id <= 2; id++) {
                    sql.update("INSERT INTO vote_votes(id, room_id, kind, question, options, max_choices, created_by,"
                            + " created_at, state, secret) VALUES (?, '!r:x', 'VOTE', 'Q?', ?, 2, '@a:x', 0, ?, 1)",
                            id, "a\nb\nc", id == 1 ? "OPEN" : "CLOSED");
                }
                sql.update("INSERT INTO vote_secret_salts(vote_id, salt) VALUES (1, 'aa')");
                sql.update("INSERT INTO vote_secret_ballots(vote_id, voter_hash, choice) VALUES (1, 'h-bob', 1),"
                        + " (1, 'h-carl', 1), (1, 'h-carl', 2)");
                sql.update("INSERT INTO vote_secret_totals(vote_id, choice, total) VALUES (2, 0, 1), (2, 3, 1)");
            });
        }
        try (Database db = Database.open(dataDir)) {
            Sql sql = new Sql(db);
            assertEquals(List.of(), sql.list("SELECT voter_hash FROM vote_secret_ballots", row -> row.getString(1)));
            assertEquals(List.of("1 h-bob null", "1 h-carl null"), sql.list("SELECT vote_id, voter_hash, token FROM"
                    + " vote_secret_voters ORDER BY voter_hash", row -> row.getLong(1) + " " + row.getString(2) + " "
                    + row.getString(3)));
            assertEquals(List.of("1 0 2", "1 1 2", "1 2 1", "2 0 1", "2 3 1"), sql.list("SELECT vote_id, choice, total"
                    + " FROM vote_secret_totals ORDER BY vote_id, choice", row -> row.getLong(1) + " " + row.getInt(2)
                    + " " + row.getInt(3)));
        }
    }
}
