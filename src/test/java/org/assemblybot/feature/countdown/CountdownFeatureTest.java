package org.assemblybot.feature.countdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.assemblybot.adapter.sqlite.Database;
import org.assemblybot.adapter.sqlite.SqliteLiveMessageStore;
import org.assemblybot.adapter.sqlite.SqliteOutbox;
import org.assemblybot.adapter.sqlite.SqliteRoomSettings;
import org.assemblybot.adapter.sqlite.SqliteScheduleStore;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.OutgoingMessage;
import org.assemblybot.core.chat.PunctualSender;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.command.Outcome;
import org.assemblybot.core.live.LiveKey;
import org.assemblybot.core.live.LiveMessages;
import org.assemblybot.core.schedule.ScheduleItem;
import org.assemblybot.core.schedule.Recurrences;
import org.assemblybot.core.schedule.Scheduler;
import org.assemblybot.core.outbox.OutboxSender;
import org.assemblybot.core.store.Outbox;
import org.assemblybot.testkit.CommandDriver;
import org.assemblybot.testkit.FakeChat;
import org.assemblybot.testkit.FakeDirectRooms;
import org.assemblybot.testkit.FakePolls;
import org.assemblybot.testkit.FakeChat.Sent;
import org.assemblybot.testkit.FakePunctualSender;
import org.assemblybot.testkit.FakeServerClock;
import org.assemblybot.testkit.ManualJobScheduler;
import org.assemblybot.testkit.MutableClock;
import org.assemblybot.testkit.TestDb;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.assemblybot.testkit.Kits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The countdown feature end to end in memory: real SQLite with the real migrations, the real Scheduler over a
 * manual trigger runner, the real outbox flushed into a FakeChat, the real command parser and router. Time
 * only moves when the test moves it.
 */
class CountdownFeatureTest {
    private static final RoomId ORIGIN = new RoomId("!origin:example.org");
    private static final RoomId KYIV = new RoomId("!kyiv:example.org");
    private static final RoomId BOGOTA = new RoomId("!bogota:example.org");
    private static final RoomId STRANGERS = new RoomId("!strangers:example.org");
    /** Partner rooms where Olga is a member but no organizer: they must consent first. */
    private static final RoomId LIMA = new RoomId("!lima:example.org");
    private static final RoomId OSLO = new RoomId("!oslo:example.org");
    private static final UserId LUCIA = new UserId("@lucia:example.org");
    private static final UserId ODD = new UserId("@odd:example.org");
    private static final UserId OLGA = new UserId("@olga:example.org");
    private static final UserId KATE = new UserId("@kate:example.org");
    private static final UserId ALICE = new UserId("@alice:example.org");
    private static final UserId BOB = new UserId("@bob:example.org");
    private static final UserId CARL = new UserId("@carl:example.org");
    private static final UserId BOT = new UserId("@bot:example.org");
    /** 2026-06-02 18:00 in Berlin. */
    private static final Instant T0 = Instant.parse("2026-06-02T16:00:00Z");
    private static final String PLAN = "!sync plan \"Minute of silence\" 2026-06-02 18:00 !kyiv:example.org "
            + "#bogota:example.org --zones America/New_York,Asia/Tokyo --duration 60s";
    private static final String ID = "sync:1";

    @RegisterExtension
    final TestDb testDb = new TestDb();

    private final MutableClock clock = MutableClock.at("2026-06-01T10:00:00Z");
    private final FakeChat chat = new FakeChat(BOT, "BOTDEVICE");
    private final FakePunctualSender punctual = new FakePunctualSender(chat);
    private final FakeServerClock serverClock = new FakeServerClock();
    private CountdownConfig config = CountdownConfig.defaults();
    private static final Duration PREPARE = CountdownConfig.defaults().prepareAhead();
    private static final Duration LEAD = CountdownConfig.defaults().goLead();
    /** When the GO step runs: before the longest lead the calibration may choose, to commit first. */
    private static final Duration GO_STEP = PunctualGo.stepAhead(CountdownConfig.defaults());
    private boolean autoFlush = true;
    private Database db;
    private Outbox outbox;
    private SqliteCountdownStore store;
    private SqliteScheduleStore schedule;
    private ManualJobScheduler jobs;
    private Scheduler scheduler;
    private CountdownFeature feature;
    private CommandDriver driver;
    private OutboxSender flusher;
    private LiveMessages live;

    @BeforeEach
    void setUp() {
        db = testDb.db();
        outbox = new SqliteOutbox(db);
        store = new SqliteCountdownStore(db);
        SqliteRoomSettings settings = new SqliteRoomSettings(db);
        settings.setZone(ORIGIN, ZoneId.of("Europe/Berlin"));
        settings.setZone(KYIV, ZoneId.of("Europe/Kyiv"));
        settings.setZone(BOGOTA, ZoneId.of("America/Bogota"));
        for (RoomId room : List.of(ORIGIN, KYIV, BOGOTA)) {
            chat.member(room, BOT).member(room, OLGA).member(room, ALICE).member(room, BOB).member(room, CARL)
                    .member(room, KATE);
        }
        chat.member(STRANGERS, BOT);
        settings.setZone(LIMA, ZoneId.of("America/Lima"));
        for (UserId user : List.of(BOT, OLGA, ALICE, BOB, LUCIA)) {
            chat.member(LIMA, user);
        }
        for (UserId user : List.of(BOT, OLGA, ODD)) {
            chat.member(OSLO, user);
        }
        chat.powerLevel(LIMA, LUCIA, 50).powerLevel(LIMA, OLGA, 49).creator(OSLO, ODD);
        chat.alias("#bogota:example.org", BOGOTA);
        // Olga organizes in every room, so her actions take part everywhere at once; Kate only in Kyiv.
        chat.powerLevel(ORIGIN, OLGA, 50).powerLevel(KYIV, OLGA, 50).powerLevel(BOGOTA, OLGA, 50)
                .powerLevel(KYIV, KATE, 100);
        start();
    }

    /** A (new) feature and scheduler over the test's database, as after a restart: nothing in memory survives. */
    private void start() {
        jobs = new ManualJobScheduler();
        schedule = new SqliteScheduleStore(db, Recurrences::parse, clock);
        scheduler = new Scheduler(schedule, jobs, db, clock, () -> {
            if (autoFlush) {
                flusher.flush();
            }
        });
        flusher = new OutboxSender(outbox, db, new OutboxSender.Edges(chat, new FakePolls(),
                new FakeDirectRooms(chat)), () -> { }, clock);
        live = new LiveMessages(new SqliteLiveMessageStore(db), outbox, db, clock);
        feature = new CountdownFeature(Kits.featureKit(BOT, clock, new SqliteRoomSettings(db), outbox, live, scheduler,
                db, chat, new FakeDirectRooms(chat)), store, punctual, flusher, serverClock, config);
        flusher.addListener(live);
        flusher.addDropListener(feature);
        scheduler.register(CountdownFeature.ID, feature.dueHandler());
        scheduler.start();
        driver = new CommandDriver(feature.commands(), chat, clock);
    }

    private void restart() {
        scheduler.shutdown();
        start();
        scheduler.rehydrate();
    }

    // ---- helpers

    /** Runs a command as the Bot does (the outbox is flushed afterwards); returns the reply's plain body. */
    private String say(RoomId room, UserId sender, String body) {
        Outcome outcome = driver.say(room, sender, body);
        assertFalse(outcome.internalError(), outcome.reply().body());
        if (autoFlush) {
            flusher.flush();
        }
        return outcome.reply().body();
    }

    private void event(ChatEvent event) {
        feature.onEvent(event);
        if (autoFlush) {
            flusher.flush();
        }
    }

    private String plan() {
        return say(ORIGIN, OLGA, PLAN);
    }

    /** Moves the clock to every trigger time up to {@code end} in turn, as a live scheduler would, and fires. */
    private void advanceTo(Instant end) {
        jobs.advanceTo(clock, end);
    }

    /** The bot was away: nothing fired until {@code at}; then everything due fires at once. */
    private void jumpTo(Instant at) {
        clock.set(at);
        jobs.runDue(at);
    }

    private List<Sent> sentIn(RoomId room) {
        return chat.sent().stream().filter(s -> s.room().equals(room)).toList();
    }

    private List<Sent> messagesIn(RoomId room) {
        return sentIn(room).stream().filter(s -> s.kind() == Sent.Kind.MESSAGE).toList();
    }

