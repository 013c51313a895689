package org.assemblybot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.assemblybot.adapter.sqlite.Database;
import org.assemblybot.adapter.sqlite.SqliteOutbox;
import org.assemblybot.adapter.sqlite.SqliteProcessedEvents;
import org.assemblybot.adapter.sqlite.SqliteRoomJoins;
import org.assemblybot.adapter.sqlite.SqliteRoomSettings;
import org.assemblybot.adapter.sqlite.SqliteUndecryptableCounts;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.OutgoingMessage;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.command.Command;
import org.assemblybot.core.command.CommandParser;
import org.assemblybot.core.command.CommandRouter;
import org.assemblybot.core.command.CommandSpec;
import org.assemblybot.core.command.OrganizerCheck;
import org.assemblybot.core.command.Permission;
import org.assemblybot.core.feature.Feature;
import org.assemblybot.core.inbound.CommandThrottle;
import org.assemblybot.core.inbound.InboundFilter;
import org.assemblybot.core.outbox.OutboxSender;
import org.assemblybot.core.store.Outbox;
import org.assemblybot.core.store.RoomSettings;
import org.assemblybot.feature.basics.BasicsFeature;
import org.assemblybot.testkit.FakeChat;
import org.assemblybot.testkit.FakeDirectRooms;
import org.assemblybot.testkit.FakePolls;
import org.assemblybot.testkit.MutableClock;
import org.assemblybot.testkit.TestDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real {@link Bot} — filter, parser, router, {@link BasicsFeature}, the SQLite stores on a real database
 * and the {@link OutboxSender} — seen from the room's side through {@link FakeChat}. {@link FakeChat} folds a
 * repeated transaction id into one event like the homeserver does, so "once" is also checked on the send
 * attempts, where a second run of a command would show.
 */
class BotTest {
    private static final String PREFIX = "!";
    private static final int ORGANIZER_LEVEL = 50;
    private static final Duration MAX_AGE = Duration.ofMinutes(5);
    private static final RoomId ROOM = new RoomId("!assembly:example.org");
    private static final RoomId OTHER_ROOM = new RoomId("!other:example.org");
    private static final UserId ALICE = new UserId("@alice:example.org");
    private static final UserId BOB = new UserId("@bob:example.org");
    private static final UserId CAROL = new UserId("@carol:example.org");
    private static final UserId MALLORY = new UserId("@mallory:elsewhere.org");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @TempDir
    Path tmp;

    private final MutableClock clock = MutableClock.at("2025-03-01T12:00:00Z");
    /** Generous unless a test tightens it: most tests are about other things. */
    private CommandThrottle throttle = new CommandThrottle(1000, 1000, Duration.ofSeconds(30), clock);
    private final FakeChat chat = new FakeChat().powerLevel(ROOM, ALICE, ORGANIZER_LEVEL);
    /** The bot's direct rooms: the homeserver's state, so they outlive restarts like the chat does. */
    private final FakeDirectRooms directRooms = new FakeDirectRooms(chat);
    /** Calls of {@link RoomSettings#setZone} over all Bot instances of a test: the effect of {@code !tz}. */
    private final AtomicInteger zoneWrites = new AtomicInteger();
    private final AtomicInteger drains = new AtomicInteger();
    private final AtomicInteger brokenRuns = new AtomicInteger();
    /** Features added to the Bot at its next (re)start, built over that start's settings store. */
    private final List<Function<RoomSettings, Feature>> extraFeatures = new ArrayList<>();
    private int nextEvent = 1;

    private Database db;
    private SqliteProcessedEvents processed;
    private SqliteRoomJoins joins;
    private SqliteRoomSettings settings;
    private SqliteOutbox outbox;
    private SqliteUndecryptableCounts undecryptable;
    private OutboxSender outboxSender;
    private Bot bot;

    @BeforeEach
    void start() {
        open();
        joins.recordJoin(ROOM, clock.instant().minus(Duration.ofDays(1)));
        joins.recordJoin(OTHER_ROOM, clock.instant().minus(Duration.ofDays(1)));
    }

    @AfterEach
    void closeDatabase() {
        db.close();
    }

