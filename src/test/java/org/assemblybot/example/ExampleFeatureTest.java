package org.assemblybot.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assemblybot.adapter.sqlite.Database;
import org.assemblybot.adapter.sqlite.SqliteLiveMessageStore;
import org.assemblybot.adapter.sqlite.SqliteOutbox;
import org.assemblybot.adapter.sqlite.SqliteRoomSettings;
import org.assemblybot.adapter.sqlite.SqliteScheduleStore;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.live.LiveMessages;
import org.assemblybot.core.outbox.OutboxSender;
import org.assemblybot.core.schedule.Recurrences;
import org.assemblybot.core.schedule.Scheduler;
import org.assemblybot.core.store.Outbox;
import org.assemblybot.testkit.CommandDriver;
import org.assemblybot.testkit.FakeChat;
import org.assemblybot.testkit.FakeDirectRooms;
import org.assemblybot.testkit.FakePolls;
import org.assemblybot.testkit.Kits;
import org.assemblybot.testkit.ManualJobScheduler;
import org.assemblybot.testkit.MutableClock;
import org.assemblybot.testkit.TestDb;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a new feature costs: {@link BreakFeature} — one command with two sub-commands, one scheduled reminder and one
 * live message — is built from the feature kit alone, in under 80 lines, and runs on the production parts (real
 * SQLite, the real scheduler, outbox relay and live messages) over a fake chat edge and a manual clock.
 */
class ExampleFeatureTest {
    private static final RoomId ROOM = new RoomId("!assembly:example.org");
    private static final UserId BOT = new UserId("@bot:example.org");
    private static final UserId OLGA = new UserId("@olga:example.org");
    private static final UserId BOB = new UserId("@bob:example.org");

    @RegisterExtension
    final TestDb testDb = new TestDb();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T10:00:00Z"));
    private final FakeChat chat = new FakeChat(BOT, "BOTDEVICE").member(ROOM, OLGA).member(ROOM, BOB)
            .powerLevel(ROOM, OLGA, CommandDriver.ORGANIZER_LEVEL);
    private Database db;
    private Outbox outbox;
    private ManualJobScheduler jobs;
    private Scheduler scheduler;
    private OutboxSender relay;
    private CommandDriver driver;

    @BeforeEach
    void setUp() {
        db = testDb.db();
        outbox = new SqliteOutbox(db);
        start();
    }

    /** The feature and its parts, new over the same database: a restart. */
    private void start() {
        jobs = new ManualJobScheduler();
        relay = new OutboxSender(outbox, db, new OutboxSender.Edges(chat, new FakePolls(), new FakeDirectRooms(chat)),
                () -> { }, clock);
        scheduler = new Scheduler(new SqliteScheduleStore(db, Recurrences::parse, clock), jobs, db, clock, relay::flush);
        LiveMessages live = new LiveMessages(new SqliteLiveMessageStore(db), outbox, db, clock);
        relay.addListener(live);
        BreakFeature feature = new BreakFeature(Kits.featureKit(BOT, clock, new SqliteRoomSettings(db), outbox, live,
                scheduler, db, chat, new FakeDirectRooms(chat)));
        scheduler.register(BreakFeature.ID, feature.dueHandler());
        scheduler.start();
        scheduler.rehydrate();
        driver = new CommandDriver(feature.commands(), chat, clock);
    }

    private String say(UserId sender, String body) {
        String reply = db.inTransaction(() -> driver.say(ROOM, sender, body)).reply().body();
        relay.flush();
        return reply;
    }

    private List<FakeChat.Sent> sent(FakeChat.Sent.Kind kind) {
        return chat.sent().stream().filter(s -> s.kind() == kind).toList();
    }

    @Test
    void staysSmall() throws IOException {
        Path source = Path.of("src/test/java/org/assemblybot/example/BreakFeature.java");
        long lines = Files.readAllLines(source).size();
        assertTrue(lines < 80, "BreakFeature has " + lines + " lines");
    }

    @Test
    void helpAndTheGateComeFromTheDeclaration() {
        assertEquals("`!break start` is for organizers (power level 50 or more in this room).",
                say(BOB, "!break start 10m"));
        String help = say(BOB, "!help break");
        assertTrue(help.contains("• `!break start <length>` — Starts a break. (organizers"), help);
        assertTrue(help.contains("• `!break end` — Ends the break now. (everyone)"), help);
        assertTrue(say(OLGA, "!break strat 10m").contains("Did you mean `!break start`?"));
        chat.assertNothingSent();
    }

    @Test
    void theReminderFiresOnTimeAndTheLiveStatusIsEditedInPlaceAcrossARestart() {
        assertEquals("Break until Mon 1 Jun 2026, 10:10 UTC.", say(OLGA, "!break start 10m"));
        FakeChat.Sent status = sent(FakeChat.Sent.Kind.MESSAGE).get(0);
        assertTrue(status.message().body().contains("On a break until"), status.message().body());

        scheduler.shutdown();
        start(); // nothing in memory survives; the reminder comes from the database
        jobs.advanceTo(clock, clock.instant().plus(Duration.ofMinutes(9)));
        assertEquals(1, chat.sent().size(), "nothing before the end of the break");
        jobs.advanceTo(clock, clock.instant().plus(Duration.ofMinutes(2)));

        List<FakeChat.Sent> edits = sent(FakeChat.Sent.Kind.EDIT);
        assertEquals(1, edits.size(), "the status is edited, not posted again");
        assertEquals(status.eventId(), edits.get(0).target());
        assertTrue(edits.get(0).message().body().contains("In session"), edits.get(0).message().body());
        assertEquals(2, sent(FakeChat.Sent.Kind.MESSAGE).size());
        assertTrue(chat.messagesIn(ROOM).get(1).body().contains("The break is over"));
    }

    @Test
    void endingEarlyCancelsTheReminder() {
        say(OLGA, "!break start 10m");
        assertEquals("Break ended.", say(BOB, "!break end"));
        jobs.advanceTo(clock, clock.instant().plus(Duration.ofMinutes(20)));
        assertEquals(1, sent(FakeChat.Sent.Kind.EDIT).size(), "the status went back once");
        assertEquals(1, chat.messagesIn(ROOM).stream().filter(m -> m.body().contains("break is over")).count());
    }
}