    private List<Sent> editsIn(RoomId room) {
        return sentIn(room).stream().filter(s -> s.kind() == Sent.Kind.EDIT).toList();
    }

    private List<Sent> messagesContaining(RoomId room, String text) {
        return messagesIn(room).stream().filter(s -> s.message().body().contains(text)).toList();
    }

    private Sent announcementIn(RoomId room) {
        return messagesIn(room).get(0);
    }

    private Map<String, ScheduleItem> items() {
        return schedule.byRef(CountdownFeature.ID, ID).stream()
                .collect(Collectors.toMap(ScheduleItem::id, i -> i, (a, b) -> a, TreeMap::new));
    }

    private List<ScheduleItem> scheduledItems() {
        return items().values().stream().filter(i -> i.state() == ScheduleItem.State.SCHEDULED).toList();
    }

    private SyncAction.State state() {
        return store.find(1).orElseThrow().state();
    }

    /** Messages in every room, edits not counted. */
    private int messageCount() {
        return ALL.stream().mapToInt(room -> messagesIn(room).size()).sum();
    }

    private int sentCount() {
        return chat.sent().size();
    }

    private ChatEvent.Reaction reaction(RoomId room, String id, UserId sender, EventId target, String key) {
        return new ChatEvent.Reaction(room, new EventId(id), sender, clock.instant(), target, key);
    }

    private ChatEvent.Membership botMembership(RoomId room, String membership) {
        return new ChatEvent.Membership(room, new EventId("$m-" + room.value() + membership), KATE, clock.instant(),
                BOT, membership);
    }

    private static final List<RoomId> ALL = List.of(ORIGIN, KYIV, BOGOTA);

    // ---- planning

    @Nested
    class Planning {
        @Test
        void aRoomTakesPartInATenPlannedActionsAtMost() {
            for (int i = 1; i <= CountdownFeature.MAX_PLANNED_PER_ROOM; i++) {
                assertTrue(plan().startsWith("Planned #" + i), "action " + i);
            }
            int items = items().size();
            String refused = plan();
            assertTrue(refused.contains("already takes part in 10 planned actions; cancel one first."), refused);
            assertEquals(items, items().size(), "nothing scheduled for the refused one");
            say(ORIGIN, OLGA, "!sync cancel 1");
            assertTrue(plan().startsWith("Planned #11"));
        }

        @Test
        void announcesOnceInEveryRoomInThatRoomsZone() {
            String reply = plan();

            assertEquals("Planned #1 Minute of silence: GO at Tue 2 Jun 2026, 18:00 Europe/Berlin (16:00 UTC) · "
                    + "New York 12:00 · Tokyo Wed 01:00 — in 1 day 6 hours. Announced in 3 rooms.", reply);
            assertEquals(3, chat.sent().size());
            Map<RoomId, String> local = Map.of(ORIGIN, "Tue 2 Jun 2026, 18:00 Europe/Berlin (16:00 UTC)",
                    KYIV, "Tue 2 Jun 2026, 19:00 Europe/Kyiv (16:00 UTC)",
                    BOGOTA, "Tue 2 Jun 2026, 11:00 America/Bogota (16:00 UTC)");
            Set<String> txns = new HashSet<>();
            for (RoomId room : ALL) {
                assertEquals(1, sentIn(room).size(), room.value());
                Sent announcement = announcementIn(room);
                assertEquals(Sent.Kind.MESSAGE, announcement.kind());
                String body = announcement.message().body();
                assertTrue(body.contains("Synchronized action #1: Minute of silence"), body);
                assertTrue(body.contains("GO at " + local.get(room) + " · New York 12:00 · Tokyo Wed 01:00"), body);
                assertTrue(body.contains("Lasts 1 minute. 3 groups take part."), body);
                assertTrue(body.contains("nobody has joined yet"), body);
                txns.add(announcement.txnId());
                assertEquals(java.util.Optional.of(new LiveKey("sync", "1:announce")),
                        live.keyOf(room, announcement.eventId()), "the event id is learned from the outbox");
            }
            assertEquals(3, txns.size(), "distinct transaction ids");
        }

        @Test
        void schedulesEveryStep() {
            plan();

            Map<String, ScheduleItem> items = items();
            Set<String> expected = new HashSet<>(List.of("sync:1:notice:86400", "sync:1:notice:3600",
                    "sync:1:notice:600", "sync:1:notice:60", "sync:1:countdown:10", "sync:1:prepare", "sync:1:go",
                    "sync:1:end"));
            for (int minutes = 1; minutes <= 10; minutes++) {
                expected.add("sync:1:countdown:" + minutes * 60);
            }
            assertEquals(expected, items.keySet());
            assertEquals(18, scheduledItems().size());
            assertEquals(T0.minusSeconds(86400), items.get("sync:1:notice:86400").fireAt());
            assertEquals(T0.minusSeconds(600), items.get("sync:1:countdown:600").fireAt());
            assertEquals(T0.minusSeconds(10), items.get("sync:1:countdown:10").fireAt());
            assertEquals(T0.minus(PREPARE), items.get("sync:1:prepare").fireAt());
            assertEquals(T0.minus(GO_STEP), items.get("sync:1:go").fireAt());
            assertEquals(T0.plusSeconds(60), items.get("sync:1:end").fireAt());
            assertEquals(18, jobs.pending().size());
        }

        @Test
        void aNoticeAlreadyPastIsLeftOutAndAShortPlanStartsTheCountdownAtOnce() {
            say(ORIGIN, OLGA, "!sync plan \"Soon\" in 5m --notices 1h,1m");

            Set<String> ids = items().keySet();
            assertTrue(ids.contains("sync:1:notice:60"));
            assertFalse(ids.contains("sync:1:notice:3600"));
            assertTrue(ids.contains("sync:1:countdown:start"));
            assertFalse(ids.contains("sync:1:countdown:300"), "T-5m is now: the start message says it");
            assertTrue(ids.contains("sync:1:countdown:240"));
            // start, 4..1 minutes, 10 s; one notice; prepare; go; no end
            assertEquals(1 + 4 + 1 + 1 + 2, ids.size());
        }

        @Test
        void showAndListDescribeTheAction() {
            plan();
            say(KYIV, ALICE, "!sync join 1");

            String list = say(KYIV, BOB, "!sync list");
            assertTrue(list.contains("#1 Minute of silence — Tue 2 Jun 2026, 19:00 Europe/Kyiv (16:00 UTC)"), list);
            assertTrue(list.contains("3 rooms, 1 person in 1 group so far (1 here)"), list);
            String show = say(BOGOTA, BOB, "!sync show 1");
            assertTrue(show.contains("Rooms:\n· !origin:example.org — taking part, 0 in\n"
                    + "· !kyiv:example.org — taking part, 1 in\n· !bogota:example.org — taking part, 0 in"), show);
            assertTrue(say(STRANGERS, BOT, "!sync show 1").contains("does not include this room"));
        }
    }

    @Test
    void helpListsEverySubcommandWithWhoMayUseIt() {
        String help = say(ORIGIN, ALICE, "!help sync");
        assertTrue(help.startsWith("`!sync <plan|join|list|show|cancel|move|accept|decline>` — Synchronized actions"),
                help);
        assertTrue(help.contains("• `!sync plan <title> <time…> [rooms…] [--zones A,B] [--duration 60s] "
                + "[--notices 24h,1h,10m,1m|none] [--intense]` — Plans an action"), help);
        assertTrue(help.contains("(organizers (power level 50 or more in this room))\n• `!sync join <id>`"), help);
        assertTrue(help.contains("• `!sync cancel <id> [reason]` — Cancels an action in every room, until its GO "
                + "leaves. (organizers of the room where the action was planned)"), help);
        assertTrue(help.contains("• `!sync list` — Lists the planned actions this room takes part in. (everyone)"), help);
        assertTrue(help.contains("• `!sync accept <id>` — This room takes part in an action another room asked it to "
                + "join. (organizers (power level 50 or more in this room))"), help);
        String plan = say(ORIGIN, ALICE, "!help sync plan");
        assertTrue(plan.contains("• `--notices 24h,1h,10m,1m|none`: when the rooms are reminded"), plan);
    }

