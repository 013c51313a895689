package org.assemblybot.app;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.assemblybot.adapter.sqlite.Database;
import org.assemblybot.adapter.sqlite.SqliteProcessedEvents;
import org.assemblybot.adapter.sqlite.StorageException;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.inbound.HandledMarkPruning;
import org.assemblybot.core.store.ProcessedEvents;
import org.assemblybot.core.store.Transactions;
import org.assemblybot.testkit.LogCapture;
import org.assemblybot.testkit.TestDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The startup and hourly pruning as Wiring starts it, on the real database. */
class HousekeepingTest {
    private static final RoomId ROOM = new RoomId("!assembly:example.org");
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path tmp;

    @RegisterExtension
    final LogCapture logs = new LogCapture(Housekeeping.class);

    @Test
    void prunesAtStartupOnItsOwnThread() throws InterruptedException {
        try (Database db = TestDb.open(tmp)) {
            SqliteProcessedEvents real = new SqliteProcessedEvents(db);
            real.markHandled(ROOM, new EventId("$old"), NOW.minus(Duration.ofDays(1)));
            real.markHandled(ROOM, new EventId("$new"), NOW.minusSeconds(10));
            CountDownLatch pruned = new CountDownLatch(1);
            AtomicReference<String> thread = new AtomicReference<>();
            ProcessedEvents observed = new ForwardingMarks(real) {
                @Override
                public int pruneOlderThan(Instant before, int limit) {
                    int deleted = super.pruneOlderThan(before, limit);
                    thread.set(Thread.currentThread().getName());
                    pruned.countDown();
                    return deleted;
                }
            };

            try (Housekeeping ignored = Housekeeping.start(
                    new HandledMarkPruning(observed, db, Duration.ofMinutes(5), CLOCK))) {
                assertTrue(pruned.await(30, TimeUnit.SECONDS), "pruned right after the start");
            }

            assertEquals("housekeeping", thread.get());
            assertFalse(real.isHandled(new EventId("$old")));
            assertTrue(real.isHandled(new EventId("$new")));
        }
    }

    @Test
    void aFailedRunIsLoggedAndDoesNotEndTheSchedule() {
        ProcessedEvents failing = new ForwardingMarks(null) {
            @Override
            public int pruneOlderThan(Instant before, int limit) {
                throw new StorageException("database is locked");
            }
        };
        Transactions direct = new Transactions() {
            @Override
            public <T> T inTransaction(Supplier<T> work) {
                return work.get();
            }

            @Override
            public void afterCommit(Runnable action) {
                action.run(); // no transactions here: at once, as outside one
            }
        };
        HandledMarkPruning pruning = new HandledMarkPruning(failing, direct, Duration.ofMinutes(5), CLOCK);
        // A scheduled task that throws is never run again (ScheduledExecutorService): the run must not throw.
        assertDoesNotThrow(() -> Housekeeping.pruneOnce(pruning));
        assertEquals(1, logs.messages().stream().filter(m -> m.contains("pruning the handled marks failed")).count(),
                logs.messages().toString());
    }

    /** Passes every call to the real store, so a test can watch one of them. */
    private static class ForwardingMarks implements ProcessedEvents {
        private final ProcessedEvents real;

        ForwardingMarks(ProcessedEvents real) {
            this.real = real;
        }

        @Override
        public boolean markHandled(RoomId room, EventId event, Instant at) {
            return real.markHandled(room, event, at);
        }

        @Override
        public boolean isHandled(EventId event) {
            return real.isHandled(event);
        }

        @Override
        public int pruneOlderThan(Instant before, int limit) {
            return real.pruneOlderThan(before, limit);
        }
    }
}
