package org.assemblybot.feature.rotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.assemblybot.adapter.sqlite.Database;
import org.assemblybot.adapter.sqlite.SqliteLiveMessageStore;
import org.assemblybot.adapter.sqlite.SqliteOutbox;
import org.assemblybot.adapter.sqlite.SqliteRoomSettings;
import org.assemblybot.adapter.sqlite.SqliteScheduleStore;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.OutgoingMessage;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.command.Outcome;
import org.assemblybot.core.live.LiveMessages;
import org.assemblybot.core.outbox.OutboxSender;
import org.assemblybot.core.schedule.Recurrences;
import org.assemblybot.core.schedule.Scheduler;
import org.assemblybot.core.store.Outbox;
import org.assemblybot.testkit.CommandDriver;
import org.assemblybot.testkit.FakeChat;
import org.assemblybot.testkit.FakeDirectRooms;
import org.assemblybot.testkit.FakePolls;
import org.assemblybot.testkit.FakeRoomPins;
import org.assemblybot.testkit.FakeFiles;
import org.assemblybot.testkit.Kits;
import org.assemblybot.testkit.ManualJobScheduler;
import org.assemblybot.testkit.MutableClock;
import org.assemblybot.testkit.TestDb;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rotation end to end on the production parts: real SQLite with the real migrations, the real Scheduler over a
 * manual trigger runner, the production outbox relay and live messages over a FakeChat, the real command router.
 */
class RotationFeatureTest {
    private static final RoomId ROOM = new RoomId("!assembly:example.org");
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final UserId BOT = new UserId("@bot:example.org");
    private static final UserId OLGA = new UserId("@olga:example.org");
    private static final UserId DANA = new UserId("@dana:example.org");
    private static final UserId ALI = new UserId("@ali:example.org");
    private static final UserId KIM = new UserId("@kim:example.org");
    /** Monday 1 June 2026, 12:00 in Berlin; the first week term runs from that day's local midnight. */
    private static final Instant START = Instant.parse("2026-06-01T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-05-31T22:00:00Z");
    private static final Instant T2 = Instant.parse("2026-06-07T22:00:00Z");
    private static final Instant T3 = Instant.parse("2026-06-14T22:00:00Z");

    @RegisterExtension
    final TestDb testDb = new TestDb();

    private final MutableClock clock = new MutableClock(START);
    private final FakeChat chat = new FakeChat(BOT, "BOTDEVICE");
    private final FakeDirectRooms directRooms = new FakeDirectRooms(chat);
    private final FakeCalendar calendar = new FakeCalendar();
    private RotationConfig config = new RotationConfig(1);
    private Database db;
    private Outbox outbox;
    private final FakeFiles files = new FakeFiles();
    private ManualJobScheduler jobs;
    private Scheduler scheduler;
    private OutboxSender relay;
    private RotationFeature feature;
    private CommandDriver driver;

    @BeforeEach
    void setUp() {
        db = testDb.db();
        outbox = new SqliteOutbox(db);
        for (UserId user : List.of(BOT, OLGA, DANA, ALI, KIM)) {
            chat.member(ROOM, user);
        }
        chat.powerLevel(ROOM, OLGA, CommandDriver.ORGANIZER_LEVEL);
        new SqliteRoomSettings(db).setZone(ROOM, BERLIN);
        start();
    }

    /** New instances over the same database, as after a restart. */
    private void start() {
        jobs = new ManualJobScheduler();
        relay = new OutboxSender(outbox, db, new OutboxSender.Edges(chat, new FakePolls(), directRooms,
                new FakeRoomPins(), files), () -> { }, clock);
        scheduler = new Scheduler(new SqliteScheduleStore(db, Recurrences::parse, clock), jobs, db, clock, relay::flush);
        LiveMessages live = new LiveMessages(new SqliteLiveMessageStore(db), outbox, db, clock);
        relay.addListener(live);
        feature = new RotationFeature(Kits.featureKit(BOT, clock, new SqliteRoomSettings(db), outbox, live, scheduler,
                db, chat, directRooms), new SqliteRotationStore(db), calendar, config);
        scheduler.register(RotationFeature.ID, feature.dueHandler());
        scheduler.start();
        driver = new CommandDriver(feature.commands(), chat, clock);
    }

