package org.assemblybot.adapter.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.OutgoingMessage;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.store.Outbox;
import org.assemblybot.testkit.TestDb;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The core stores on real SQLite with the real migrations. */
class SqliteStoresTest {
    private static final RoomId ROOM = new RoomId("!room:example.org");
    private static final RoomId OTHER_ROOM = new RoomId("!other:example.org");
    private static final UserId ALICE = new UserId("@alice:example.org");
    private static final Instant T0 = Instant.parse("2025-03-30T01:00:00.123Z");

    @RegisterExtension
    final TestDb testDb = new TestDb();

    @Nested
    class ProcessedEventsTest {
        @Test
        void marksAnEventOnce() {
            SqliteProcessedEvents events = new SqliteProcessedEvents(testDb.db());
            EventId event = new EventId("$e1");
            assertFalse(events.isHandled(event));
            assertTrue(events.markHandled(ROOM, event, T0));
            assertFalse(events.markHandled(ROOM, event, T0.plusSeconds(1)));
            assertTrue(events.isHandled(event));
        }

        @Test
        void prunesOnlyOlderEntries() {
            SqliteProcessedEvents events = new SqliteProcessedEvents(testDb.db());
            events.markHandled(ROOM, new EventId("$old"), T0);
            events.markHandled(ROOM, new EventId("$new"), T0.plusMillis(1));
            assertEquals(1, events.pruneOlderThan(T0.plusMillis(1)));
            assertFalse(events.isHandled(new EventId("$old")));
            assertTrue(events.isHandled(new EventId("$new")));
        }
    }

    @Nested
    class RoomSettingsTest {
        @Test
        void storesReplacesAndForgetsTheZone() {
            SqliteRoomSettings settings = new SqliteRoomSettings(testDb.db());
            assertEquals(Optional.empty(), settings.zone(ROOM));
            settings.setZone(ROOM, ZoneId.of("Europe/Berlin"));
            settings.setZone(ROOM, ZoneId.of("Australia/Lord_Howe"));
            assertEquals(Optional.of(ZoneId.of("Australia/Lord_Howe")), settings.zone(ROOM));
            assertEquals(Optional.empty(), settings.zone(OTHER_ROOM));
            settings.forget(ROOM);
            assertEquals(Optional.empty(), settings.zone(ROOM));
        }
    }

    @Nested
    class RoomJoinsTest {
        @Test
        void keepsTheEarliestJoin() {
            SqliteRoomJoins joins = new SqliteRoomJoins(testDb.db());
            joins.recordJoin(ROOM, T0);
            joins.recordJoin(ROOM, T0.plusSeconds(60));
            assertEquals(Optional.of(T0), joins.joinedAt(ROOM));
            joins.recordJoin(ROOM, T0.minusSeconds(60));
            assertEquals(Optional.of(T0.minusSeconds(60)), joins.joinedAt(ROOM));
        }

        @Test
        void forgetsARoom() {
            SqliteRoomJoins joins = new SqliteRoomJoins(testDb.db());
            joins.recordJoin(ROOM, T0);
            joins.recordJoin(OTHER_ROOM, T0);
            joins.forget(ROOM);
            assertEquals(Optional.empty(), joins.joinedAt(ROOM));
            assertEquals(Optional.of(T0), joins.joinedAt(OTHER_ROOM));
        }
    }

    @Nested
    class OutboxTest {
        @Test
        void roundTripPreservesEveryField() {
            SqliteOutbox outbox = new SqliteOutbox(testDb.db());
            OutgoingMessage message = OutgoingMessage.notice("Vote: \"yes\" ✓\nline 2", "<b>Vote</b>")
                    .inThread(new EventId("$root"), new EventId("$reply"))
                    .mentioning(Set.of(ALICE, new UserId("@bob:other.org")));
            outbox.enqueue("txn-1", ROOM, message, T0);

            assertEquals(List.of(new Outbox.Pending("txn-1", ROOM, message, T0)), outbox.pending());
        }

        @Test
        void roundTripKeepsAbsentFieldsAbsent() {
            SqliteOutbox outbox = new SqliteOutbox(testDb.db());
            OutgoingMessage message = OutgoingMessage.text("plain");
            outbox.enqueue("txn-1", ROOM, message, T0);
            assertEquals(message, outbox.pending().get(0).message());
        }

        @Test
        void pendingIsOldestFirstAndRemoveDeletes() {
            SqliteOutbox outbox = new SqliteOutbox(testDb.db());
            outbox.enqueue("later", ROOM, OutgoingMessage.text("3"), T0.plusSeconds(1));
            outbox.enqueue("first", ROOM, OutgoingMessage.text("1"), T0);
            outbox.enqueue("same-ms", OTHER_ROOM, OutgoingMessage.text("2"), T0);
            assertEquals(List.of("first", "same-ms", "later"), txnIds(outbox));

            outbox.remove("same-ms");
            assertEquals(List.of("first", "later"), txnIds(outbox));
        }

        @Test
        void enqueueingAPendingTxnIdAgainKeepsTheFirstMessage() {
            SqliteOutbox outbox = new SqliteOutbox(testDb.db());
            outbox.enqueue("txn", ROOM, OutgoingMessage.text("first"), T0);
            outbox.enqueue("txn", ROOM, OutgoingMessage.text("second"), T0.plusSeconds(1));
            assertEquals(List.of("first"), outbox.pending().stream().map(p -> p.message().body()).toList());
        }

        private List<String> txnIds(SqliteOutbox outbox) {
            return outbox.pending().stream().map(Outbox.Pending::txnId).toList();
        }
    }

    @Nested
    class UndecryptableCountsTest {
        @Test
        void countsFailuresPerRoom() {
            SqliteUndecryptableCounts counts = new SqliteUndecryptableCounts(testDb.db());
            assertEquals(0, counts.failures(ROOM));
            assertEquals(1, counts.recordFailure(ROOM));
            assertEquals(2, counts.recordFailure(ROOM));
            assertEquals(1, counts.recordFailure(OTHER_ROOM));
            assertEquals(2, counts.failures(ROOM));
        }

        @Test
        void noticesEachUserOncePerRoom() {
            SqliteUndecryptableCounts counts = new SqliteUndecryptableCounts(testDb.db());
            assertTrue(counts.firstNoticeFor(ROOM, ALICE));
            assertFalse(counts.firstNoticeFor(ROOM, ALICE));
            assertTrue(counts.firstNoticeFor(OTHER_ROOM, ALICE));
        }
    }
}
