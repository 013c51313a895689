package org.assemblybot.adapter.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V9 moves the announcements and countdowns of planned synchronized actions into live messages: a sent one with
 * its event id, an unsent one with its post still queued (so the relay's report reaches it); finished actions
 * and posts that left the outbox unsent stay behind; the old columns and the edit-round counter go.
 */
class LiveMessagesMigrationTest {
    private static final MigrationRunner REAL = MigrationRunner.fromClasspath();

    @TempDir
    Path tmp;

    @Test
    void plannedActionsKeepTheirMessagesAsLiveMessages() {
        Path dataDir = tmp.resolve("data");
        try (Database db = Database.openUnmigrated(dataDir)) {
            REAL.migrate(db, 8);
            Sql sql = new Sql(db);
            db.run(() -> {
                for (int id = 1; id <= 2; id++) {
                    sql.update("INSERT INTO sync_actions(id, title, t0, notices, zones, origin_room, created_by, state,"
                            + " edits) VALUES (?, 'T', 0, '60', '', '!a:x', '@o:x', ?, 4)", id, id == 1 ? "PLANNED"
                            : "DONE");
                }
                sql.update("INSERT INTO sync_rooms(action_id, room_id, announce_txn, announce_event, countdown_txn,"
                        + " countdown_event, state) VALUES (1, '!a:x', 'ann-a', '$ann-a', 'cd-a', NULL, 'active'),"
                        + " (1, '!b:x', 'ann-b', NULL, 'cd-b', '$cd-b', 'active'),"
                        + " (2, '!a:x', 'ann-2', '$ann-2', 'cd-2', '$cd-2', 'active')");
                // The post of b's announcement is still queued; a's countdown post left the outbox unsent.
                sql.update("INSERT INTO outbox(txn_id, room_id, content, queued_at) VALUES ('ann-b', '!b:x', '{}', 0)");
            });
        }
        try (Database db = Database.open(dataDir)) {
            Sql sql = new Sql(db);
            assertEquals(List.of("sync:1:announce !a:x $ann-a null LIVE", "sync:1:announce !b:x null ann-b LIVE",
                    "sync:1:countdown !b:x $cd-b null LIVE"),
                    sql.list("SELECT live_key, room_id, event_id, queued_txn, state FROM live_messages"
                            + " ORDER BY live_key, room_id", row -> row.getString(1) + " " + row.getString(2) + " "
                            + row.getString(3) + " " + row.getString(4) + " " + row.getString(5)));
            List<String> roomColumns = sql.list("SELECT name FROM pragma_table_info('sync_rooms')",
                    row -> row.getString(1));
            assertEquals(List.of("action_id", "room_id", "state"), roomColumns);
            assertFalse(sql.list("SELECT name FROM pragma_table_info('sync_actions')", row -> row.getString(1))
                    .contains("edits"));
            assertEquals(List.of(0), sql.list("SELECT parked FROM outbox", row -> row.getInt(1)),
                    "queued entries stay queued");
        }
    }
}