    /** Builds everything over the database in {@code tmp}, as {@link Wiring} does at start. */
    private void open() {
        db = TestDb.open(tmp);
        processed = new SqliteProcessedEvents(db);
        joins = new SqliteRoomJoins(db);
        settings = new SqliteRoomSettings(db);
        outbox = new SqliteOutbox(db);
        undecryptable = new SqliteUndecryptableCounts(db);
        RoomSettings countingSettings = new CountingRoomSettings(settings, zoneWrites);
        outboxSender = new OutboxSender(outbox, db, new OutboxSender.Edges(chat, new FakePolls(), directRooms),
                drains::incrementAndGet, clock);
        List<Feature> features = new ArrayList<>();
        features.add(new BasicsFeature(chat, chat, countingSettings, clock, PREFIX));
        extraFeatures.forEach(extra -> features.add(extra.apply(settings)));
        List<Command> commands = features.stream().flatMap(f -> f.commands().stream()).toList();
        CommandRouter router = new CommandRouter(PREFIX, commands, OrganizerCheck.byPowerLevel(chat, ORGANIZER_LEVEL),
                ORGANIZER_LEVEL, clock);
        InboundFilter filter = new InboundFilter(chat.userId(), MAX_AGE, joins, processed, clock);
        bot = new Bot(chat.userId(), filter, new CommandParser(PREFIX), router,
                new Bot.Stores(db, processed, outbox, joins, settings, undecryptable), outboxSender, chat,
                directRooms, ALICE::equals, features, MAX_AGE, throttle, clock);
    }

    /** A restart: the process goes away and a new one opens the same database (the homeserver stays). */
    private void restart() {
        db.close();
        open();
    }

    /** A restart with one more feature. */
    private void withFeature(Function<RoomSettings, Feature> feature) {
        extraFeatures.add(feature);
        restart();
    }

    // ---- events

    private EventId nextId() {
        return new EventId("$ev" + nextEvent++);
    }

    private ChatEvent.Message message(UserId sender, String msgtype, String body, Instant sentAt, EventId threadRoot,
                                      EventId replaces) {
        return new ChatEvent.Message(ROOM, nextId(), sender, sentAt, msgtype, body, threadRoot, replaces, true);
    }

    /** A live command sent 80 ms ago, outside any thread. */
    private ChatEvent.Message says(UserId sender, String body) {
        return message(sender, "m.text", body, clock.instant().minusMillis(80), null, null);
    }

    private ChatEvent.Undecryptable undecryptable(UserId sender, Instant sentAt) {
        return new ChatEvent.Undecryptable(ROOM, nextId(), sender, sentAt);
    }

    private ChatEvent.Membership membership(RoomId room, UserId target, String change, Instant at) {
        return new ChatEvent.Membership(room, nextId(), target, at, target, change);
    }

    private void deliver(ChatEvent event) {
        bot.onEvent(event, false);
    }

    // ---- commands

    @Test
    void aCommandInAThreadGetsOneNoticeInThatThreadWithTheTxnIdDerivedFromTheCommand() {
        EventId root = new EventId("$thread-root");
        ChatEvent.Message ping = message(ALICE, "m.text", "!ping", clock.instant().minusMillis(80), root, null);

        deliver(ping);

        assertEquals(1, chat.sent().size());
        FakeChat.Sent sent = chat.sent().get(0);
        assertEquals(ROOM, sent.room());
        assertEquals(Bot.replyTxnId(ping.id()), sent.txnId());
        OutgoingMessage reply = chat.assertOnlyNoticeContaining("pong — your message reached me 80 ms");
        assertEquals(root, reply.threadRoot());
        assertEquals(ping.id(), reply.inReplyTo());
        assertEquals(List.of(), outbox.pending(), "the outbox is empty once the reply was accepted");
    }

    /** Outside a thread the answer is a plain reply to the command: the adapter sends it as m.in_reply_to. */
    @Test
    void aCommandOutsideAThreadGetsOneNoticeReplyingToIt() {
        ChatEvent.Message ping = says(ALICE, "!ping");

        deliver(ping);

        OutgoingMessage reply = chat.assertOnlyNoticeContaining("pong");
        assertEquals(ping.id(), reply.inReplyTo());
        assertNull(reply.threadRoot());
        assertEquals(List.of(Bot.replyTxnId(ping.id())), chat.sendAttempts());
    }

