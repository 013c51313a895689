package org.assemblybot.app;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assemblybot.adapter.sqlite.Database;
import org.assemblybot.adapter.sqlite.Sql;
import org.assemblybot.adapter.sqlite.SqliteLiveMessageStore;
import org.assemblybot.adapter.sqlite.SqliteOutbox;
import org.assemblybot.adapter.sqlite.SqliteProcessedEvents;
import org.assemblybot.adapter.sqlite.SqliteRoomJoins;
import org.assemblybot.adapter.sqlite.SqliteRoomSettings;
import org.assemblybot.adapter.sqlite.SqliteScheduleStore;
import org.assemblybot.adapter.sqlite.SqliteUndecryptableCounts;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.live.LiveMessages;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.command.CommandParser;
import org.assemblybot.core.command.CommandRouter;
import org.assemblybot.core.command.OrganizerCheck;
import org.assemblybot.core.feature.Feature;
import org.assemblybot.core.inbound.CommandThrottle;
import org.assemblybot.core.inbound.InboundFilter;
import org.assemblybot.core.outbox.OutboxSender;
import org.assemblybot.core.schedule.Recurrences;
import org.assemblybot.core.schedule.ScheduleItem;
import org.assemblybot.core.schedule.Scheduler;
import org.assemblybot.core.config.ConfigSchema;
import org.assemblybot.core.store.SentListener;
import org.assemblybot.testkit.FakeChat;
import org.assemblybot.testkit.FakeDirectRooms;
import org.assemblybot.testkit.FakeFiles;
import org.assemblybot.testkit.FakePolls;
import org.assemblybot.testkit.FakeRoomPins;
import org.assemblybot.testkit.FakePunctualSender;
import org.assemblybot.testkit.FakeServerClock;
import org.assemblybot.testkit.ManualJobScheduler;
import org.assemblybot.testkit.MutableClock;

/**
 * The real {@link Bot} with every feature, as {@link Wiring} and {@link Features#all} build them, over a real
 * database: events go in through {@link #deliver} like the adapter delivers them, and time moves only with
 * {@link #advanceTo}. The rooms' members and power levels live in the {@link FakeChat}; direct rooms, polls,
 * pins, files and punctual sends are fakes too.
 */
final class FeatureBot {
    static final String PREFIX = "!";
    static final int ORGANIZER_LEVEL = 50;
    static final Duration MAX_AGE = Duration.ofMinutes(5);
    static final UserId BOT = new UserId("@bot:example.org");

    final MutableClock clock = MutableClock.at("2026-06-01T10:00:00Z");
    final FakeChat chat = new FakeChat(BOT, "BOTDEVICE");
    final FakePolls polls = new FakePolls();
    final FakePunctualSender punctual = new FakePunctualSender(chat);
    final FakeDirectRooms directRooms = new FakeDirectRooms(chat);
    final FakeRoomPins pins = new FakeRoomPins();
    final FakeFiles files = new FakeFiles();
    final Database db;
    final SqliteProcessedEvents processed;
    final SqliteOutbox outbox;
    final SqliteScheduleStore schedule;
    final ManualJobScheduler jobs = new ManualJobScheduler();
    final OutboxSender outboxSender;
    final List<Feature> features;
    final CommandRouter router;
    private final SqliteRoomJoins joins;
    private final Bot bot;
    private int nextEvent = 1;