    @Nested
    class Refusals {
        private void assertRefused(RoomId room, UserId sender, String command, String expected) {
            String reply = say(room, sender, command);
            assertTrue(reply.contains(expected), () -> "<" + reply + "> lacks <" + expected + ">");
            assertTrue(store.find(1).isEmpty(), "no action stored");
            assertEquals(List.of(), schedule.scheduled(), "nothing scheduled");
            assertEquals(Map.of(), jobs.pending(), "no triggers");
            assertEquals(List.of(), outbox.pending(), "nothing queued");
            chat.assertNothingSent();
        }

        @Test
        void aTimeInThePast() {
            assertRefused(ORIGIN, OLGA, "!sync plan \"X\" 2026-05-01 18:00", "is in the past");
        }

        @Test
        void aTimeInTheDaylightSavingGap() {
            assertRefused(ORIGIN, OLGA, "!sync plan \"X\" 2027-03-28 02:30",
                    "02:30 does not exist on 2027-03-28 in Europe/Berlin");
        }

        @Test
        void tooSoonToPrepare() {
            assertRefused(ORIGIN, OLGA, "!sync plan \"X\" in 10s", "Plan at least 20 seconds ahead");
        }

        @Test
        void anUnknownRoom() {
            assertRefused(ORIGIN, OLGA, "!sync plan \"X\" tomorrow 18:00 #nowhere:example.org",
                    "I'm not in a room with the alias `#nowhere:example.org`. Invite me there first");
        }

        @Test
        void aRoomTheBotIsNotIn() {
            assertRefused(ORIGIN, OLGA, "!sync plan \"X\" tomorrow 18:00 !elsewhere:example.org",
                    "I'm not in `!elsewhere:example.org`. Invite me there first.");
        }

        @Test
        void aRoomTheSenderIsNotIn() {
            assertRefused(ORIGIN, OLGA, "!sync plan \"X\" tomorrow 18:00 !kyiv:example.org !strangers:example.org",
                    "You are not a member of");
        }

        @Test
        void moreRoomsThanAllowed() {
            config = new CountdownConfig(2, 200, CountdownConfig.defaults().defaultNotices(), Duration.ofSeconds(60),
                    LEAD, PREPARE, Duration.ofSeconds(20));
            start();
            assertRefused(ORIGIN, OLGA, PLAN, "at most 2 rooms; you listed 3 (this room included)");
        }

        @Test
        void anOverLongTitle() {
            assertRefused(ORIGIN, OLGA, "!sync plan \"" + "x".repeat(201) + "\" tomorrow 18:00",
                    "The title has 201 characters; at most 200 fit.");
        }

        @Test
        void anEmptyTitle() {
            assertRefused(ORIGIN, OLGA, "!sync plan \"  \" tomorrow 18:00", "The title is empty.");
        }

        @Test
        void noTime() {
            assertRefused(ORIGIN, OLGA, "!sync plan \"X\" !kyiv:example.org", "When? Give a time after the title.");
        }

        @Test
        void badZones() {
            assertRefused(ORIGIN, OLGA, "!sync plan \"X\" tomorrow 18:00 --zones Europe/Berlin,Mars/Olympus",
                    "I don't know the time zone `Mars/Olympus`");
        }

        @Test
        void badDuration() {
            assertRefused(ORIGIN, OLGA, "!sync plan \"X\" tomorrow 18:00 --duration soon", "as a duration");
        }

        @Test
        void badNotices() {
            assertRefused(ORIGIN, OLGA, "!sync plan \"X\" tomorrow 18:00 --notices 1h,40d",
                    "Notices go at most 30 days ahead.");
        }

        @Test
        void unreadableNotices() {
            assertRefused(ORIGIN, OLGA, "!sync plan \"X\" tomorrow 18:00 --notices 1h,later", "as a duration");
        }

        @Test
        void anUnknownOption() {
            assertRefused(ORIGIN, OLGA, "!sync plan \"X\" tomorrow 18:00 --colour red", "Unknown option `--colour`; there are --zones, --duration, --notices and --intense.");
        }

        @Test
        void anOptionWithoutValue() {
            assertRefused(ORIGIN, OLGA, "!sync plan \"X\" tomorrow 18:00 --duration", "`--duration` needs a value: `--duration 60s`.");
        }

        @Test
        void aNonOrganizer() {
            assertRefused(ORIGIN, ALICE, PLAN, "is for organizers");
        }

        @Test
        void anOrganizerOfAnotherRoomOnly() {
            assertRefused(ORIGIN, KATE, PLAN, "is for organizers");
        }

        @Test
        void anUnknownSubcommand() {
            assertRefused(ORIGIN, ALICE, "!sync", "`!sync` needs one of: `plan`, `join`");
            assertRefused(ORIGIN, OLGA, "!sync plna \"X\" tomorrow 18:00", "Did you mean `!sync plan`? It knows `plan`, "
                    + "`join`, `list`, `show`, `cancel`, `move`, `accept` and `decline`.");
        }
    }

    // ---- partner rooms consent

    @Nested
    class Consent {
        /** Kyiv (Olga organizes there too) and Lima (she is only a member). */
        private static final String PLAN_WITH_LIMA = "!sync plan \"Minute of silence\" 2026-06-02 18:00 "
                + "!kyiv:example.org !lima:example.org --duration 60s";

        private String planWithLima() {
            return say(ORIGIN, OLGA, PLAN_WITH_LIMA);
        }

        private List<String> bodiesIn(RoomId room) {
            return sentIn(room).stream().map(s -> s.message().body()).toList();
        }

        @Test
        void aRoomWhereThePlannerOrganizesTakesPartAtOnceAnotherGetsOnlyTheRequest() {
            String reply = planWithLima();

            assertTrue(reply.endsWith("Announced in 2 rooms. Asked 1 room where you are not an organizer; it takes "
                    + "part once an organizer there answers `!sync accept 1`."), reply);
            assertEquals(1, messagesContaining(KYIV, "Synchronized action #1: Minute of silence").size());
            assertTrue(announcementIn(KYIV).message().body().contains("2 groups take part."));
            List<Sent> lima = sentIn(LIMA);
            assertEquals(1, lima.size(), "one request and nothing else");
            assertEquals("\uD83D\uDCE8 @olga:example.org asks this room to take part in synchronized action #1: "
                    + "Minute of silence\nGO at Tue 2 Jun 2026, 11:00 America/Lima (16:00 UTC)\n"
                    + "An organizer here can answer `!sync accept 1` or `!sync decline 1 [reason]`. Until then nothing "
                    + "more about it is posted here.", lima.get(0).message().body());
            assertEquals(Set.of(), lima.get(0).message().mentions(), "nobody is pinged");
            String show = say(ORIGIN, OLGA, "!sync show 1");
            assertTrue(show.contains("· !kyiv:example.org — taking part, 0 in\n"
                    + "· !lima:example.org — waiting for consent"), show);
            assertTrue(say(LIMA, BOB, "!sync list").contains("this room is asked to take part: `!sync accept 1`"));
        }

        @Test
        void aPendingRoomGetsNoNoticesNoCountdownNoGoAndNoMoveAndTheRequestExpiresAtTheGo() {
            planWithLima();
            say(ORIGIN, OLGA, "!sync move 1 2026-06-02 18:30");
            Instant moved = T0.plusSeconds(1800);
            assertTrue(say(LIMA, BOB, "!sync join 1").contains("This room has not accepted #1 yet: an organizer "
                    + "here can answer `!sync accept 1`."));

            advanceTo(moved.plusSeconds(60));

            assertEquals(1, sentIn(LIMA).size(), "still only the request: " + bodiesIn(LIMA));
            assertEquals(List.of(ORIGIN, KYIV), punctual.prepareCalls().stream()
                    .map(FakePunctualSender.PreparedMessage::room).toList());
            assertEquals(1, messagesContaining(KYIV, "GO — Minute of silence. Now, together: 2 groups").size());
            assertTrue(say(LIMA, LUCIA, "!sync accept 1").contains("#1 is done."));
            assertEquals(1, sentIn(LIMA).size());
            assertTrue(say(ORIGIN, OLGA, "!sync show 1").contains("· !lima:example.org — did not answer"));
        }

