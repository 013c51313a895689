package org.assemblybot.core.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.inbound.InboundFilter.Reason;
import org.assemblybot.core.store.Transactions;
import org.assemblybot.testkit.InMemoryProcessedEvents;
import org.assemblybot.testkit.InMemoryRoomJoins;
import org.assemblybot.testkit.MutableClock;
import org.junit.jupiter.api.Test;

class HandledMarkPruningTest {
    private static final RoomId ROOM = new RoomId("!assembly:example.org");
    private static final UserId BOT = new UserId("@bot:example.org");
    private static final UserId ALICE = new UserId("@alice:example.org");
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");
    private static final Duration MAX_AGE = Duration.ofMinutes(5);
    /** max_age plus the one-hour margin: what the policy promises to keep. */
    private static final Duration WINDOW = Duration.ofMinutes(65);

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryProcessedEvents marks = new InMemoryProcessedEvents();
    private final AtomicInteger transactions = new AtomicInteger();
    private final Transactions tx = new Transactions() {
        @Override
        public <T> T inTransaction(Supplier<T> work) {
            transactions.incrementAndGet();
            return work.get();
        }

        @Override
        public void afterCommit(Runnable action) {
            action.run(); // no transactions here: at once, as outside one
        }
    };
    private final HandledMarkPruning pruning = new HandledMarkPruning(marks, tx, MAX_AGE, clock);

    private void mark(String id, Instant at) {
        assertTrue(marks.markHandled(ROOM, new EventId(id), at));
    }

    private boolean handled(String id) {
        return marks.isHandled(new EventId(id));
    }

    @Test
    void marksJustInsideTheWindowStayAndOlderOnesGo() {
        mark("$recent", NOW.minusSeconds(1));
        mark("$atTheEdge", NOW.minus(WINDOW));
        mark("$justOutside", NOW.minus(WINDOW).minusMillis(1));
        mark("$ancient", NOW.minus(Duration.ofDays(30)));

        assertEquals(2, pruning.prune());

        assertTrue(handled("$recent"));
        assertTrue(handled("$atTheEdge"));
        assertFalse(handled("$justOutside"));
        assertFalse(handled("$ancient"));
        assertEquals(NOW.minus(WINDOW), pruning.cutoff());
    }

    @Test
    void aRedeliveredEventInsideTheWindowIsStillRecognisedAsHandled() {
        InboundFilter filter = filter();
        ChatEvent.Message command = command("$cmd", NOW);
        assertEquals(Reason.RUN, filter.check(command, false).reason());
        mark("$cmd", NOW);
        mark("$long-ago", NOW.minus(Duration.ofDays(1)));

        clock.advance(MAX_AGE); // the last moment the filter would still let it through by age
        assertEquals(1, pruning.prune());

        assertFalse(handled("$long-ago"), "pruning ran");
        assertEquals(Reason.ALREADY_HANDLED, filter.check(command, false).reason());
    }

    /**
     * The promise behind pruning: whenever a mark is gone, the filter refuses its event by age anyway. The
     * command is stamped as far ahead of the host clock as the filter accepts, the worst case; the clock
     * then moves second by second, pruning as in production, and a redelivery is checked every time.
     */
    @Test
    void aPrunedMarkIsNeverTheOnlyThingBetweenARedeliveryAndASecondRun() {
        InboundFilter filter = filter();
        ChatEvent.Message command = command("$ahead", NOW.plus(InboundFilter.ALLOWED_CLOCK_SKEW));
        assertEquals(Reason.RUN, filter.check(command, false).reason());
        mark("$ahead", NOW);

        boolean pruned = false;
        for (int second = 0; second <= Duration.ofHours(2).toSeconds(); second++) {
            clock.set(NOW.plusSeconds(second));
            pruning.prune();
            pruned |= !handled("$ahead");
            Reason reason = filter.check(command, false).reason();
            assertNotEquals(Reason.RUN, reason, "a redelivery " + second + " s after the mark would run again");
        }
        assertTrue(pruned, "the mark was pruned within two hours");
    }

    @Test
    void aBacklogGoesInBatchesEachItsOwnTransaction() {
        HandledMarkPruning small = new HandledMarkPruning(marks, tx, MAX_AGE, clock, 10);
        for (int i = 0; i < 25; i++) {
            mark("$old" + i, NOW.minus(Duration.ofDays(2)).plusSeconds(i));
        }
        mark("$new", NOW);

        assertEquals(25, small.prune());

        assertEquals(3, transactions.get(), "10 + 10 + 5");
        assertTrue(handled("$new"));
        assertFalse(handled("$old24"));
    }

    @Test
    void anInterruptStopsPruningBetweenBatches() {
        mark("$old", NOW.minus(Duration.ofDays(2)));
        Thread.currentThread().interrupt();
        try {
            assertEquals(0, pruning.prune());
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt is left for the caller");
        }
        assertEquals(0, transactions.get());
        assertTrue(handled("$old"), "left for the next run");

        assertEquals(1, pruning.prune());
        assertFalse(handled("$old"));
    }

    private InboundFilter filter() {
        InMemoryRoomJoins joins = new InMemoryRoomJoins();
        joins.recordJoin(ROOM, NOW.minus(Duration.ofDays(1)));
        return new InboundFilter(BOT, MAX_AGE, joins, marks, clock);
    }

    private static ChatEvent.Message command(String id, Instant sentAt) {
        return new ChatEvent.Message(ROOM, new EventId(id), ALICE, sentAt, "m.text", "!ping", null, null, false);
    }
}