    FeatureBot(Database db, List<RoomId> joinedRooms) {
        this.db = db;
        processed = new SqliteProcessedEvents(db);
        joins = new SqliteRoomJoins(db);
        SqliteRoomSettings settings = new SqliteRoomSettings(db);
        outbox = new SqliteOutbox(db);
        schedule = new SqliteScheduleStore(db, Recurrences::parse, clock);
        for (RoomId room : joinedRooms) {
            joins.recordJoin(room, clock.instant().minus(Duration.ofDays(1)));
            chat.member(room, BOT);
        }
        outboxSender = new OutboxSender(outbox, db, new OutboxSender.Edges(chat, polls, directRooms, pins, files),
                () -> { }, clock);
        Scheduler scheduler = new Scheduler(schedule, jobs, db, clock, outboxSender::flush);
        OrganizerCheck organizers = OrganizerCheck.byPowerLevel(chat, ORGANIZER_LEVEL);
        LiveMessages live = new LiveMessages(new SqliteLiveMessageStore(db), outbox, db, clock);
        outboxSender.addListener(live);
        features = Features.all(new Features.Parts(new Features.ChatPorts(chat, chat, directRooms, punctual), db,
                settings, scheduler, outbox, live, outboxSender, new FakeServerClock(), organizers, clock, PREFIX,
                new ConfigSchema(Features.CONFIG_SECTIONS).read(Map.of()), org.assemblybot.core.ops.Metrics.NOOP));
        for (Feature feature : features) {
            if (feature.dueHandler() != null) {
                scheduler.register(feature.id(), feature.dueHandler());
            }
            if (feature instanceof SentListener listener) {
                outboxSender.addListener(listener);
            }
        }
        scheduler.start();
        router = new CommandRouter(PREFIX, features.stream().flatMap(f -> f.commands().stream()).toList(),
                organizers, ORGANIZER_LEVEL, clock);
        bot = new Bot(BOT, new InboundFilter(BOT, MAX_AGE, joins, processed, clock), new CommandParser(PREFIX), router,
                new Bot.Stores(db, processed, outbox, joins, settings, new SqliteUndecryptableCounts(db)), outboxSender,
                chat, new FakeDirectRooms(chat), user -> true, features, MAX_AGE, new CommandThrottle(1000, 1000, Duration.ofSeconds(30), clock),
                clock);
    }

    EventId newId() {
        return new EventId("$ev" + nextEvent++);
    }

    void deliver(ChatEvent event) {
        bot.onEvent(event, false);
    }

    /** {@code who} types {@code body} in {@code room} (a moment ago, outside threads); returns its event id. */
    EventId say(RoomId room, UserId who, String body) {
        return sayInThread(room, who, body, null);
    }

    EventId sayInThread(RoomId room, UserId who, String body, EventId threadRoot) {
        ChatEvent.Message message = new ChatEvent.Message(room, newId(), who, clock.instant().minusMillis(50), "m.text",
                body, threadRoot, null, true);
        deliver(message);
        return message.id();
    }

    ChatEvent.Redaction redaction(RoomId room, UserId who, EventId redacts) {
        return new ChatEvent.Redaction(room, newId(), who, clock.instant(), redacts);
    }

    /** The bot's own membership in {@code room} changes, e.g. to {@code leave} or {@code ban}. */
    ChatEvent.Membership botMembership(RoomId room, UserId by, String change) {
        return new ChatEvent.Membership(room, newId(), by, clock.instant(), BOT, change);
    }

    /** Moves the clock through every trigger up to {@code end}, firing what is due, as a live scheduler would. */
    void advanceTo(Instant end) {
        jobs.advanceTo(clock, end);
    }

    /** Bodies of the bot's messages (not edits) in {@code room} that contain {@code text}. */
    List<FakeChat.Sent> messagesContaining(RoomId room, String text) {
        return chat.sent().stream().filter(s -> s.kind() == FakeChat.Sent.Kind.MESSAGE && s.room().equals(room)
                && s.message().body().contains(text)).toList();
    }

    List<FakeChat.Sent> editsIn(RoomId room) {
        return chat.sent().stream().filter(s -> s.kind() == FakeChat.Sent.Kind.EDIT && s.room().equals(room)).toList();
    }

    /** One value from the database, e.g. a vote's state or a number of RSVPs; null when there is no row. */
    String query(String select, Object... args) {
        return new Sql(db).one(select, row -> row.getString(1), args).orElse(null);
    }

    List<ScheduleItem.State> itemStates(String feature, String ref) {
        return schedule.byRef(feature, ref).stream().map(ScheduleItem::state).distinct().toList();
    }
}