    @Test
    void replyTxnIdsAreStableAndDifferPerCommand() {
        assertEquals(Bot.replyTxnId(new EventId("$a")), Bot.replyTxnId(new EventId("$a")));
        assertFalse(Bot.replyTxnId(new EventId("$a")).equals(Bot.replyTxnId(new EventId("$b"))));
    }

    @Test
    void tooManyCommandsFromOnePersonGetOneShortRefusalThenSilence() {
        throttle = new CommandThrottle(2, 100, Duration.ofSeconds(30), clock);
        open();
        deliver(says(ALICE, "!ping"));
        deliver(says(ALICE, "!ping"));
        ChatEvent.Message third = says(ALICE, "!ping");
        deliver(third);
        deliver(third); // redelivered: already handled, not counted again
        deliver(says(ALICE, "!ping"));

        List<String> bodies = chat.sent().stream().map(sent -> sent.message().body()).toList();
        assertEquals(3, bodies.size(), bodies.toString());
        assertTrue(bodies.get(0).startsWith("pong") && bodies.get(1).startsWith("pong"));
        assertTrue(bodies.get(2).startsWith("Slow down, please"), bodies.get(2));

        clock.advance(Duration.ofSeconds(30));
        deliver(says(ALICE, "!ping"));
        assertTrue(chat.sent().get(3).message().body().startsWith("pong"), "the window moved on");
    }

    @Test
    void aCommandOverTheLengthLimitIsRefusedShortlyAndNotRun() {
        ChatEvent.Message huge = says(ALICE, "!tz Europe/Berlin " + "é".repeat(Bot.MAX_COMMAND_LENGTH));

        deliver(huge);
        deliver(huge); // redelivered: answered once

        assertEquals(0, zoneWrites.get(), "the command did not run");
        OutgoingMessage reply = chat.assertOnlyNoticeContaining("commands take at most 4000");
        assertTrue(reply.body().contains("is " + (2 + "Europe/Berlin ".length() + Bot.MAX_COMMAND_LENGTH)
                + " characters long"), reply.body());
        assertTrue(reply.body().length() < 200, "short, and none of the paste quoted back");
    }

    @Test
    void aLongQuoteInAReplyFallbackDoesNotCountTowardsTheLimit() {
        deliver(says(ALICE, "> <@bob:example.org> " + "x".repeat(Bot.MAX_COMMAND_LENGTH + 10) + "\n\n!ping"));

        chat.assertOnlyNoticeContaining("pong");
    }

    @Test
    void theSameEventDeliveredTwiceRunsOnce() {
        ChatEvent.Message tz = says(ALICE, "!tz Europe/Berlin");

        deliver(tz);
        deliver(tz);

        assertEquals(1, zoneWrites.get(), "the command's effect happened once");
        assertEquals(Optional.of(BERLIN), settings.zone(ROOM));
        chat.assertOnlyNoticeContaining("Time zone for this room: Europe/Berlin");
        assertEquals(1, chat.sendAttempts().size(), "one reply was sent");
    }

    @Test
    void theSameEventDeliveredAgainAfterARestartRunsOnce() {
        ChatEvent.Message tz = says(ALICE, "!tz Europe/Berlin");
        deliver(tz);

        restart();
        clock.advance(Duration.ofSeconds(30));
        deliver(tz);

        assertEquals(1, zoneWrites.get(), "the command's effect happened once");
        assertEquals(Optional.of(BERLIN), settings.zone(ROOM));
        assertEquals(1, chat.sendAttempts().size(), "one reply was sent");
    }

    // ---- what never runs a command (M4, M5)

    private void assertIgnored(ChatEvent.Message event, boolean initialSync) {
        bot.onEvent(event, initialSync);
        chat.assertNothingSent();
        assertEquals(List.of(), chat.sendAttempts());
        assertEquals(List.of(), outbox.pending());
        assertFalse(processed.isHandled(event.id()), "an ignored event is not marked handled");
    }

    @Test
    void firstSyncBacklogIsNotAnswered() {
        assertIgnored(says(ALICE, "!ping"), true);
    }

    @Test
    void theBotsOwnMessagesAreNotAnswered() {
        assertIgnored(says(chat.userId(), "!ping"), false);
    }

    @Test
    void noticesAreNotAnswered() {
        assertIgnored(message(ALICE, "m.notice", "!ping", clock.instant(), null, null), false);
    }