        @Test
        void acceptingIsForOrganizersOfThatRoom() {
            planWithLima();
            int before = sentCount();

            assertTrue(say(LIMA, BOB, "!sync accept 1").contains("`!sync accept` is for organizers (power level"));
            assertTrue(say(LIMA, OLGA, "!sync accept 1").contains("is for organizers (power level"),
                    "the planner cannot accept for a room she does not organize");
            assertTrue(say(LIMA, BOB, "!sync decline 1").contains("`!sync decline` is for organizers (power level"));

            assertEquals(before, sentCount());
            assertTrue(say(ORIGIN, OLGA, "!sync show 1").contains("· !lima:example.org — waiting for consent"));
        }

        @Test
        void acceptedByThatRoomsOrganizerTheRoomIsAnnouncedThereAndGetsTheGo() {
            planWithLima();
            EventId originAnnouncement = announcementIn(ORIGIN).eventId();

            String reply = say(LIMA, LUCIA, "!sync accept 1");

            assertEquals("This room takes part in #1 Minute of silence; the announcement follows.", reply);
            Sent announcement = messagesIn(LIMA).get(1);
            assertTrue(announcement.message().body().startsWith("\uD83D\uDCE3 Synchronized action #1: Minute of silence\n"
                    + "GO at Tue 2 Jun 2026, 11:00 America/Lima (16:00 UTC)"), announcement.message().body());
            assertTrue(announcement.message().body().contains("3 groups take part."));
            assertEquals(1, editsIn(ORIGIN).size(), "the others see the new number of groups");
            assertEquals(originAnnouncement, editsIn(ORIGIN).get(0).message().replaces());
            assertTrue(editsIn(ORIGIN).get(0).message().body().contains("3 groups take part."));
            assertEquals(List.of("\u2705 !lima:example.org takes part in synchronized action #1 Minute of silence "
                    + "(accepted by @lucia:example.org). 3 groups take part now."),
                    messagesContaining(ORIGIN, "takes part in synchronized action").stream()
                            .map(s -> s.message().body()).toList());
            assertTrue(say(LIMA, LUCIA, "!sync accept 1").contains("This room already takes part in #1."));
            event(reaction(LIMA, "$r1", BOB, announcement.eventId(), "\u270B"));
            assertEquals(Map.of(LIMA, 1), store.rsvpCounts(1));

            advanceTo(T0.plusSeconds(60));

            assertEquals(1, messagesContaining(LIMA, "GO in 1 hour").size());
            assertEquals(List.of(ORIGIN, KYIV, LIMA), punctual.sendAllCalls().get(0).stream()
                    .map(PunctualSender.Prepared::room).toList());
            assertEquals(List.of("\uD83D\uDFE2 GO — Minute of silence. Now, together: 3 groups, 1 person signed up."),
                    messagesContaining(LIMA, "GO — ").stream().map(s -> s.message().body()).toList());
            assertEquals(1, messagesContaining(LIMA, "ends now").size());
        }

        @Test
        void aV12RoomCreatorMayAccept() {
            say(ORIGIN, OLGA, "!sync plan \"Bells\" 2026-06-02 18:00 !oslo:example.org");
            assertEquals(1, sentIn(OSLO).size());
            assertTrue(say(OSLO, ODD, "!sync accept 1").startsWith("This room takes part in #1"));
            assertEquals(1, messagesContaining(OSLO, "Synchronized action #1: Bells").size());
        }

        @Test
        void declinedThePlanningRoomIsToldAndNothingElseIsSentThere() {
            planWithLima();

            String reply = say(LIMA, LUCIA, "!sync decline 1 we meet that evening");

            assertEquals("Declined #1; the planning room is told. Nothing more about it comes here.", reply);
            assertEquals(List.of("\u274E !lima:example.org declined synchronized action #1 Minute of silence "
                    + "(@lucia:example.org): we meet that evening"), messagesContaining(ORIGIN, "declined").stream()
                    .map(s -> s.message().body()).toList());
            assertTrue(say(LIMA, LUCIA, "!sync decline 1").contains("This room already declined #1."));
            assertTrue(say(ORIGIN, OLGA, "!sync show 1").contains("· !lima:example.org — declined"));
            say(ORIGIN, OLGA, "!sync move 1 2026-06-02 18:30");
            advanceTo(T0.plusSeconds(3600));
            assertEquals(1, sentIn(LIMA).size(), "only the request: " + bodiesIn(LIMA));
            assertEquals(0, punctual.prepareCalls().stream().filter(p -> p.room().equals(LIMA)).count());
        }

        @Test
        void acceptingAfterDecliningCountsAgainstTheRoomsCapAgain() {
            planWithLima();
            say(LIMA, LUCIA, "!sync decline 1");
            for (int i = 2; i <= 1 + CountdownFeature.MAX_PLANNED_PER_ROOM; i++) {
                assertTrue(say(BOGOTA, OLGA, "!sync plan \"Bells\" 2026-06-02 18:00 !lima:example.org")
                        .startsWith("Planned #" + i), "action " + i);
            }
            assertTrue(say(LIMA, LUCIA, "!sync accept 1").contains("already takes part in 10 planned actions"));
            assertTrue(say(ORIGIN, OLGA, "!sync show 1").contains("· !lima:example.org — declined"));
        }

        @Test
        void cancellingWithdrawsAnUnansweredRequestAndTellsOnlyRoomsThatTakePart() {
            planWithLima();
            say(ORIGIN, OLGA, "!sync plan \"Bells\" 2026-06-02 18:00 !lima:example.org");
            say(LIMA, LUCIA, "!sync decline 2");

            assertEquals("Cancelled #1 in 2 rooms. Withdrew the request to 1 room.", say(ORIGIN, OLGA, "!sync cancel 1"));
            say(ORIGIN, OLGA, "!sync cancel 2");

            assertEquals(3, sentIn(LIMA).size(), bodiesIn(LIMA).toString());
            assertEquals(List.of("The request to take part in synchronized action #1 Minute of silence is withdrawn: "
                    + "it was cancelled."), messagesContaining(LIMA, "withdrawn").stream()
                    .map(s -> s.message().body()).toList());
            assertEquals(1, messagesContaining(KYIV, "is cancelled").size());
        }

        @Test
        void theBotRemovedFromAnAskedRoomDropsItSilently() {
            planWithLima();
            int before = sentCount();
            event(botMembership(LIMA, "leave"));
            assertEquals(before, sentCount(), "the others never heard of that room");
            assertTrue(say(ORIGIN, OLGA, "!sync show 1").contains("· !lima:example.org — dropped"));
        }

        @Test
        void tooManyRoomsAreRefusedBeforeAnyAliasIsLookedUp() {
            config = new CountdownConfig(3, 200, CountdownConfig.defaults().defaultNotices(), Duration.ofSeconds(60),
                    LEAD, PREPARE, Duration.ofSeconds(20));
            start();

            String refused = say(ORIGIN, OLGA, "!sync plan \"X\" tomorrow 18:00 #bogota:example.org #a:example.org "
                    + "#b:example.org");
            assertTrue(refused.contains("at most 3 rooms; you listed 4 (this room included)"), refused);
            assertTrue(say(ORIGIN, ALICE, "!sync plan \"X\" tomorrow 18:00 #bogota:example.org").contains(
                    "is for organizers"));
            assertEquals(List.of(), chat.resolveRequests(), "no name was looked up");

            assertTrue(say(ORIGIN, OLGA, "!sync plan \"X\" tomorrow 18:00 #bogota:example.org !kyiv:example.org")
                    .startsWith("Planned #1"));
            assertEquals(List.of("#bogota:example.org", "!kyiv:example.org"), chat.resolveRequests());
        }
    }

    // ---- length limits

    @Nested
    class Limits {
        @Test
        void aCancelReasonOverThreeHundredCharactersIsRefusedAndNothingIsCancelled() {
            plan();
            int before = sentCount();
            String reply = say(ORIGIN, OLGA, "!sync cancel 1 " + "r".repeat(301));
            assertEquals("The reason has 301 characters; at most 300 fit.\nExample: `!sync cancel 1 rain is coming`",
                    reply);
            assertEquals(SyncAction.State.PLANNED, state());
            assertEquals(before, sentCount());
            assertTrue(say(ORIGIN, OLGA, "!sync cancel 1 " + "r".repeat(300)).startsWith("Cancelled #1"));
        }

