package org.assemblybot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.OutgoingMessage;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.command.CommandParser;
import org.assemblybot.core.command.CommandRouter;
import org.assemblybot.core.command.Invocation;
import org.assemblybot.core.command.OrganizerCheck;
import org.assemblybot.core.command.Outcome;
import org.assemblybot.core.inbound.InboundFilter;
import org.assemblybot.feature.basics.BasicsFeature;
import org.assemblybot.testkit.FakeChat;
import org.assemblybot.testkit.InMemoryProcessedEvents;
import org.assemblybot.testkit.InMemoryRoomJoins;
import org.assemblybot.testkit.InMemoryRoomSettings;
import org.assemblybot.testkit.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole command path as the integrator will wire it — filter, parser, router, a notice in the
 * command's thread — checked from the room's side through {@link FakeChat}.
 */
class ConversationTest {
    private static final RoomId ROOM = new RoomId("!assembly:example.org");
    private static final UserId ALICE = new UserId("@alice:example.org");

    private final MutableClock clock = MutableClock.at("2025-03-01T12:00:00Z");
    private final FakeChat chat = new FakeChat();
    private final InMemoryRoomJoins joins = new InMemoryRoomJoins();
    private final InMemoryProcessedEvents processed = new InMemoryProcessedEvents();
    private final InboundFilter filter = new InboundFilter(chat.userId(), Duration.ofMinutes(5), joins, processed,
            clock);
    private final CommandParser parser = new CommandParser("!");
    private final CommandRouter router = new CommandRouter("!",
            new BasicsFeature(chat, chat, new InMemoryRoomSettings(), clock, "!").commands(),
            OrganizerCheck.byPowerLevel(chat, 50), 50, clock);
    private int nextId = 1;

    @BeforeEach
    void botHasJoined() {
        joins.recordJoin(ROOM, clock.instant().minus(Duration.ofDays(1)));
    }

    /** What the integration does with one event; the txn id derives from the command so a retry is one event. */
    private void deliver(ChatEvent event, boolean initialSync) {
        if (!filter.check(event, initialSync).runsCommand()) {
            return;
        }
        ChatEvent.Message message = (ChatEvent.Message) event;
        parser.parse(message.body()).ifPresent(parsed -> {
            Outcome outcome = router.dispatch(parsed, new Invocation(message.room(), message.sender(), message.id(),
                    message.sentAt(), message.encrypted()));
            if (processed.markHandled(message.room(), message.id(), clock.instant())) {
                EventId root = message.threadRoot() != null ? message.threadRoot() : message.id();
                chat.send(message.room(), "reply-" + message.id().value(),
                        OutgoingMessage.notice(outcome.reply().body(), outcome.reply().html())
                                .inThread(root, message.id())
                                .mentioning(outcome.reply().mentions()));
            }
        });
    }

    private ChatEvent.Message says(UserId sender, String body, Instant sentAt) {
        return new ChatEvent.Message(ROOM, new EventId("$m" + nextId++), sender, sentAt, "m.text", body, null, null,
                true);
    }

    @Test
    void aCommandIsAnsweredOnceWithANoticeInItsThread() {
        ChatEvent.Message ping = says(ALICE, "!ping", clock.instant().minusMillis(80));
        deliver(ping, false);
        deliver(ping, false);

        OutgoingMessage reply = chat.assertOnlyNoticeContaining("pong — your message reached me 80 ms");
        assertEquals(ping.id(), reply.threadRoot());
        assertEquals(ping.id(), reply.inReplyTo());
    }

    @Test
    void oldBacklogAndEditsAreNeverAnswered() {
        deliver(says(ALICE, "!ping", clock.instant().minus(Duration.ofHours(1))), false);
        deliver(says(ALICE, "!ping", clock.instant()), true);
        deliver(new ChatEvent.Message(ROOM, new EventId("$edit"), ALICE, clock.instant(), "m.text", "!ping", null,
                new EventId("$m1"), true), false);
        chat.assertNothingSent();
    }

    @Test
    void theBotsOwnNoticesNeverTriggerIt() {
        deliver(new ChatEvent.Message(ROOM, new EventId("$own"), chat.userId(), clock.instant(), "m.notice",
                "!ping", null, null, true), false);
        chat.assertNothingSent();
    }

    @Test
    void markupAndRoomPingsFromUsersAreDefused() {
        deliver(says(ALICE, "!help <script>@room", clock.instant()), false);
        OutgoingMessage reply = chat.onlyMessage();
        assertTrue(reply.html().contains("<code>!&lt;script&gt;@\u2060room</code>"), reply.html());
        assertFalse(reply.html().contains("<script>"), reply.html());
        assertFalse(reply.html().contains("@room"), reply.html());
        assertFalse(reply.body().contains("@room"), reply.body());
        assertTrue(reply.mentions().isEmpty());
    }

    @Test
    void aRetriedSendWithTheSameTransactionIdIsOneEvent() {
        EventId first = chat.send(ROOM, "txn-1", OutgoingMessage.text("hello"));
        EventId again = chat.send(ROOM, "txn-1", OutgoingMessage.text("hello"));
        assertEquals(first, again);
        assertEquals(List.of(OutgoingMessage.text("hello")), chat.messagesIn(ROOM));
    }
}