    @Test
    void editsAreNotAnswered() {
        assertIgnored(message(ALICE, "m.text", "!tz Europe/Berlin", clock.instant(), null, new EventId("$original")),
                false);
        assertEquals(0, zoneWrites.get());
    }

    @Test
    void commandsOlderThanTheMaximumAgeAreNotAnswered() {
        assertIgnored(message(ALICE, "m.text", "!ping", clock.instant().minus(MAX_AGE).minusSeconds(1), null, null),
                false);
    }

    @Test
    void commandsSentBeforeTheBotJoinedAreNotAnswered() {
        joins.forget(ROOM);
        joins.recordJoin(ROOM, clock.instant().minusSeconds(60));
        assertIgnored(message(ALICE, "m.text", "!ping", clock.instant().minusSeconds(61), null, null), false);
    }

    @Test
    void afterStopAcceptingNothingRuns() {
        bot.stopAccepting();
        assertIgnored(says(ALICE, "!ping"), false);
    }

    // ---- internal errors

    /** A feature whose command writes a setting and then fails unexpectedly. */
    private Feature brokenFeature(RoomSettings settings) {
        Command broken = new Command(new CommandSpec("break", List.of(), List.of(), "Fails.", "break",
                Permission.EVERYONE), context -> {
                    brokenRuns.incrementAndGet();
                    settings.setZone(context.room(), ZoneId.of("Asia/Tokyo"));
                    throw new IllegalStateException("bug in a handler");
                });
        return new Feature() {
            @Override
            public String id() {
                return "broken";
            }

            @Override
            public List<Command> commands() {
                return List.of(broken);
            }
        };
    }

    @Test
    void anInternalErrorRollsBackTheEffectAnswersWithAnApologyAndIsNotRunAgain() {
        settings.setZone(ROOM, BERLIN);
        withFeature(this::brokenFeature);
        ChatEvent.Message command = says(ALICE, "!break");

        deliver(command);

        assertEquals(Optional.of(BERLIN), settings.zone(ROOM), "the handler's write was rolled back");
        OutgoingMessage apology = chat.assertOnlyNoticeContaining("Sorry, something went wrong handling `!break`");
        assertTrue(apology.body().matches("(?s).*\\(error id [0-9a-f]{8}\\).*"), apology.body());
        assertEquals(command.id(), apology.inReplyTo());
        assertEquals(Bot.replyTxnId(command.id()), chat.sent().get(0).txnId());
        assertTrue(processed.isHandled(command.id()), "the failed command counts as handled");

        deliver(command);
        assertEquals(1, brokenRuns.get(), "the handler ran once");
        assertEquals(1, chat.sendAttempts().size(), "a redelivery gets no second apology");
    }

    // ---- plain messages in a direct room reach the features (onDirectMessage), once

    /** A feature that counts the plain direct messages it is handed, and answers each by direct message. */
    private Feature directListener(List<EventId> heard) {
        return new Feature() {
            @Override
            public String id() {
                return "listener";
            }

            @Override
            public List<Command> commands() {
                return List.of();
            }

            @Override
            public void onDirectMessage(ChatEvent.Message message) {
                heard.add(message.id());
                outbox.enqueueDirect("heard-" + message.id().value(), message.sender(),
                        OutgoingMessage.notice("heard you", null), clock.instant());
            }
        };
    }

    private ChatEvent.Message in(RoomId room, UserId sender, String body, EventId replaces) {
        return new ChatEvent.Message(room, nextId(), sender, clock.instant().minusMillis(80), "m.text", body, null,
                replaces, true);
    }

    @Test
    void aPlainMessageInADirectRoomReachesTheFeaturesOnceAndNothingElseDoes() {
        List<EventId> heard = new ArrayList<>();
        withFeature(settings -> directListener(heard));
        RoomId direct = directRooms.directRoomWith(BOB);
        joins.recordJoin(direct, clock.instant().minus(Duration.ofDays(1)));
        ChatEvent.Message answer = in(direct, BOB, "I saw people helping each other", null);

        deliver(answer);
        deliver(answer); // redelivered by sync (M3)
        restart();
        deliver(answer); // and after a restart

        assertEquals(List.of(answer.id()), heard);
        assertTrue(processed.isHandled(answer.id()), "marked handled with the effect");
        assertEquals(1, chat.messagesIn(direct).size(), "what the feature queued was sent once");

        deliver(in(direct, BOB, "an edit of it", answer.id())); // M5: an edit is never an answer again
        bot.onEvent(in(direct, BOB, "backlog", null), true); // first-sync backlog
        deliver(new ChatEvent.Message(direct, nextId(), BOB, clock.instant(), "m.notice", "a notice", null, null,
                true));
        deliver(in(direct, CAROL, "someone else in Bob's direct room", null));
        deliver(in(ROOM, BOB, "a plain message in a group room", null));
        deliver(in(direct, BOB, "!ping", null)); // a command runs as a command, it is not an answer
        assertEquals(List.of(answer.id()), heard);
        assertTrue(chat.messagesIn(direct).get(1).body().startsWith("pong"));
    }