        @Test
        void aDeclineReasonOverThreeHundredCharactersIsRefused() {
            say(ORIGIN, OLGA, "!sync plan \"Bells\" 2026-06-02 18:00 !lima:example.org");
            String reply = say(LIMA, LUCIA, "!sync decline 1 " + "r".repeat(301));
            assertTrue(reply.startsWith("The reason has 301 characters; at most 300 fit.\nExample: `!sync decline 1 "),
                    reply);
            assertTrue(say(ORIGIN, OLGA, "!sync show 1").contains("· !lima:example.org — waiting for consent"));
            assertEquals(0, messagesContaining(ORIGIN, "declined").size());
        }

        @Test
        void aTitleOverTwoHundredCharactersIsRefusedWithAnExample() {
            String reply = say(ORIGIN, OLGA, "!sync plan \"" + "t".repeat(201) + "\" tomorrow 18:00");
            assertEquals("The title has 201 characters; at most 200 fit.\nExample: `!sync plan \"Minute of silence\" "
                    + "friday 18:00`", reply);
        }
    }

    // ---- notices

    @Nested
    class Notices {
        @Test
        void fireAtTheirInstantsWithThePlannedOffset() {
            plan();
            int afterAnnouncements = sentCount();

            advanceTo(T0.minusSeconds(86400).minusMillis(1));
            assertEquals(afterAnnouncements, sentCount(), "nothing before T-24h");
            advanceTo(T0.minusSeconds(86400));
            for (RoomId room : ALL) {
                assertEquals(1, messagesContaining(room, "GO in 1 day — ").size(), room.value());
            }
            assertTrue(messagesIn(KYIV).get(1).message().body().contains("19:00 Europe/Kyiv (16:00 UTC)"));
            assertTrue(messagesIn(KYIV).get(1).message().body().endsWith("Nobody has joined yet."));
            assertEquals(afterAnnouncements + 3, sentCount());

            // Five minutes late, within the grace of the one-hour notice (6 minutes): still "in 1 hour".
            jumpTo(T0.minusSeconds(3600).plusSeconds(300));
            for (RoomId room : ALL) {
                assertEquals(1, messagesContaining(room, "GO in 1 hour — ").size(), room.value());
            }
            assertEquals(afterAnnouncements + 6, sentCount());
        }

        @Test
        void firingTheSameTriggerTwiceSendsOneMessagePerRoom() {
            plan();
            ScheduleItem notice = items().get("sync:1:notice:86400");
            clock.set(notice.fireAt());
            jobs.runDue(clock.instant());
            int after = sentCount();
            scheduler.fire(new org.assemblybot.core.schedule.JobKey(notice.id()), notice.fireAt());
            // Even the handler itself, run again for the same occurrence, queues nothing new.
            db.inTransaction(() -> {
                feature.dueHandler().onDue(notice, notice.fireAt(), Duration.ZERO);
                return null;
            });
            flusher.flush();

            assertEquals(after, sentCount());
            for (RoomId room : ALL) {
                assertEquals(1, messagesContaining(room, "GO in 1 day").size());
            }
            assertEquals(List.of(), outbox.pending());
        }

        @Test
        void aNoticeFarTooLateIsNotSent() {
            plan();
            advanceTo(T0.minusSeconds(86400));
            int after = sentCount();

            // The one-hour notice has 6 minutes of grace; the bot was away until 7 minutes after it.
            jumpTo(T0.minusSeconds(3600).plusSeconds(420));

            assertEquals(after, sentCount());
            assertEquals(ScheduleItem.State.MISSED, items().get("sync:1:notice:3600").state());
            assertEquals(SyncAction.State.PLANNED, state());
            advanceTo(T0.minusSeconds(600));
            for (RoomId room : ALL) {
                assertEquals(0, messagesContaining(room, "GO in 1 hour").size());
                assertEquals(1, messagesContaining(room, "GO in 10 minutes — ").size(), "the next notice still goes");
            }
        }
    }

    // ---- live countdown

    @Nested
    class Countdown {
        @Test
        void oneMessageThenOneEditPerMinuteAndAtTenSeconds() {
            plan();
            advanceTo(T0.minusSeconds(601));
            int before = sentCount();
            Map<Instant, Integer> countdownSteps = new TreeMap<>();
            for (Instant at = T0.minusSeconds(600); at.isBefore(T0.minus(PREPARE)); at = at.plusSeconds(1)) {
                List<Sent> earlier = chat.sent();
                advanceTo(at);
                List<Sent> now = chat.sent();
                long countdowns = now.subList(earlier.size(), now.size()).stream()
                        .filter(s -> s.message().body().startsWith("\u23F1")).count();
                if (countdowns > 0) {
                    countdownSteps.put(at, (int) countdowns);
                }
            }
            Map<Instant, Integer> expected = new TreeMap<>();
            for (int minutes = 10; minutes >= 1; minutes--) {
                expected.put(T0.minusSeconds(minutes * 60L), 3);
            }
            expected.put(T0.minusSeconds(10), 3);
            assertEquals(expected, countdownSteps, "one countdown step per room at each mark, none in between");

            for (RoomId room : ALL) {
                List<Sent> countdown = sentIn(room).stream()
                        .filter(s -> s.message().body().startsWith("\u23F1")).toList();
                assertEquals(11, countdown.size());
                Sent first = countdown.get(0);
                assertEquals(Sent.Kind.MESSAGE, first.kind());
                assertNull(first.message().replaces());
                assertTrue(first.message().body().contains("GO in 10 minutes"), first.message().body());
                for (Sent edit : countdown.subList(1, countdown.size())) {
                    assertEquals(Sent.Kind.EDIT, edit.kind());
                    assertEquals(first.eventId(), edit.message().replaces(), "edits replace the first message");
                    assertEquals(first.eventId(), edit.target());
                }
                assertTrue(countdown.get(1).message().body().contains("GO in 9 minutes"));
                assertTrue(countdown.get(10).message().body().contains("GO in 10 seconds"));
            }
            // 3 one-minute notices (T-10m, T-1m) besides 33 countdown steps
            assertEquals(before + 33 + 6, sentCount());
        }

        @Test
        void aGoEditsTheCountdownToNow() {
            plan();
            advanceTo(T0);
            for (RoomId room : ALL) {
                List<Sent> goNow = editsIn(room).stream().filter(s -> s.message().body().endsWith("GO now.")).toList();
                assertEquals(1, goNow.size());
            }
        }
    }

    // ---- GO

    @Nested
    class Go {
        @Test
        void isPreparedForEveryRoomThenSentOnceInParallel() {
            plan();
            advanceTo(T0.minus(PREPARE).minusMillis(1));
            assertEquals(0, punctual.prepareCalls().size());

            advanceTo(T0.minus(PREPARE));
            List<FakePunctualSender.PreparedMessage> prepared = punctual.prepareCalls();
            assertEquals(ALL, prepared.stream().map(FakePunctualSender.PreparedMessage::room).toList());
            assertEquals(3, prepared.stream().map(FakePunctualSender.PreparedMessage::txnId).distinct().count());
            assertEquals(0, punctual.sendAllCalls().size());
            // Other traffic waits from preparing until the GO (the real relay's quiet window).
            db.run(() -> outbox.enqueue("other", ORIGIN, OutgoingMessage.notice("other traffic", null), clock.instant()));
            flusher.flush();
            assertEquals(List.of(), messagesContaining(ORIGIN, "other traffic"));

            advanceTo(T0.minus(GO_STEP).minusMillis(1));
            assertEquals(0, punctual.sendAllCalls().size());
            advanceTo(T0.minus(GO_STEP));
            assertEquals(1, punctual.sendAllCalls().size());
            assertEquals(List.of(T0.minus(LEAD)), punctual.sendAt(), "the requests leave at T0 − lead");
            assertEquals(1, messagesContaining(ORIGIN, "other traffic").size(), "released as soon as the GO is out");
            assertEquals(List.of(), outbox.pending(), "every GO confirmed to the outbox");
            assertEquals(List.<PunctualSender.Prepared>copyOf(prepared), punctual.sendAllCalls().get(0));
            for (RoomId room : ALL) {
                List<Sent> go = messagesContaining(room, "GO — Minute of silence");
                assertEquals(1, go.size(), room.value());
                assertEquals("\uD83D\uDFE2 GO — Minute of silence. Now, together: 3 groups.",
                        go.get(0).message().body());
            }
            advanceTo(T0.plusSeconds(3600));
            assertEquals(1, punctual.sendAllCalls().size());
            assertEquals(3, punctual.prepareCalls().size());
        }