    private void restart() {
        scheduler.shutdown();
        start();
        scheduler.rehydrate();
    }

    private String say(UserId sender, String body) {
        Outcome outcome = db.inTransaction(() -> driver.say(ROOM, sender, body));
        assertFalse(outcome.internalError(), outcome.reply().body());
        relay.flush();
        return outcome.reply().body();
    }

    private void advanceTo(Instant instant) {
        jobs.advanceTo(clock, instant);
        relay.flush();
    }

    private List<String> roomBodies() {
        return chat.messagesIn(ROOM).stream().map(OutgoingMessage::body).toList();
    }

    private long postsContaining(String text) {
        return chat.sent().stream().filter(s -> s.kind() == FakeChat.Sent.Kind.MESSAGE
                && s.message().body().contains(text)).count();
    }

    private Map<String, List<UserId>> holdersAt(Instant at) {
        return db.inTransaction(() -> feature.holdersAt(ROOM, at));
    }

    private void twoRolesThreeVolunteers() {
        say(OLGA, "!role add Facilitation --term 1w --checklist \"keys; agenda\"");
        say(OLGA, "!role add Notes --term 1w");
        for (UserId person : List.of(DANA, ALI, KIM)) {
            say(person, "!role volunteer facilitation");
            say(person, "!role volunteer Notes");
        }
    }

    @Test
    void threePeopleTwoRolesThreeTermsFairCappedAndExplained() {
        twoRolesThreeVolunteers();
        assertEquals(Map.of("Facilitation", List.of(DANA), "Notes", List.of(ALI)), holdersAt(START));
        assertEquals("Next for Notes (from Mon 8 Jun): @dana:example.org: never served · @kim:example.org: never served "
                + "· @ali:example.org: held the last term (max 1 in a row)", say(KIM, "!role next notes"));

        advanceTo(T2.plus(Duration.ofHours(1)));
        assertEquals(Map.of("Facilitation", List.of(ALI), "Notes", List.of(DANA)), holdersAt(T2));
        advanceTo(T3.plus(Duration.ofHours(1)));
        assertEquals(Map.of("Facilitation", List.of(KIM), "Notes", List.of(ALI)), holdersAt(T3));
        // Kim had never taken notes but held Facilitation from T3: the cap of 1 role at once passed over them. The
        // next Notes term starts when Kim's Facilitation term ends, so Kim comes first.
        assertEquals("Next for Notes (from Mon 22 Jun): @kim:example.org: never served · @dana:example.org: served "
                + "until today · @ali:example.org: held the last term (max 1 in a row)", say(DANA, "!role next Notes"));
        assertTrue(say(DANA, "!role history Facilitation").contains("Mon 8 Jun – Mon 15 Jun: @ali:example.org"));

        // One roster, posted once and edited in place ever since.
        assertEquals(1, postsContaining("🔄 Roles"));
        FakeChat.Sent roster = chat.sent().stream().filter(s -> s.message() != null
                && s.message().body().startsWith("🔄 Roles")).findFirst().orElseThrow();
        List<FakeChat.Sent> edits = chat.sent().stream().filter(s -> s.kind() == FakeChat.Sent.Kind.EDIT).toList();
        assertFalse(edits.isEmpty());
        assertTrue(edits.stream().allMatch(e -> e.target().equals(roster.eventId())));
        assertTrue(edits.get(edits.size() - 1).message().body().contains("Facilitation (1 week): @kim:example.org until "
                + "Mon 22 Jun"), edits.get(edits.size() - 1).message().body());
        // Each new holder is told once, in the room and directly, with the checklist.
        assertEquals(1, postsContaining("Facilitation: Kim holds it now") + postsContaining("Facilitation: @kim"));
        assertTrue(directRooms.created().contains(KIM));
    }

    @Test
    void awayPeopleAreSkippedWithTheirReasonAndBackMakesThemEligible() {
        twoRolesThreeVolunteers();
        assertEquals("Away until Mon 15 Jun: you are not picked for terms that start before then; terms you hold stay "
                + "yours. `!role back` ends it early. Your reason is stored and shown with it.",
                say(ALI, "!role away 15 Jun family visit"));
        assertTrue(say(OLGA, "!role next Facilitation").endsWith("@ali:example.org: away until 15 Jun (family visit)"));
        advanceTo(T2.plus(Duration.ofHours(1)));
        assertEquals(List.of(KIM), holdersAt(T2).get("Facilitation"));
        assertEquals("Welcome back: you can be picked again.", say(ALI, "!role back"));
        assertTrue(say(OLGA, "!role next Facilitation").contains("@ali:example.org: never served"));
    }

