package org.assemblybot.core.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.assemblybot.adapter.sqlite.Database;
import org.assemblybot.adapter.sqlite.SqliteOutbox;
import org.assemblybot.core.chat.ChatUnauthorizedException;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.OutgoingMessage;
import org.assemblybot.core.chat.Polls;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.store.Outbox;
import org.assemblybot.testkit.FakeChat;
import org.assemblybot.testkit.FakeDirectRooms;
import org.assemblybot.testkit.FakePolls;
import org.assemblybot.testkit.FakeRoomPins;
import org.assemblybot.testkit.MutableClock;
import org.assemblybot.testkit.TestDb;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The production relay of the outbox, on real SQLite with a fake chat edge. */
class OutboxSenderTest {
    private static final RoomId ROOM = new RoomId("!room:example.org");
    private static final UserId BOT = new UserId("@bot:example.org");
    private static final UserId ANA = new UserId("@ana:example.org");
    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

    @RegisterExtension
    final TestDb testDb = new TestDb();

    private final MutableClock clock = new MutableClock(T0);
    private final FakeChat chat = new FakeChat(BOT, "DEVICE");
    private final FakePolls polls = new FakePolls();
    private final FakeDirectRooms directRooms = new FakeDirectRooms(chat);
    private final AtomicInteger drains = new AtomicInteger();
    private final List<String> told = new ArrayList<>();
    private Database db;
    private Outbox outbox;
    private OutboxSender relay;

    @BeforeEach
    void setUp() {
        db = testDb.db();
        outbox = new SqliteOutbox(db);
        relay = new OutboxSender(outbox, db, new OutboxSender.Edges(chat, polls, directRooms), drains::incrementAndGet,
                clock);
        relay.addListener((txnId, room, eventId) -> told.add(txnId + " " + room.value() + " " + eventId.value()));
    }

    @Test
    void tellsTheListenersTheEventIdOfEverythingItSent() {
        outbox.enqueue("m", ROOM, OutgoingMessage.notice("hello", null), T0);
        outbox.enqueue("p", ROOM, new Outbox.PollStart(new Polls.PollStart("Lunch?",
                List.of(new Polls.Answer("1", "yes")), 1, true, "Lunch? 1 yes")), T0);
        assertEquals(0, relay.flush());

        EventId message = chat.sent().get(0).eventId();
        EventId poll = polls.started().get(0).eventId();
        assertEquals(List.of("m " + ROOM.value() + " " + message.value(), "p " + ROOM.value() + " " + poll.value()),
                told);
        assertEquals(List.of(), outbox.pending());
        assertEquals(1, drains.get());
    }

    @Test
    void aPollEndAndAnEditGoOutAsSuch() {
        outbox.enqueue("e", ROOM, new Outbox.PollEnd(new EventId("$poll"), "yes: 1"), T0);
        outbox.enqueue("x", ROOM, OutgoingMessage.notice("new text", null).replacing(new EventId("$old")), T0);
        relay.flush();
        assertEquals(new EventId("$poll"), polls.ended().get(0).poll());
        assertEquals(FakeChat.Sent.Kind.EDIT, chat.sent().get(0).kind());
        assertEquals(new EventId("$old"), chat.sent().get(0).target());
    }

    @Test
    void whatAListenerQueuesWhenToldGoesOutInTheSameFlush() {
        relay.addListener((txnId, room, eventId) -> {
            if (txnId.equals("first")) {
                outbox.enqueue("follow-up", room, OutgoingMessage.notice("next", null).replacing(eventId), T0);
            }
        });
        outbox.enqueue("first", ROOM, OutgoingMessage.notice("hello", null), T0);
        assertEquals(0, relay.flush());
        assertEquals(List.of("first", "follow-up"), chat.sent().stream().map(FakeChat.Sent::txnId).toList());
        assertEquals(List.of(), outbox.pending());
        assertEquals(1, drains.get());
    }