        @Test
        void aRoomThatFailsAtT0GetsTheGoThroughTheOutboxWithTheSameTxnId() {
            plan();
            punctual.failSendsTo(KYIV);
            advanceTo(T0.minusSeconds(6));
            chat.failNextSendsTo(KYIV, 1); // the first outbox attempt fails too: the GO stays queued
            autoFlush = false;
            advanceTo(T0.minus(GO_STEP));

            String kyivTxn = punctual.prepareCalls().stream().filter(p -> p.room().equals(KYIV)).findFirst()
                    .orElseThrow().txnId();
            List<Outbox.Pending> gos = outbox.pending().stream()
                    .filter(p -> p.message().body().startsWith("\uD83D\uDFE2 GO")).toList();
            assertEquals(1, gos.size(), "only the room that failed waits; the others were confirmed");
            assertEquals(KYIV, gos.get(0).room());
            assertEquals(kyivTxn, gos.get(0).txnId());
            assertNull(gos.get(0).message().replaces());
            assertEquals(T0.plus(CountdownConfig.defaults().maxGoLateness()), gos.get(0).notAfter());

            flusher.flush();
            for (RoomId room : ALL) {
                assertEquals(1, messagesContaining(room, "GO — Minute of silence").size(), room.value());
            }
            assertEquals(kyivTxn, messagesContaining(KYIV, "GO — Minute of silence").get(0).txnId());
            assertEquals(1, punctual.sendAllCalls().size());
        }

        @Test
        void aGoStepThatFailedEveryTimeIsAnnouncedInEveryRoom() {
            plan();
            ScheduleItem go = items().get("sync:1:go");
            db.run(() -> feature.dueHandler().onGaveUp(go, go.fireAt(), "SABC12"));
            flusher.flush();
            for (RoomId room : ALL) {
                List<Sent> told = messagesContaining(room, "could not be sent");
                assertEquals(1, told.size(), room.value());
                assertTrue(told.get(0).message().body().contains("error id SABC12"));
            }
        }

        @Test
        void aGoThatCouldNotBeSentInTimeIsDroppedNotSentLate() {
            plan();
            punctual.failSendsTo(KYIV);
            advanceTo(T0.minusSeconds(6));
            chat.failNextSendsTo(KYIV, 1);
            autoFlush = false;
            advanceTo(T0.minus(GO_STEP));
            assertEquals(1, outbox.pending().stream().filter(p -> p.room().equals(KYIV)).count());

            clock.set(T0.plus(CountdownConfig.defaults().maxGoLateness()).plusMillis(1));
            flusher.flush();
            assertEquals(0, outbox.pending().stream().filter(p -> p.txnId().contains("go")).count());
            assertEquals(0, messagesContaining(KYIV, "GO — Minute of silence").size(), "a GO that late is never sent");
        }

        @Test
        void theGoStepHoldsNoNetworkInsideItsTransaction() {
            plan();
            advanceTo(T0.minusSeconds(6));
            List<Boolean> holdingTheDatabase = new ArrayList<>();
            punctual.onEachCall(() -> holdingTheDatabase.add(db.inTransactionOnThisThread()));
            advanceTo(T0.minus(GO_STEP));
            assertEquals(1, punctual.sendAllCalls().size());
            assertEquals(List.of(false, false, false, false), holdingTheDatabase,
                    "three rooms prepared (encryption, key sharing) and one parallel send, none inside a transaction");
        }

        @Test
        void aRoomThatCannotBePreparedGetsTheGoThroughTheOutbox() {
            plan();
            punctual.failPreparesFor(BOGOTA);
            advanceTo(T0);

            assertEquals(List.of(ORIGIN, KYIV), punctual.sendAllCalls().get(0).stream()
                    .map(PunctualSender.Prepared::room).toList());
            for (RoomId room : ALL) {
                assertEquals(1, messagesContaining(room, "GO — Minute of silence").size(), room.value());
            }
        }

        @Test
        void afterARestartBetweenPreparingAndT0TheGoIsSentOncePerRoom() {
            plan();
            advanceTo(T0.minus(PREPARE));
            assertEquals(3, punctual.prepareCalls().size());

            restart(); // nothing prepared in memory any more
            advanceTo(T0);

            assertEquals(6, punctual.prepareCalls().size(), "prepared again on the spot");
            assertEquals(1, punctual.sendAllCalls().size());
            assertEquals(3, punctual.sendAllCalls().get(0).size());
            for (RoomId room : ALL) {
                assertEquals(1, messagesContaining(room, "GO — Minute of silence").size(), room.value());
            }

            restart();
            advanceTo(T0.plusSeconds(3600));
            assertEquals(1, punctual.sendAllCalls().size());
            for (RoomId room : ALL) {
                assertEquals(1, messagesContaining(room, "GO — Minute of silence").size(), room.value());
                assertEquals(1, messagesContaining(room, "ends now").size(), room.value());
            }
            assertEquals(SyncAction.State.DONE, state());
        }

        @Test
        void aGoTooLateIsNotSentAndEveryRoomIsTold() {
            plan();
            advanceTo(T0.minusSeconds(600).minusMillis(1));
            int before = sentCount();
            restart();

            // Back 61 s after the GO should have left: more than max_go_lateness (60 s).
            jumpTo(T0.minus(GO_STEP).plusSeconds(61));

            assertEquals(0, punctual.sendAllCalls().size());
            assertEquals(SyncAction.State.MISSED, state());
            for (RoomId room : ALL) {
                assertEquals(0, messagesContaining(room, "GO — ").size());
                List<Sent> missed = messagesContaining(room, "was not sent");
                assertEquals(1, missed.size(), room.value());
                assertTrue(missed.get(0).message().body().contains("I was 1 minute late"), missed.get(0).message().body());
            }
            assertEquals(before + 3, sentCount(), "only the missed notices; late countdown steps are skipped");
            assertEquals(List.of(), scheduledItems());
            advanceTo(T0.plusSeconds(3600));
            assertEquals(before + 3, sentCount(), "no END after a missed GO");
        }

        @Test
        void aGoQueuedOnTimeThatCannotLeaveWithinTheAllowanceIsDroppedAndEveryRoomIsToldWithoutAnEnd() {
            plan();
            advanceTo(T0.minusSeconds(5));
            int before = messageCount();
            // The homeserver goes away: neither the punctual sends nor the outbox get through until T0 + 61 s.
            ALL.forEach(punctual::failSendsTo);
            chat.failNextSends(1_000);
            advanceTo(T0.plusSeconds(61));
            assertEquals(before, messageCount(), "nothing got through");
            assertEquals(SyncAction.State.DONE, state(), "the END step ran; its END waits in the outbox");

            chat.failNextSends(0); // back: the first flush finds the GOs too late
            flusher.flush();

            for (RoomId room : ALL) {
                assertEquals(0, messagesContaining(room, "GO — ").size(), room.value());
                List<Sent> told = messagesContaining(room, "was not sent");
                assertEquals(1, told.size(), room.value());
                assertTrue(told.get(0).message().body().contains("could not reach the homeserver within the 1 minute"),
                        told.get(0).message().body());
                assertEquals(0, messagesContaining(room, "ends now").size(), "no END after an unsent GO");
            }
            assertEquals(before + 3, messageCount(), "only the notices that the GO was not sent");
            assertEquals(SyncAction.State.MISSED, state());
            assertEquals(List.of(), scheduledItems());
            flusher.flush();
            advanceTo(T0.plusSeconds(3600));
            assertEquals(before + 3, messageCount(), "told once");
        }

        @Test
        void aGoLateWithinTheAllowanceIsStillSent() {
            plan();
            advanceTo(T0.minusSeconds(6));
            jumpTo(T0.plusSeconds(59));
            assertEquals(1, punctual.sendAllCalls().size());
            for (RoomId room : ALL) {
                assertEquals(1, messagesContaining(room, "GO — Minute of silence").size());
            }
        }
    }

    @Test
    void endsAfterTheDuration() {
        plan();
        advanceTo(T0.plusSeconds(59));
        assertEquals(SyncAction.State.PLANNED, state());
        for (RoomId room : ALL) {
            assertEquals(0, messagesContaining(room, "ends now").size());
        }
        advanceTo(T0.plusSeconds(60));
        assertEquals(SyncAction.State.DONE, state());
        for (RoomId room : ALL) {
            assertEquals(List.of("\u23F9 Minute of silence ends now. Thank you."),
                    messagesContaining(room, "ends now").stream().map(s -> s.message().body()).toList());
        }
        assertEquals(List.of(), scheduledItems());
    }