    // ---- the outbox (M1)

    @Test
    void aFailedSendStaysQueuedAndALaterFlushSendsItWithTheSameTxnId() {
        chat.failNextSends(1);
        ChatEvent.Message ping = says(ALICE, "!ping");
        String txnId = Bot.replyTxnId(ping.id());

        deliver(ping);

        chat.assertNothingSent();
        assertEquals(List.of(txnId), outbox.pending().stream().map(Outbox.Pending::txnId).toList());
        assertEquals(0, drains.get(), "nothing was drained");

        assertEquals(0, outboxSender.flush());

        assertEquals(List.of(txnId, txnId), chat.sendAttempts());
        assertEquals(txnId, chat.sent().get(0).txnId());
        chat.assertOnlyNoticeContaining("pong");
        assertEquals(List.of(), outbox.pending());
        assertEquals(1, drains.get());
    }

    @Test
    void aSendRefusedForGoodIsDroppedInsteadOfRetriedForever() {
        chat.refuseNextSends(1);
        deliver(says(ALICE, "!ping"));

        chat.assertNothingSent();
        assertEquals(List.of(), outbox.pending(), "a refused message leaves the queue");
        deliver(says(ALICE, "!ping"));
        chat.assertOnlyNoticeContaining("pong");
    }

    @Test
    void aFailedSendIsRetriedWithTheSameTxnIdAfterARestart() {
        chat.failNextSends(1);
        ChatEvent.Message ping = says(ALICE, "!ping");
        deliver(ping);

        restart();
        outboxSender.flush();

        String txnId = Bot.replyTxnId(ping.id());
        assertEquals(List.of(txnId, txnId), chat.sendAttempts());
        chat.assertOnlyNoticeContaining("pong");
        assertEquals(List.of(), outbox.pending());
    }

    @Test
    void afterDrainRunsOnlyWhenEverythingWasSent() {
        outbox.enqueue("first", ROOM, OutgoingMessage.notice("one", null), clock.instant());
        outbox.enqueue("second", ROOM, OutgoingMessage.notice("two", null), clock.instant().plusMillis(1));
        chat.failNextSends(1);

        assertEquals(1, outboxSender.flush(), "one message is still waiting");
        assertEquals(List.of("second"), chat.sent().stream().map(FakeChat.Sent::txnId).toList());
        assertEquals(List.of("first"), outbox.pending().stream().map(Outbox.Pending::txnId).toList());
        assertEquals(0, drains.get(), "not drained while a message waits");

        assertEquals(0, outboxSender.flush());
        assertEquals(1, drains.get());
        assertEquals(List.of("second", "first"), chat.sent().stream().map(FakeChat.Sent::txnId).toList());

        assertEquals(0, outboxSender.flush());
        assertEquals(1, drains.get(), "an empty outbox has nothing to drain");
    }

    // ---- undecryptable events (E4)

    @Test
    void aUserIsToldOnceThatTheirMessagesCannotBeDecryptedAndEveryFailureIsCounted() {
        ChatEvent.Undecryptable first = undecryptable(BOB, clock.instant().minusSeconds(1));

        deliver(first);

        OutgoingMessage notice = chat.assertOnlyNoticeContaining("could not decrypt");
        assertEquals(Set.of(BOB), notice.mentions());
        assertTrue(notice.body().contains(BOB.value()), notice.body());
        assertEquals(first.id(), notice.inReplyTo());
        assertEquals(Bot.replyTxnId(first.id()), chat.sent().get(0).txnId());
        assertEquals(1, undecryptable.failures(ROOM));

        deliver(undecryptable(BOB, clock.instant()));

        assertEquals(2, undecryptable.failures(ROOM));
        assertEquals(1, chat.sendAttempts().size(), "no second notice for the same user in the same room");
    }

