package org.assemblybot.adapter.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
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

/**
 * The core stores on real SQLite with the real migrations. ProcessedEvents, RoomJoins and RoomSettings are
 * checked by their contracts, against their in-memory fakes too, in {@code core.store.StoreContractsTest}.
 */
class SqliteStoresTest {
    private static final RoomId ROOM = new RoomId("!room:example.org");
    private static final RoomId OTHER_ROOM = new RoomId("!other:example.org");
    private static final UserId ALICE = new UserId("@alice:example.org");
    private static final Instant T0 = Instant.parse("2025-03-30T01:00:00.123Z");

    @RegisterExtension
    final TestDb testDb = new TestDb();

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

        @Test
        void theBacklogCountsWaitingEntriesAndTheOldestButNotParkedOnes() {
            SqliteOutbox outbox = new SqliteOutbox(testDb.db());
            assertEquals(new Outbox.Backlog(0, null), outbox.backlog());

            outbox.enqueue("later", ROOM, OutgoingMessage.text("2"), T0.plusSeconds(5));
            outbox.enqueue("first", ROOM, OutgoingMessage.text("1"), T0);
            outbox.park(new Outbox.Pending("parked", ROOM, OutgoingMessage.text("0"), T0.minusSeconds(60)));

            assertEquals(new Outbox.Backlog(2, T0), outbox.backlog());
            assertEquals(outbox.backlog(), new Outbox() {
                @Override
                public void enqueue(Pending entry) {
                }

                @Override
                public List<Pending> pending() {
                    return outbox.pending();
                }

                @Override
                public boolean isPending(String txnId) {
                    return false;
                }

                @Override
                public void remove(String txnId) {
                }

                @Override
                public void park(Pending entry) {
                }

                @Override
                public java.util.Optional<Pending> takeParked(String txnId) {
                    return java.util.Optional.empty();
                }
            }.backlog(), "the port's default gives the same from pending()");
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