    @Test
    void theMetricsCountWhatWasSentByKindWhatFailedAndWhatWasDropped() {
        List<String> counted = new ArrayList<>();
        relay.observe(new org.assemblybot.core.ops.Metrics() {
            @Override
            public void sent(String kind) {
                counted.add("sent " + kind);
            }

            @Override
            public void sendFailed() {
                counted.add("failed");
            }

            @Override
            public void sendDropped(String reason) {
                counted.add("dropped " + reason);
            }
        });
        outbox.enqueue("m", ROOM, OutgoingMessage.notice("hello", null), T0);
        outbox.enqueue("x", ROOM, OutgoingMessage.notice("new text", null).replacing(new EventId("$old")), T0);
        outbox.enqueue("e", ROOM, new Outbox.PollEnd(new EventId("$poll"), "yes: 1"), T0);
        outbox.enqueue(new Outbox.Pending("late", ROOM, null, new Outbox.Message(OutgoingMessage.notice("GO", null)),
                T0, T0.minusSeconds(1)));
        relay.flush();
        chat.failNextSends(1);
        outbox.enqueue("f", ROOM, OutgoingMessage.notice("later", null), T0);
        relay.flush();

        assertEquals(List.of("sent message", "sent edit", "sent poll_end", "dropped late", "failed"), counted);
    }

    @Test
    void anEntryDroppedForBeingLateIsToldToTheDropListenersWhoseAnswerGoesOutAndWhoseRemovalsStayUnsent() {
        List<String> dropped = new ArrayList<>();
        relay.addDropListener((txnId, room, notAfter) -> {
            dropped.add(txnId + " " + room.value() + " " + notAfter);
            outbox.remove("end"); // e.g. the END of an action whose GO never went out
            outbox.enqueue("instead", room, OutgoingMessage.notice("the GO was not sent", null), T0);
        });
        outbox.enqueue(new Outbox.Pending("go", ROOM, null, new Outbox.Message(OutgoingMessage.notice("GO", null)),
                T0, T0.plusSeconds(30)));
        outbox.enqueue("end", ROOM, OutgoingMessage.notice("ends now", null), T0);
        clock.set(T0.plusSeconds(31));

        assertEquals(0, relay.flush());

        assertEquals(List.of("go " + ROOM.value() + " " + T0.plusSeconds(30)), dropped);
        assertEquals(List.of("instead"), chat.sent().stream().map(FakeChat.Sent::txnId).toList());
        assertEquals(List.of(), outbox.pending());
    }

    @Test
    void anEntryThatKeepsFailingIsTriedOncePerFlush() {
        relay.addListener((txnId, room, eventId) -> outbox.enqueue("again-" + txnId, room,
                OutgoingMessage.notice("more", null), T0)); // a listener that always queues more
        chat.failNextSends(100);
        outbox.enqueue("m", ROOM, OutgoingMessage.notice("hello", null), T0);
        assertEquals(1, relay.flush());
        assertEquals(List.of("m"), chat.sendAttempts());
    }

    @Test
    void pinsWhereTheBotMaySkipsWhereItMayNotAndTellsNoListener() {
        FakeRoomPins pins = new FakeRoomPins().allow(ROOM);
        RoomId locked = new RoomId("!locked:example.org");
        OutboxSender pinning = new OutboxSender(outbox, db, new OutboxSender.Edges(chat, polls, directRooms, pins),
                () -> { }, clock);
        pinning.addListener((txnId, room, eventId) -> told.add(txnId));
        outbox.enqueue("pin", ROOM, new Outbox.Pin(new EventId("$board")), T0);
        outbox.enqueue("pin-locked", locked, new Outbox.Pin(new EventId("$other")), T0);
        assertEquals(0, pinning.flush());
        assertEquals(List.of("pin " + ROOM.value() + " $board"), pins.calls(), "asked first where it may not (M8)");
        assertEquals(List.of(), outbox.pending(), "a skipped pin is done, not retried");
        assertEquals(List.of(), told, "a pin is no message: no event id to tell");

        outbox.enqueue("unpin", ROOM, new Outbox.Unpin(new EventId("$board")), T0);
        pinning.flush();
        assertEquals(List.of(), pins.pinned());
    }