    @Test
    void withoutDurationTheActionIsDoneAtGo() {
        say(ORIGIN, OLGA, "!sync plan \"Bells\" 2026-06-02 18:00 !kyiv:example.org");
        assertFalse(items().containsKey("sync:1:end"));
        advanceTo(T0);
        assertEquals(SyncAction.State.DONE, state());
        assertEquals(1, messagesContaining(KYIV, "GO — Bells").size());
    }

    // ---- RSVP

    @Nested
    class Rsvp {
        @Test
        void commandAndRaisedHandsCountOncePerPerson() {
            plan();
            assertTrue(say(ORIGIN, ALICE, "!sync join 1").startsWith("You're in for #1 Minute of silence — "
                    + "1 person in 1 group so far (1 here)"));
            assertTrue(say(ORIGIN, ALICE, "!sync join 1").startsWith("You were already in for #1"));
            EventId kyivAnnouncement = announcementIn(KYIV).eventId();
            EventId bogotaAnnouncement = announcementIn(BOGOTA).eventId();
            event(reaction(KYIV, "$r1", BOB, kyivAnnouncement, "\u270B"));
            event(reaction(KYIV, "$r2", BOB, kyivAnnouncement, "\u270B\uD83C\uDFFD")); // the same person again
            event(reaction(BOGOTA, "$r3", CARL, bogotaAnnouncement, "\u270B\uD83C\uDFFD")); // skin tone
            event(reaction(BOGOTA, "$r4", ALICE, bogotaAnnouncement, "\u270B")); // already in by command
            event(reaction(BOGOTA, "$r5", KATE, bogotaAnnouncement, "\uD83D\uDC4D")); // not a raised hand
            event(reaction(BOGOTA, "$r6", KATE, kyivAnnouncement, "\u270B")); // not an announcement in this room

            assertEquals(Map.of(ORIGIN, 1, KYIV, 1, BOGOTA, 1), store.rsvpCounts(1));
            int before = sentCount();
            advanceTo(clock.instant().plusSeconds(14));
            assertEquals(before, sentCount(), "the refresh waits for the burst to end");
            advanceTo(clock.instant().plusSeconds(1));

            assertEquals(before + 3, sentCount());
            for (RoomId room : ALL) {
                List<Sent> edits = editsIn(room);
                assertEquals(1, edits.size(), "one edit per room for the whole burst");
                assertEquals(announcementIn(room).eventId(), edits.get(0).message().replaces());
                assertTrue(edits.get(0).message().body().contains("3 people in 3 groups so far (1 here)."),
                        edits.get(0).message().body());
            }
        }

        @Test
        void aRaisedHandOnTheCountdownIsNoRsvp() {
            plan();
            advanceTo(T0.minusSeconds(600));
            Sent countdown = messagesIn(KYIV).stream().filter(s -> s.message().body().startsWith("\u23F1"))
                    .findFirst().orElseThrow();
            event(reaction(KYIV, "$r1", BOB, countdown.eventId(), "\u270B"));
            assertEquals(Map.of(), store.rsvpCounts(1), "only the announcement takes RSVPs");
        }

        @Test
        void aRedactedAnnouncementIsNoLongerEdited() {
            plan();
            event(new ChatEvent.Redaction(KYIV, new EventId("$x1"), KATE, clock.instant(),
                    announcementIn(KYIV).eventId()));
            say(ORIGIN, ALICE, "!sync join 1");
            advanceTo(clock.instant().plusSeconds(15));
            assertEquals(0, editsIn(KYIV).size(), "the room removed it on purpose");
            assertEquals(1, editsIn(ORIGIN).size());
            assertEquals(1, messagesIn(KYIV).size(), "and it is not posted again");
        }

        @Test
        void aRedactedHandWithdrawsTheRsvp() {
            plan();
            event(reaction(BOGOTA, "$r1", CARL, announcementIn(BOGOTA).eventId(), "\u270B"));
            say(KYIV, BOB, "!sync join 1");
            advanceTo(clock.instant().plusSeconds(15));
            assertEquals(Map.of(KYIV, 1, BOGOTA, 1), store.rsvpCounts(1));

            event(new ChatEvent.Redaction(BOGOTA, new EventId("$x1"), CARL, clock.instant(), new EventId("$r1")));
            event(new ChatEvent.Redaction(BOGOTA, new EventId("$x2"), CARL, clock.instant(), new EventId("$other")));
            assertEquals(Map.of(KYIV, 1), store.rsvpCounts(1));
            advanceTo(clock.instant().plusSeconds(15));

            for (RoomId room : ALL) {
                assertEquals(2, editsIn(room).size(), room.value());
            }
            assertTrue(editsIn(BOGOTA).get(1).message().body().contains("1 person in 1 group so far (0 here)."));
            advanceTo(T0);
            assertEquals("\uD83D\uDFE2 GO — Minute of silence. Now, together: 3 groups, 1 person signed up.",
                    messagesContaining(ORIGIN, "GO — ").get(0).message().body());
        }

        @Test
        void theGoCountsEveryoneInEveryGroup() {
            plan();
            say(ORIGIN, ALICE, "!sync join 1");
            say(KYIV, BOB, "!sync join 1");
            event(reaction(KYIV, "$r1", CARL, announcementIn(KYIV).eventId(), "\u270B"));
            advanceTo(T0);
            for (RoomId room : ALL) {
                assertEquals("\uD83D\uDFE2 GO — Minute of silence. Now, together: 3 groups, 3 people signed up.",
                        messagesContaining(room, "GO — ").get(0).message().body());
            }
        }

        @Test
        void noJoiningACancelledAction() {
            plan();
            say(ORIGIN, OLGA, "!sync cancel 1");
            assertTrue(say(KYIV, BOB, "!sync join 1").contains("#1 is cancelled."));
            event(reaction(KYIV, "$r1", CARL, announcementIn(KYIV).eventId(), "\u270B"));
            assertEquals(Map.of(), store.rsvpCounts(1));
        }
    }

    // ---- cancel and move

    @Nested
    class CancelAndMove {
        @Test
        void cancelIsForOrganizersOfTheOriginRoom() {
            plan();
            assertTrue(say(ORIGIN, ALICE, "!sync cancel 1").contains("is for organizers of the room where"));
            assertTrue(say(KYIV, KATE, "!sync cancel 1").contains("is for organizers of the room where"));
            assertEquals(SyncAction.State.PLANNED, state());
            assertEquals(18, scheduledItems().size());
            assertEquals(3, sentCount());
        }

        @Test
        void cancelStopsEverythingAndTellsEveryRoom() {
            plan();
            advanceTo(T0.minusSeconds(86400));
            int before = sentCount();

            String reply = say(KYIV, OLGA, "!sync cancel 1 rain is coming");

            assertEquals("Cancelled #1 in 3 rooms.", reply);
            assertEquals(SyncAction.State.CANCELLED, state());
            assertEquals(List.of(), scheduledItems());
            assertEquals(before + 6, sentCount());
            for (RoomId room : ALL) {
                List<Sent> edits = editsIn(room);
                assertEquals(1, edits.size());
                assertEquals(announcementIn(room).eventId(), edits.get(0).message().replaces());
                assertTrue(edits.get(0).message().body().startsWith("\u274C Cancelled — synchronized action #1: "
                        + "Minute of silence (was Tue 2 Jun 2026, "), edits.get(0).message().body());
                assertEquals(1, messagesContaining(room, "is cancelled: rain is coming").size());
            }
            advanceTo(T0.plusSeconds(3600));
            assertEquals(before + 6, sentCount(), "nothing after the cancel");
            assertEquals(0, punctual.prepareCalls().size());
            assertEquals(0, punctual.sendAllCalls().size());
            assertTrue(say(ORIGIN, OLGA, "!sync cancel 1").contains("#1 is cancelled."));
        }

        @Test
        void cancelBetweenPreparingAndGoSendsNoGo() {
            plan();
            advanceTo(T0.minus(PREPARE));
            say(ORIGIN, OLGA, "!sync cancel 1");
            advanceTo(T0.plusSeconds(3600));
            assertEquals(0, punctual.sendAllCalls().size());
            for (RoomId room : ALL) {
                assertEquals(0, messagesContaining(room, "GO — ").size());
            }
        }