    @Test
    void anOldUndecryptableEventIsCountedButNotAnswered() {
        deliver(undecryptable(CAROL, clock.instant().minus(MAX_AGE).minusSeconds(1)));

        assertEquals(1, undecryptable.failures(ROOM));
        chat.assertNothingSent();

        // The old event did not use up Carol's one notice.
        deliver(undecryptable(CAROL, clock.instant()));
        assertEquals(2, undecryptable.failures(ROOM));
        assertEquals(Set.of(CAROL), chat.assertOnlyNoticeContaining("could not decrypt").mentions());
    }

    @Test
    void anUndecryptableEventDeliveredTwiceIsCountedOnce() {
        ChatEvent.Undecryptable event = undecryptable(BOB, clock.instant());
        deliver(event);
        deliver(event);
        assertEquals(1, undecryptable.failures(ROOM));
        assertEquals(1, chat.sendAttempts().size());
    }

    @Test
    void undecryptableBacklogAndOwnEventsAreIgnored() {
        bot.onEvent(undecryptable(BOB, clock.instant()), true);
        deliver(undecryptable(chat.userId(), clock.instant()));
        assertEquals(0, undecryptable.failures(ROOM));
        chat.assertNothingSent();
    }

    // ---- invites (M7)

    @Test
    void anInviteFromAnAllowedUserIsAccepted() {
        RoomId invitedTo = new RoomId("!new:example.org");
        bot.onInvite(invitedTo, ALICE);
        assertEquals(List.of(invitedTo), chat.joinRequests());
        assertEquals(List.of(), chat.leaveRequests());
    }

    @Test
    void anInviteFromAnyoneElseIsDeclined() {
        RoomId invitedTo = new RoomId("!spam:elsewhere.org");
        bot.onInvite(invitedTo, MALLORY);
        assertEquals(List.of(invitedTo), chat.leaveRequests());
        assertEquals(List.of(), chat.joinRequests());
    }

    // ---- the bot's own membership (M4, M6)

    @Test
    void theBotsOwnJoinIsRecorded() {
        RoomId joined = new RoomId("!new:example.org");
        Instant at = clock.instant().minusSeconds(3);

        deliver(membership(joined, chat.userId(), "join", at));

        assertEquals(Optional.of(at), joins.joinedAt(joined));
    }

    @Test
    void someoneElsesJoinIsNotTheBotsJoin() {
        RoomId room = new RoomId("!new:example.org");
        deliver(membership(room, ALICE, "join", clock.instant()));
        assertEquals(Optional.empty(), joins.joinedAt(room));
    }

    @ParameterizedTest
    @ValueSource(strings = {"leave", "ban"})
    void leavingOrBeingRemovedForgetsTheRoomsDataAndOnlyThatRoomsData(String change) {
        settings.setZone(ROOM, BERLIN);
        settings.setZone(OTHER_ROOM, BERLIN);

        deliver(membership(ROOM, chat.userId(), change, clock.instant()));

        assertEquals(Optional.empty(), settings.zone(ROOM));
        assertEquals(Optional.empty(), joins.joinedAt(ROOM));
        assertEquals(Optional.of(BERLIN), settings.zone(OTHER_ROOM));
        assertTrue(joins.joinedAt(OTHER_ROOM).isPresent());
    }

    @Test
    void someoneElseLeavingForgetsNothing() {
        settings.setZone(ROOM, BERLIN);
        deliver(membership(ROOM, ALICE, "leave", clock.instant()));
        assertEquals(Optional.of(BERLIN), settings.zone(ROOM));
        assertTrue(joins.joinedAt(ROOM).isPresent());
    }

    /** Counts the writes of {@code !tz} while storing them in the real store. */
    private record CountingRoomSettings(RoomSettings delegate, AtomicInteger zoneWrites) implements RoomSettings {
        @Override
        public Optional<ZoneId> zone(RoomId room) {
            return delegate.zone(room);
        }

        @Override
        public void setZone(RoomId room, ZoneId zone) {
            zoneWrites.incrementAndGet();
            delegate.setZone(room, zone);
        }

        @Override
        public void forget(RoomId room) {
            delegate.forget(room);
        }
    }
}