    @Test
    void aMessageToAPersonOpensTheirDirectRoomWhenSentNotBefore() {
        outbox.enqueueDirect("b", ANA, OutgoingMessage.notice("your ballot", null), T0);
        assertTrue(directRooms.created().isEmpty(), "queuing opens nothing");
        relay.flush();
        RoomId direct = directRooms.roomOf(ANA);
        assertEquals(1, chat.messagesIn(direct).size());
        assertTrue(told.get(0).startsWith("b " + direct.value() + " "), "the listener learns the room it went to");
    }

    @Test
    void whatFailsStaysQueuedAndGoesOutOnceWithTheSameTransactionId() {
        chat.failNextSends(1);
        outbox.enqueue("m", ROOM, OutgoingMessage.notice("hello", null), T0);
        assertEquals(1, relay.flush());
        assertEquals(0, drains.get(), "nothing drained while a message waits");
        assertEquals(List.of(), told);
        assertEquals(0, relay.flush());
        assertEquals(List.of("m", "m"), chat.sendAttempts());
        assertEquals(1, chat.messagesIn(ROOM).size());
    }

    @Test
    void anEntryPastItsDeadlineIsDroppedUnsent() {
        outbox.enqueue(new Outbox.Pending("go", ROOM, null, new Outbox.Message(OutgoingMessage.notice("GO", null)), T0,
                T0.plusSeconds(60)));
        clock.set(T0.plusSeconds(61));
        relay.flush();
        assertEquals(List.of(), outbox.pending());
        assertTrue(chat.sent().isEmpty());
    }

    @Test
    void aRevokedTokenKeepsEverythingQueuedAndStopsTheBot() {
        AtomicInteger stops = new AtomicInteger();
        relay.onUnauthorized(stops::incrementAndGet);
        chat.failNextSendsWith(new ChatUnauthorizedException("401", null));
        outbox.enqueue("a", ROOM, OutgoingMessage.notice("one", null), T0);
        outbox.enqueue("b", ROOM, OutgoingMessage.notice("two", null), T0.plusMillis(1));
        assertEquals(1, relay.flush());
        assertEquals(1, stops.get());
        assertEquals(List.of("a", "b"), outbox.pending().stream().map(Outbox.Pending::txnId).toList(),
                "nothing dropped, nothing tried after the refusal");
    }

    @Test
    void whileHeldNothingLeavesAndConfirmRecordsAPunctualSend() {
        relay.hold(T0.plusSeconds(5));
        outbox.enqueue("go", ROOM, OutgoingMessage.notice("GO", null), T0);
        assertEquals(0, relay.flush());
        assertTrue(chat.sent().isEmpty());

        relay.confirm("go", ROOM, new EventId("$go"));
        assertEquals(List.of("go " + ROOM.value() + " $go"), told);
        assertEquals(List.of(), outbox.pending());
    }

    @Test
    void aHoldTakesEffectAtOnceEvenInsideATransaction() {
        outbox.enqueue("queued", ROOM, OutgoingMessage.notice("queued before", null), T0);
        db.run(() -> relay.hold(T0.plusSeconds(5)));
        assertEquals(0, relay.flush());
        assertTrue(chat.sent().isEmpty(), "a GO must not wait behind the queue");
        clock.set(T0.plusSeconds(5));
        relay.flush();
        assertEquals(1, chat.messagesIn(ROOM).size(), "the hold ends by itself at its deadline");
    }

    @Test
    void releaseInsideATransactionSendsOnlyAfterTheCommit() {
        relay.hold(T0.plusSeconds(5));
        db.run(() -> {
            outbox.enqueue("m", ROOM, OutgoingMessage.notice("hello", null), T0);
            relay.release();
            assertTrue(chat.sent().isEmpty(), "no network while the transaction holds the database");
        });
        assertEquals(1, chat.messagesIn(ROOM).size());
    }

    @Test
    void drainGivesUpAfterAFewAttemptsAndKeepsTheRest() {
        chat.failNextSends(100);
        outbox.enqueue("m", ROOM, OutgoingMessage.notice("hello", null), T0);
        assertEquals(1, relay.drain(Duration.ofSeconds(5)));
        assertEquals(OutboxSender.DRAIN_ATTEMPTS, chat.sendAttempts().size());
        assertFalse(outbox.pending().isEmpty());
    }
}
