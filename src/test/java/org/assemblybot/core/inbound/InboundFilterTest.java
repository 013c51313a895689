package org.assemblybot.core.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.inbound.InboundFilter.Reason;
import org.assemblybot.testkit.InMemoryProcessedEvents;
import org.assemblybot.testkit.InMemoryRoomJoins;
import org.assemblybot.testkit.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class InboundFilterTest {
    private static final RoomId ROOM = new RoomId("!assembly:example.org");
    private static final RoomId NEW_ROOM = new RoomId("!new:example.org");
    private static final UserId BOT = new UserId("@bot:example.org");
    private static final UserId ALICE = new UserId("@alice:example.org");
    private static final Instant NOW = Instant.parse("2025-03-01T12:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryRoomJoins joins = new InMemoryRoomJoins();
    private final InMemoryProcessedEvents processed = new InMemoryProcessedEvents();
    private final InboundFilter filter = new InboundFilter(BOT, Duration.ofMinutes(5), joins, processed, clock);
    private int nextId = 1;

    @BeforeEach
    void botJoinedAnHourAgo() {
        joins.recordJoin(ROOM, NOW.minus(Duration.ofHours(1)));
    }

    private ChatEvent.Message message(UserId sender, Instant sentAt, String msgtype, EventId replaces) {
        return new ChatEvent.Message(ROOM, new EventId("$e" + nextId++), sender, sentAt, msgtype, "!ping", null,
                replaces, false);
    }

    private ChatEvent.Message command(Instant sentAt) {
        return message(ALICE, sentAt, "m.text", null);
    }

    private ChatEvent.Reaction reaction(UserId sender, Instant sentAt) {
        return new ChatEvent.Reaction(ROOM, new EventId("$r" + nextId++), sender, sentAt, new EventId("$poll"), "👍");
    }

    private Reason reason(ChatEvent event) {
        return filter.check(event, false).reason();
    }

    @Nested
    class Commands {
        @Test
        void runsAFreshMessage() {
            InboundFilter.Verdict verdict = filter.check(command(NOW.minusSeconds(1)), false);
            assertEquals(Reason.RUN, verdict.reason());
            assertTrue(verdict.runsCommand());
        }

        @Test
        void dropsTheBotsOwnEvents() {
            assertEquals(Reason.OWN_EVENT, reason(message(BOT, NOW, "m.text", null)));
        }

        @Test
        void dropsNotices() {
            assertEquals(Reason.NOTICE, reason(message(ALICE, NOW, "m.notice", null)));
        }

        @Test
        void dropsEditsSoAnEditedCommandNeverRunsAgain() {
            assertEquals(Reason.EDIT, reason(message(ALICE, NOW, "m.text", new EventId("$original"))));
        }

        @Test
        void dropsTheBacklogOfTheFirstSync() {
            assertEquals(Reason.INITIAL_SYNC_BACKLOG, filter.check(command(NOW), true).reason());
        }

        @Test
        void dropsCommandsSentBeforeTheBotJoined() {
            joins.forget(ROOM);
            joins.recordJoin(ROOM, NOW.minusSeconds(60));
            assertEquals(Reason.BEFORE_JOIN, reason(command(NOW.minusSeconds(60).minusMillis(1))));
            assertEquals(Reason.RUN, reason(command(NOW.minusSeconds(60))));
        }

        @Test
        void allowsLiveCommandsFromARoomWhoseJoinIsNotRecordedYet() {
            ChatEvent.Message live = new ChatEvent.Message(NEW_ROOM, new EventId("$live"), ALICE, NOW, "m.text",
                    "!ping", null, null, false);
            assertEquals(Reason.RUN, reason(live));
            assertEquals(Reason.INITIAL_SYNC_BACKLOG, filter.check(live, true).reason());
        }

        @Test
        void dropsCommandsOlderThanTheMaximumAge() {
            joins.recordJoin(ROOM, NOW.minus(Duration.ofDays(1)));
            assertEquals(Reason.RUN, reason(command(NOW.minus(Duration.ofMinutes(5)))));
            assertEquals(Reason.TOO_OLD, reason(command(NOW.minus(Duration.ofMinutes(5)).minusMillis(1))));
        }

        @Test
        void ageIsMeasuredWithTheInjectedClock() {
            ChatEvent.Message event = command(NOW);
            assertEquals(Reason.RUN, reason(event));
            clock.advance(Duration.ofMinutes(6));
            assertEquals(Reason.TOO_OLD, reason(event));
        }

        @Test
        void acceptsSlightClockSkew() {
            assertEquals(Reason.RUN, reason(command(NOW.plusSeconds(5))));
        }

        @Test
        void dropsTimestampsFarInTheFuture() {
            assertEquals(Reason.FROM_THE_FUTURE, reason(command(NOW.plusSeconds(5).plusMillis(1))));
        }

        @Test
        void dropsEventsAlreadyHandled() {
            ChatEvent.Message event = command(NOW);
            processed.markHandled(ROOM, event.id(), NOW);
            assertEquals(Reason.ALREADY_HANDLED, reason(event));
        }

        @Test
        void nonMessagesNeverRunCommands() {
            assertEquals(Reason.NOT_A_MESSAGE, reason(reaction(ALICE, NOW)));
        }

        @Test
        void refusesANonPositiveMaximumAge() {
            assertThrows(IllegalArgumentException.class,
                    () -> new InboundFilter(BOT, Duration.ZERO, joins, processed, clock));
        }
    }

    @Nested
    class FeatureEvents {
        @Test
        void passesFreshNonMessageEvents() {
            List<ChatEvent> events = List.of(
                    reaction(ALICE, NOW),
                    new ChatEvent.PollResponse(ROOM, new EventId("$p"), ALICE, NOW, new EventId("$poll"), List.of("a")),
                    new ChatEvent.Membership(ROOM, new EventId("$m"), ALICE, NOW, ALICE, "join"),
                    new ChatEvent.Redaction(ROOM, new EventId("$d"), ALICE, NOW, new EventId("$x")),
                    new ChatEvent.Undecryptable(ROOM, new EventId("$u"), ALICE, NOW));
            events.forEach(event -> assertTrue(filter.forFeatures(event, false), event.toString()));
        }

        @Test
        void keepsMessagesForTheCommandPath() {
            assertFalse(filter.forFeatures(command(NOW), false));
        }

        @Test
        void dropsOwnEvents() {
            assertFalse(filter.forFeatures(reaction(BOT, NOW), false));
        }

        @Test
        void dropsFirstSyncBacklog() {
            assertFalse(filter.forFeatures(reaction(ALICE, NOW), true));
        }

        @Test
        void dropsOldEvents() {
            assertFalse(filter.forFeatures(reaction(ALICE, NOW.minus(Duration.ofMinutes(6))), false));
        }

        @Test
        void dropsHandledEvents() {
            ChatEvent.Reaction event = reaction(ALICE, NOW);
            processed.markHandled(ROOM, event.id(), NOW);
            assertFalse(filter.forFeatures(event, false));
        }
    }
}