        @Test
        void onceTheGoIsPreparedItCanNoLongerBeMovedOrJoined() {
            plan();
            advanceTo(T0.minus(PREPARE));
            assertTrue(say(ORIGIN, OLGA, "!sync move 1 in 3 hours").contains("#1 has already started."));
            assertTrue(say(KYIV, BOB, "!sync join 1").contains("#1 has already started."));
            assertEquals(Map.of(), store.rsvpCounts(1));
            advanceTo(T0.plusSeconds(1));
            assertEquals(1, punctual.sendAllCalls().size(), "the GO went out as planned");
        }

        @Test
        void moveReschedulesEveryStepAndEditsTheAnnouncements() {
            plan();
            Instant newT0 = T0.plusSeconds(2 * 3600);

            String reply = say(ORIGIN, OLGA, "!sync move 1 2026-06-02 20:00");

            assertEquals("Moved #1 to Tue 2 Jun 2026, 20:00 Europe/Berlin (18:00 UTC) · New York 14:00 · Tokyo Wed 03:00.",
                    reply);
            assertEquals(newT0, store.find(1).orElseThrow().t0());
            assertEquals(18, scheduledItems().size());
            assertEquals(newT0.minus(GO_STEP), items().get("sync:1:go").fireAt());
            assertEquals(newT0.minusSeconds(86400), items().get("sync:1:notice:86400").fireAt());
            for (RoomId room : ALL) {
                assertEquals(1, editsIn(room).size());
                assertTrue(editsIn(room).get(0).message().body().contains("(18:00 UTC)"));
                assertEquals(1, messagesContaining(room, "moved: GO at").size());
            }
            int before = sentCount();

            advanceTo(T0.plusSeconds(60).minusMillis(1)); // the old GO and END would have been here
            assertEquals(0, punctual.prepareCalls().size());
            for (RoomId room : ALL) {
                assertEquals(0, messagesContaining(room, "GO — ").size());
                List<Sent> notices = messagesContaining(room, "\u23F3");
                assertEquals(1, notices.size(), "only the new time's 24-hour notice");
                assertTrue(notices.get(0).message().body().contains("GO in 1 day — Tue 2 Jun 2026, "));
                assertTrue(notices.get(0).message().body().contains("(18:00 UTC)"));
            }
            assertEquals(before + 3, sentCount());
            advanceTo(newT0);
            assertEquals(1, punctual.sendAllCalls().size());
            for (RoomId room : ALL) {
                assertEquals(1, messagesContaining(room, "GO — ").size());
            }
        }

        @Test
        void moveIsForOrganizersOfTheOriginRoom() {
            plan();
            assertTrue(say(KYIV, KATE, "!sync move 1 2026-06-02 20:00").contains("is for organizers"));
            assertEquals(T0, store.find(1).orElseThrow().t0());
            assertTrue(say(ORIGIN, OLGA, "!sync move 1 2026-05-02 20:00").contains("is in the past"));
            assertEquals(T0, store.find(1).orElseThrow().t0());
            assertEquals(18, scheduledItems().size());
            assertEquals(3, sentCount());
        }

        @Test
        void rsvpsAfterAMoveStillRefreshTheAnnouncements() {
            plan();
            say(KYIV, BOB, "!sync join 1"); // a refresh is pending…
            say(ORIGIN, OLGA, "!sync move 1 2026-06-02 20:00"); // …and the move cancels its item
            advanceTo(clock.instant().plusSeconds(15));
            int editsBefore = editsIn(KYIV).size();

            say(KYIV, CARL, "!sync join 1");
            advanceTo(clock.instant().plusSeconds(15));

            List<Sent> edits = editsIn(KYIV);
            assertEquals(editsBefore + 1, edits.size(), "the new RSVP shows on the announcement");
            assertTrue(edits.get(edits.size() - 1).message().body().contains("2 people in 1 group so far (2 here)."));
        }
    }

    // ---- the bot removed from a room (M6)

    @Nested
    class RoomRemoval {
        @Test
        void aRoomTheBotLeftIsDroppedAndTheOthersAreTold() {
            plan();
            say(KYIV, BOB, "!sync join 1");
            say(BOGOTA, CARL, "!sync join 1");
            advanceTo(clock.instant().plusSeconds(15));
            int before = sentCount();
            int bogotaBefore = sentIn(BOGOTA).size();

            event(botMembership(BOGOTA, "leave"));
            event(botMembership(BOGOTA, "leave")); // told once
            event(new ChatEvent.Membership(KYIV, new EventId("$m9"), ALICE, clock.instant(), ALICE, "leave"));

            assertEquals(before + 2, sentCount());
            assertEquals(bogotaBefore, sentIn(BOGOTA).size());
            for (RoomId room : List.of(ORIGIN, KYIV)) {
                assertEquals(1, messagesContaining(room, "One group left synchronized action #1").size());
            }
            advanceTo(T0.plusSeconds(60));
            assertEquals(bogotaBefore, sentIn(BOGOTA).size(), "nothing more in the dropped room");
            assertEquals(List.of(ORIGIN, KYIV), punctual.prepareCalls().stream()
                    .map(FakePunctualSender.PreparedMessage::room).toList());
            assertEquals(List.of(ORIGIN, KYIV), punctual.sendAllCalls().get(0).stream()
                    .map(PunctualSender.Prepared::room).toList());
            assertEquals(List.of("\uD83D\uDFE2 GO — Minute of silence. Now, together: 2 groups, 1 person signed up."),
                    messagesContaining(KYIV, "GO — ").stream().map(s -> s.message().body()).toList(),
                    "the dropped group is no longer counted");
            assertEquals(1, messagesContaining(ORIGIN, "ends now").size());
            assertEquals(2, store.rooms(1).stream().filter(SyncRoom::active).count());
        }

        @Test
        void aBanBetweenPreparingAndGoKeepsTheGoOutOfThatRoom() {
            plan();
            event(reaction(BOGOTA, "$r1", CARL, announcementIn(BOGOTA).eventId(), "\u270B"));
            say(KYIV, BOB, "!sync join 1");
            advanceTo(T0.minus(PREPARE));
            assertEquals(3, punctual.prepareCalls().size());

            event(botMembership(BOGOTA, "ban"));
            advanceTo(T0);

            assertEquals(List.of(ORIGIN, KYIV), punctual.sendAllCalls().get(0).stream()
                    .map(PunctualSender.Prepared::room).toList());
            assertEquals(0, messagesContaining(BOGOTA, "GO — ").size());
            assertEquals(List.of(), outbox.pending().stream().filter(p -> p.room().equals(BOGOTA)).toList());
            assertEquals(1, messagesContaining(KYIV, "GO — ").size());
            assertEquals(1, messagesContaining(ORIGIN, "GO — ").size());
        }
    }

    // ---- clock skew

    @Nested
    class Skew {
        @Test
        void beyondOneSecondIsReportedWhenPlanningAndJustBeforeTheGo() {
            serverClock.skew(Duration.ofMillis(-1500), Duration.ofMillis(100));
            String reply = plan();
            assertTrue(reply.endsWith("\n\u26A0 My clock differs from the homeserver's by about 1500 ms; a GO may be off "
                    + "by that much. The bot's operator should check the host's time synchronisation (NTP)."), reply);

            advanceTo(T0.minusSeconds(11));
            assertEquals(0, messagesContaining(ORIGIN, "My clock differs from the homeserver's by about 1500 ms").size());
            advanceTo(T0.minusSeconds(10));
            assertEquals(1, messagesContaining(ORIGIN, "My clock differs from the homeserver's by about 1500 ms").size(),
                    "said with the last countdown edit, before the GO holds the bot's other messages");
            advanceTo(T0);
            assertEquals(1, messagesContaining(ORIGIN, "My clock differs from the homeserver's by about 1500 ms").size());
            assertEquals(0, messagesContaining(KYIV, "My clock differs").size());
        }

        @Test
        void withinOneSecondOrUncertainIsNotReported() {
            serverClock.skew(Duration.ofMillis(1200), Duration.ofMillis(300));
            assertFalse(plan().contains("My clock differs"));
            advanceTo(T0);
            assertEquals(0, messagesContaining(ORIGIN, "My clock differs").size());
        }
    }
}