    @Test
    void badInputChangesNothing() {
        say(OLGA, "!role add Facilitation");
        say(DANA, "!role volunteer Facilitation");
        int sent = chat.sent().size();
        String before = db.inTransaction(() -> feature.holdersAt(ROOM, START)).toString();

        assertTrue(say(DANA, "!role volunteer facilitaton").contains("Did you mean `Facilitation`?"));
        assertTrue(say(OLGA, "!role add Outreach --term 14w").contains("`assembly`, `moon` or `1w` … `13w`"));
        assertTrue(say(OLGA, "!role add Outreach --seats 0").contains("`--seats 2`"));
        assertTrue(say(OLGA, "!role add Outreach --term 2w --shadow 1 assembly").contains("--term assembly"));
        assertTrue(say(OLGA, "!role add facilitation").contains("already"));
        assertTrue(say(OLGA, "!role assign Facilitation @kim:example.org").contains("has not volunteered"));
        assertTrue(say(KIM, "!role add Outreach").contains("is for organizers"));
        assertTrue(say(OLGA, "!role edit Facilitation").contains("Say what to change"));
        assertTrue(say(ALI, "!role away someday").contains("I can't read when you are back"));

        assertEquals("Roles here:\n• Facilitation — terms of 1 week, 1 seat, shadow 1w, at most 1 term in a row; pool: "
                + "1; held by @dana:example.org", say(KIM, "!role list"));
        assertEquals(sent, chat.sent().size(), "nothing posted or edited");
        assertEquals(before, db.inTransaction(() -> feature.holdersAt(ROOM, START)).toString());
    }

    @Test
    void aRestartRepeatsNothingAndLosesNoTurn() {
        twoRolesThreeVolunteers();
        restart();
        restart();
        advanceTo(T2.plus(Duration.ofHours(1)));
        restart();
        jobs.runDue(clock.instant());
        relay.flush();
        assertEquals(1, postsContaining("Facilitation: @ali:example.org holds it now"), String.join("\n",
                roomBodies()));
        assertEquals(1, postsContaining("🔄 Roles"));
        // The bot was down over the next boundary: the turn runs late, once.
        scheduler.shutdown();
        clock.set(T3.plus(Duration.ofDays(2)));
        start();
        scheduler.rehydrate();
        jobs.runDue(clock.instant());
        relay.flush();
        assertEquals(List.of(KIM), holdersAt(clock.instant()).get("Facilitation"));
        assertEquals(1, postsContaining("Facilitation: @kim:example.org holds it now"));
    }

    @Test
    void daylightSavingDoesNotMoveALocalTermBoundary() {
        clock.set(Instant.parse("2026-10-19T10:00:00Z")); // Monday; Berlin leaves summer time on Sunday 25 October
        say(OLGA, "!role add Welcome --term 2w");
        say(DANA, "!role volunteer Welcome");
        say(ALI, "!role volunteer Welcome");
        Instant lastMinute = Instant.parse("2026-11-01T22:59:00Z"); // 23:59 on Sunday 1 Nov in Berlin (CET)
        Instant midnight = Instant.parse("2026-11-01T23:00:00Z"); // Monday 2 Nov 00:00 in Berlin
        advanceTo(lastMinute);
        assertEquals(List.of(DANA), holdersAt(lastMinute).get("Welcome"));
        advanceTo(midnight.plusSeconds(1));
        assertEquals(List.of(ALI), holdersAt(midnight).get("Welcome"));
        assertTrue(say(DANA, "!role history Welcome").contains("Mon 19 Oct – Mon 2 Nov: @dana:example.org"));
    }

