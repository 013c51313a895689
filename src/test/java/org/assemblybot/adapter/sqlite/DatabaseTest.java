package org.assemblybot.adapter.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.Consumer;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.OutgoingMessage;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.testkit.TestDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DatabaseTest {
    private static final RoomId ROOM = new RoomId("!room:example.org");
    private static final EventId EVENT = new EventId("$event");

    @RegisterExtension
    final TestDb testDb = new TestDb();

    private long pragma(String name) {
        return new Sql(testDb.db()).one("PRAGMA " + name, row -> row.getLong(1)).orElseThrow();
    }

    @Test
    void configuresSqliteForDurabilityAndOneWriter() {
        String journal = new Sql(testDb.db()).one("PRAGMA journal_mode", row -> row.getString(1)).orElseThrow();
        assertEquals("wal", journal);
        assertEquals(2, pragma("synchronous"), "FULL");
        assertEquals(5000, pragma("busy_timeout"));
        assertEquals(1, pragma("foreign_keys"));
        assertEquals(1, pragma("secure_delete"));
    }

    @Test
    void commitKeepsWritesFromSeveralStores() {
        Database db = testDb.db();
        db.run(() -> {
            new SqliteProcessedEvents(db).markHandled(ROOM, EVENT, Instant.EPOCH);
            new SqliteOutbox(db).enqueue("txn", ROOM, OutgoingMessage.text("hi"), Instant.EPOCH);
        });
        assertTrue(new SqliteProcessedEvents(db).isHandled(EVENT));
        assertEquals(1, new SqliteOutbox(db).pending().size());
    }

    @Test
    void rollbackLeavesNothingAndRethrowsTheSameException() {
        Database db = testDb.db();
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> db.run(() -> {
            new SqliteProcessedEvents(db).markHandled(ROOM, EVENT, Instant.EPOCH);
            new SqliteOutbox(db).enqueue("txn", ROOM, OutgoingMessage.text("hi"), Instant.EPOCH);
            throw boom;
        }));
        assertSame(boom, thrown);
        assertFalse(new SqliteProcessedEvents(db).isHandled(EVENT));
        assertTrue(new SqliteOutbox(db).pending().isEmpty());
    }

    @Test
    void nestedCallJoinsTheOuterTransaction() {
        Database db = testDb.db();
        assertThrows(IllegalStateException.class, () -> db.run(() -> {
            db.run(() -> new SqliteProcessedEvents(db).markHandled(ROOM, EVENT, Instant.EPOCH));
            throw new IllegalStateException("outer fails after the nested call returned");
        }));
        assertFalse(new SqliteProcessedEvents(db).isHandled(EVENT), "nested write must roll back with the outer");
    }

    @Test
    void failedNestedCallUndoesOnlyItsOwnWrites() {
        Database db = testDb.db();
        SqliteProcessedEvents events = new SqliteProcessedEvents(db);
        EventId nestedEvent = new EventId("$nested");
        db.run(() -> {
            events.markHandled(ROOM, EVENT, Instant.EPOCH);
            try {
                db.run(() -> {
                    events.markHandled(ROOM, nestedEvent, Instant.EPOCH);
                    throw new IllegalArgumentException("nested fails");
                });
            } catch (IllegalArgumentException expected) {
                // the outer work carries on
            }
        });
        assertTrue(events.isHandled(EVENT));
        assertFalse(events.isHandled(nestedEvent));
    }

    @Test
    void connectionIsOnlyAvailableInsideATransaction() {
        Database db = testDb.db();
        assertThrows(IllegalStateException.class, db::connection);
        db.run(db::connection);
    }

    @Test
    void backupIsAConsistentPrivateCopy() throws Exception {
        backupAndRestore(target -> testDb.db().backup(target));
    }

    @Test
    void backupFromAnotherConnectionWhileTheBotRuns() throws Exception {
        backupAndRestore(target -> Database.backup(testDb.dataDir(), target));
    }

    /** Writes one row, backs up with {@code backup}, and checks the copy is owner-only and holds the row. */
    private void backupAndRestore(Consumer<Path> backup) throws IOException {
        new SqliteProcessedEvents(testDb.db()).markHandled(ROOM, EVENT, Instant.EPOCH);
        Path backupDir = testDb.dataDir().resolveSibling("restored");
        Files.createDirectory(backupDir);
        Path target = backupDir.resolve(Database.FILE_NAME);

        backup.accept(target);

        assertEquals("rw-------", FileModes.of(target));
        try (Database restored = Database.open(backupDir)) {
            assertTrue(new SqliteProcessedEvents(restored).isHandled(EVENT));
        }
    }

    @Test
    void backupRefusesToOverwriteAFile() throws Exception {
        Path target = testDb.dataDir().resolveSibling("existing.db");
        Files.writeString(target, "keep me");
        assertThrows(StorageException.class, () -> testDb.db().backup(target));
        assertEquals("keep me", Files.readString(target));
    }
}