    @Test
    void perAssemblyRolesFollowTheCalendarAndNameTheHoldersAtEachAssembly() {
        say(OLGA, "!role add Minutes --term assembly");
        say(DANA, "!role volunteer Minutes");
        say(ALI, "!role volunteer Minutes");
        assertTrue(say(OLGA, "!role list").contains("held by nobody"));
        Instant first = Instant.parse("2026-06-04T17:00:00Z"); // Thursday 19:00 in Berlin
        db.run(() -> calendar.weekly(ROOM, first, 4));
        relay.flush();
        assertEquals(Map.of("Minutes", List.of(DANA)), holdersAt(first));
        advanceTo(first.plus(Duration.ofDays(7)).plusSeconds(1));
        assertEquals(Map.of("Minutes", List.of(ALI)), holdersAt(first.plus(Duration.ofDays(7))));
        assertEquals(Map.of("Minutes", List.of(DANA)), holdersAt(first));
    }

    @Test
    void theHistoryComesAsAMarkdownFileOnRequestOncePerRequest() {
        twoRolesThreeVolunteers();
        say(OLGA, "!role skip Facilitation kim *is* ill | [link](x)");
        EventId request = new EventId("$history-file");
        String reply = db.inTransaction(() -> driver.say(ROOM, ALI, "!role history Facilitation --file", request,
                clock.instant())).reply().body();
        relay.flush();
        assertTrue(reply.startsWith("The whole history of Facilitation ("), reply);
        FakeFiles.Sent sent = files.onlyFile();
        assertEquals(ROOM, sent.room());
        assertEquals("history-facilitation.md", sent.file().fileName());
        String markdown = new String(sent.file().bytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(markdown.startsWith("# History of the role Facilitation\n"), markdown);
        assertTrue(markdown.contains("skipped @dana:example.org — kim \\*is\\* ill \\| \\[link\\]\\(x\\)"),
                markdown);
        // The same request delivered again (M3 aside, the relay's retry) is the same file.
        db.inTransaction(() -> driver.say(ROOM, ALI, "!role history Facilitation --file", request, clock.instant()));
        relay.flush();
        assertEquals(1, files.sent().size());
    }

    @Test
    void overridesAreRecordedWithTheirReasonsAndSomeoneLeavingPassesTheSeatOn() {
        twoRolesThreeVolunteers();
        assertEquals("@kim:example.org takes over Facilitation from @dana:example.org until Mon 8 Jun. Recorded in the "
                + "history.", say(OLGA, "!role swap Facilitation dana kim dana asked"));
        assertTrue(say(OLGA, "!role skip Facilitation kim is ill").startsWith("Skipped @kim:example.org for this term "
                + "of Facilitation (they keep their place in line); @dana:example.org holds it until Mon 8 Jun."));
        String history = say(ALI, "!role history Facilitation");
        assertTrue(history.contains("@olga:example.org swapped @dana:example.org for @kim:example.org — dana asked"),
                history);
        assertTrue(history.contains("@olga:example.org skipped @kim:example.org — kim is ill"), history);

        feature.onEvent(new ChatEvent.Membership(ROOM, new EventId("$leave"), DANA, clock.instant(), DANA, "leave"));
        relay.flush();
        assertTrue(roomBodies().stream().anyMatch(b -> b.startsWith("Organizers: @dana:example.org left the room")));
        assertFalse(holdersAt(clock.instant()).get("Facilitation").contains(DANA));
        assertFalse(say(OLGA, "!role next Facilitation").contains("@dana"));
    }

    @Test
    void moonTermsRunFromOneNewMoonDayToTheNext() {
        say(OLGA, "!role add Care --term moon");
        say(DANA, "!role volunteer Care");
        say(ALI, "!role volunteer Care");
        var term = org.assemblybot.core.time.MoonTerms.termContaining(START, BERLIN);
        assertEquals(List.of(DANA), holdersAt(START).get("Care"));
        advanceTo(term.end().plusSeconds(1));
        assertEquals(List.of(ALI), holdersAt(term.end()).get("Care"));
        assertEquals(java.time.LocalTime.MIDNIGHT, term.end().atZone(BERLIN).toLocalTime());
    }

    @Test
    void helpIsGeneratedFromTheDeclarations() {
        String help = say(KIM, "!help role");
        for (String sub : List.of("add", "edit", "remove", "volunteer", "withdraw", "away", "back", "next", "list",
                "history", "assign", "swap", "skip")) {
            assertTrue(help.contains("`!role " + sub), sub + " in " + help);
        }
    }
}
