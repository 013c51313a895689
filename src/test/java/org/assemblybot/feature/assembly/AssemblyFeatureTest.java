package org.assemblybot.feature.assembly;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assemblybot.adapter.sqlite.Database;
import org.assemblybot.adapter.sqlite.SqliteLiveMessageStore;
import org.assemblybot.adapter.sqlite.SqliteOutbox;
import org.assemblybot.adapter.sqlite.SqliteRoomSettings;
import org.assemblybot.adapter.sqlite.SqliteScheduleStore;
import org.assemblybot.core.assembly.AssemblyCalendar;
import org.assemblybot.core.assembly.AssemblyRoles;
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
import org.assemblybot.testkit.Kits;
import org.assemblybot.testkit.ManualJobScheduler;
import org.assemblybot.testkit.MutableClock;
import org.assemblybot.testkit.TestDb;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Assemblies end to end on the production parts: real SQLite with the real migrations, the real Scheduler over
 * manual triggers, the real outbox relay into a FakeChat, the real router; a manual clock. The room is in
 * Europe/Berlin, whose clocks go back on Sunday 25 October 2026.
 */
class AssemblyFeatureTest {
    static final RoomId ROOM = new RoomId("!assembly:example.org");
    static final UserId BOT = new UserId("@bot:example.org");
    static final UserId OLGA = new UserId("@olga:example.org");
    static final UserId BOB = new UserId("@bob:example.org");
    static final UserId DANA = new UserId("@dana:example.org");
    static final UserId EVE = new UserId("@eve:example.org");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** A reminder as the room saw it, with the instant it was sent. */
    record Seen(Instant at, OutgoingMessage message) {
    }

    @RegisterExtension
    final TestDb testDb = new TestDb();

    final MutableClock clock = MutableClock.at("2026-10-01T10:00:00Z"); // a Thursday
    final FakeChat chat = new FakeChat(BOT, "BOTDEVICE").member(ROOM, BOT).member(ROOM, OLGA).member(ROOM, BOB)
            .powerLevel(ROOM, OLGA, CommandDriver.ORGANIZER_LEVEL);
    final List<Seen> seen = new ArrayList<>();
    final List<Instant> rolesAskedFor = new ArrayList<>();
    final List<RoomId> told = new ArrayList<>();
    final AssemblyRoles roles = (room, start) -> {
        rolesAskedFor.add(start);
        return Map.of("Facilitation", List.of(DANA), "Minutes", List.of(EVE, BOB));
    };
    Database db;
    Outbox outbox;
    ManualJobScheduler jobs;
    Scheduler scheduler;
    OutboxSender relay;
    CommandDriver driver;
    AssemblyFeature feature;

    @BeforeEach
    void setUp() {
        db = testDb.db();
        outbox = new SqliteOutbox(db);
        new SqliteRoomSettings(db).setZone(ROOM, BERLIN);
        start();
    }

    /** The feature and its parts, new over the same database: a restart. */
    void start() {
        jobs = new ManualJobScheduler();
        relay = new OutboxSender(outbox, db, new OutboxSender.Edges(chat, new FakePolls(), new FakeDirectRooms(chat)),
                () -> { }, clock);
        scheduler = new Scheduler(new SqliteScheduleStore(db, Recurrences::parse, clock), jobs, db, clock, this::flush);
        LiveMessages live = new LiveMessages(new SqliteLiveMessageStore(db), outbox, db, clock);
        relay.addListener(live);
        feature = new AssemblyFeature(Kits.featureKit(BOT, clock, new SqliteRoomSettings(db), outbox, live, scheduler,
                db, chat, new FakeDirectRooms(chat)), new SqliteAssemblyStore(db), roles);
        feature.addListener(told::add);
        scheduler.register(AssemblyFeature.ID, feature.dueHandler());
        scheduler.start();
        driver = new CommandDriver(feature.commands(), chat, clock);
    }

    void restart() {
        scheduler.shutdown();
        start();
        scheduler.rehydrate();
    }

    void flush() {
        int before = chat.sent().size();
        relay.flush();
        chat.sent().subList(before, chat.sent().size()).forEach(s -> seen.add(new Seen(clock.instant(), s.message())));
    }

    String say(UserId sender, String body) {
        Outcome outcome = db.inTransaction(() -> driver.say(ROOM, sender, body));
        assertFalse(outcome.internalError(), outcome.reply().body());
        flush();
        return outcome.reply().body();
    }

    List<Seen> reminders() {
        return seen.stream().filter(s -> s.message().body().startsWith("📅")).toList();
    }

    static Instant berlin(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(BERLIN).toInstant();
    }

    int scheduledItems() {
        return db.inTransaction(() -> new org.assemblybot.adapter.sqlite.Sql(db).one("SELECT count(*) FROM "
                + "schedule_items WHERE feature = 'assembly' AND state = 'SCHEDULED'", r -> r.getInt(1)).orElseThrow());
    }

    int rows(String table) {
        return db.inTransaction(() -> new org.assemblybot.adapter.sqlite.Sql(db).one("SELECT count(*) FROM " + table,
                r -> r.getInt(1)).orElseThrow());
    }

    @Test
    void weeklyAssembliesKeepTheirLocalTimeAcrossTheDstChangeWithRemindersNamingTheRoleHolders() {
        String reply = say(OLGA, "!assembly every friday 19:00");
        assertEquals("Assembly `every friday 19:00`, 2 hours each; the next: Fri 2 Oct 2026, 19:00 Europe/Berlin "
                + "(17:00 UTC). Reminders 1 day and 1 hour before. `!assembly list` shows what comes.", reply);
        assertEquals(List.of(ROOM), told, "listeners told of the change");

        jobs.advanceTo(clock, Instant.parse("2026-12-01T00:00:00Z"));

        List<Instant> fridays = new ArrayList<>();
        for (ZonedDateTime day = ZonedDateTime.of(2026, 10, 2, 19, 0, 0, 0, BERLIN); day.getMonthValue() < 12;
             day = day.plusWeeks(1)) {
            fridays.add(day.toInstant());
        }
        assertEquals(9, fridays.size());
        List<Instant> expected = new ArrayList<>();
        fridays.forEach(f -> {
            if (f.minus(Duration.ofHours(24)).isAfter(Instant.parse("2026-10-01T10:00:00Z"))) {
                expected.add(f.minus(Duration.ofHours(24)));
            }
            expected.add(f.minus(Duration.ofHours(1)));
        });
        assertEquals(expected, reminders().stream().map(Seen::at).toList());
        assertEquals(Instant.parse("2026-10-30T18:00:00Z"), fridays.get(4), "after the change 19:00 is 18:00 UTC");

        OutgoingMessage last = reminders().get(reminders().size() - 1).message();
        assertEquals("📅 Assembly in 1 hour: Fri 27 Nov 2026, 19:00 Europe/Berlin (18:00 UTC), 2 hours.\n"
                + "Facilitation: @dana:example.org\nMinutes: @eve:example.org, @bob:example.org", sortedRoles(last.body()));
        assertEquals(Set.of(DANA, EVE, BOB), last.mentions(), "the holders are pills");
        assertTrue(rolesAskedFor.contains(berlin("2026-11-27T19:00")));
        assertTrue(scheduledItems() <= AssemblyReminders.MAX_ITEMS + 1);
    }

    /** Role lines in a stable order (the fake's map has none). */
    static String sortedRoles(String body) {
        List<String> lines = new ArrayList<>(List.of(body.split("\n")));
        List<String> roleLines = new ArrayList<>(lines.subList(1, lines.size()));
        roleLines.sort(null);
        return lines.get(0) + "\n" + String.join("\n", roleLines);
    }

    @Test
    void skippingOneAssemblyDropsOnlyItsRemindersAndTheRhythmGoesOn() {
        say(OLGA, "!assembly every friday 19:00 --notices 24h,1h");
        told.clear();
        assertEquals("Skipped: the assembly of Fri 9 Oct 2026, 19:00 Europe/Berlin (17:00 UTC), 2 hours. Its "
                + "reminders are dropped; the rhythm goes on.", say(OLGA, "!assembly skip 2026-10-09"));
        assertEquals(List.of(ROOM), told);
        assertEquals(List.of(berlin("2026-10-02T19:00"), berlin("2026-10-16T19:00"), berlin("2026-10-23T19:00")),
                feature.upcoming(ROOM, clock.instant(), 3).stream().map(AssemblyCalendar.Occurrence::start).toList());

        jobs.advanceTo(clock, berlin("2026-10-17T00:00"));
        List<String> bodies = reminders().stream().map(s -> s.message().body()).toList();
        assertEquals(4, bodies.size(), bodies.toString()); // 2 and 16 Oct, each a day and an hour before
        assertTrue(bodies.stream().noneMatch(b -> b.contains("9 Oct")), bodies.toString());

        String list = say(BOB, "!assembly list");
        assertTrue(list.startsWith("Next assemblies here:\n• Fri 23 Oct 2026, 19:00 Europe/Berlin (17:00 UTC), 2 hours"),
                list);
        assertTrue(say(OLGA, "!assembly skip 2026-10-30").startsWith("Skipped"));
        assertTrue(say(BOB, "!assembly list").contains("• Fri 30 Oct 2026, 19:00 Europe/Berlin (18:00 UTC), 2 hours — "
                + "skipped\n• Fri 6 Nov"));
        assertTrue(say(OLGA, "!assembly skip 2026-10-30").contains("is already skipped"));
    }

    @Test
    void cancelEndsTheRhythmButOneOffsStayAndListShowsBoth() {
        say(OLGA, "!assembly every friday 19:00");
        assertEquals("One-off assembly: Sat 10 Oct 2026, 15:00 Europe/Berlin (13:00 UTC), 3 hours. Reminders 1 hour "
                + "before.", say(OLGA, "!assembly add 2026-10-10 15:00 --duration 3h --notices 1h"));
        assertEquals("Next assemblies here:\n"
                + "• Fri 2 Oct 2026, 19:00 Europe/Berlin (17:00 UTC), 2 hours\n"
                + "• Fri 9 Oct 2026, 19:00 Europe/Berlin (17:00 UTC), 2 hours\n"
                + "• Sat 10 Oct 2026, 15:00 Europe/Berlin (13:00 UTC), 3 hours (one-off)\n"
                + "• Fri 16 Oct 2026, 19:00 Europe/Berlin (17:00 UTC), 2 hours\n"
                + "• Fri 23 Oct 2026, 19:00 Europe/Berlin (17:00 UTC), 2 hours", say(BOB, "!assembly list"));
        told.clear();
        assertEquals("The rhythm (`weekly FRI 19:00 Europe/Berlin`) has ended: no more recurring assemblies or their "
                + "reminders here. The 1 one-off assembly stays (`!assembly list`).", say(OLGA, "!assembly cancel"));
        assertEquals(List.of(ROOM), told);
        assertEquals(List.of(new AssemblyCalendar.Occurrence(ROOM, berlin("2026-10-10T15:00"), Duration.ofHours(3))),
                feature.upcoming(ROOM, clock.instant(), 5));
        assertTrue(say(OLGA, "!assembly cancel").startsWith("This room has no recurring assembly to end."));

        jobs.advanceTo(clock, berlin("2026-10-31T00:00"));
        assertEquals(List.of("📅 Assembly in 1 hour: Sat 10 Oct 2026, 15:00 Europe/Berlin (13:00 UTC), 3 hours."),
                reminders().stream().map(s -> s.message().body().split("\n")[0]).toList());
        assertEquals(berlin("2026-10-10T14:00"), reminders().get(0).at());
    }

    @Test
    void cancellingADateCancelsThatOneOff() {
        say(OLGA, "!assembly add 2026-10-10 15:00");
        assertTrue(say(OLGA, "!assembly cancel 2026-10-10").startsWith("Skipped: the assembly of Sat 10 Oct 2026, "
                + "15:00 Europe/Berlin (13:00 UTC), 2 hours. Its reminders are dropped."));
        assertEquals(List.of(), feature.upcoming(ROOM, clock.instant(), 5));
        jobs.advanceTo(clock, berlin("2026-10-11T00:00"));
        assertEquals(List.of(), reminders());
    }

    @Test
    void lunarAndNthWeekdayRhythmsComeThroughTheSameCommand() {
        assertTrue(say(OLGA, "!assembly every new moon 19:00").startsWith("Assembly `every new moon 19:00`"));
        List<Instant> moons = feature.upcoming(ROOM, clock.instant(), 3).stream()
                .map(AssemblyCalendar.Occurrence::start).toList();
        assertEquals(3, moons.size());
        Instant after = clock.instant();
        for (Instant start : moons) {
            // MoonPhases is checked against a published table; here: each assembly is on the local new-moon day.
            Instant moon = org.assemblybot.core.time.MoonPhases.newMoonOnOrAfter(
                    start.atZone(BERLIN).toLocalDate().atStartOfDay(BERLIN).toInstant());
            assertEquals(start.atZone(BERLIN).toLocalDate(), moon.atZone(BERLIN).toLocalDate(), start.toString());
            assertEquals(java.time.LocalTime.of(19, 0), start.atZone(BERLIN).toLocalTime());
            assertTrue(start.isAfter(after));
            after = start;
        }
        say(OLGA, "!assembly every 2nd tuesday 19:00");
        assertEquals(List.of(berlin("2026-10-13T19:00"), berlin("2026-11-10T19:00"), berlin("2026-12-08T19:00")),
                feature.upcoming(ROOM, clock.instant(), 3).stream().map(AssemblyCalendar.Occurrence::start).toList());
    }

    @Test
    void everyAgainReplacesTheRhythmAndSaysSo() {
        say(OLGA, "!assembly every friday 19:00");
        String reply = say(OLGA, "!assembly every month on the 1st 18:00 --duration 90m --notices none");
        assertTrue(reply.startsWith("Assembly `every month on the 1st 18:00`, 1 hour 30 minutes each; the next: Thu "
                + "1 Oct 2026, 18:00 Europe/Berlin (16:00 UTC). No reminders. This replaces the rhythm before (`weekly "
                + "FRI 19:00 Europe/Berlin`)."), reply);
        assertEquals(List.of(berlin("2026-10-01T18:00"), berlin("2026-11-01T18:00")),
                feature.upcoming(ROOM, clock.instant(), 2).stream().map(AssemblyCalendar.Occurrence::start).toList());
        jobs.advanceTo(clock, berlin("2026-12-02T00:00"));
        assertEquals(List.of(), reminders(), "--notices none");
    }

    @Test
    void aRestartBetweenReminderAndAssemblyRepeatsNothing() {
        say(OLGA, "!assembly every friday 19:00");
        jobs.advanceTo(clock, berlin("2026-10-02T18:30")); // both reminders of 2 Oct went out
        assertEquals(2, reminders().size());
        restart();
        jobs.runDue(clock.instant());
        assertEquals(2, reminders().size(), "nothing again after the restart");
        restart(); // and again, with the 24-hour reminder of 9 Oct still to come
        jobs.advanceTo(clock, berlin("2026-10-09T19:00"));
        assertEquals(4, reminders().size());
        assertEquals(4, chat.sent().stream().map(FakeChat.Sent::txnId).distinct().count());
    }

    @Test
    void aLateReminderIsNotSentAndTheNextOnesStillAre() {
        say(OLGA, "!assembly every friday 19:00");
        scheduler.shutdown();
        clock.set(berlin("2026-10-02T18:45")); // down over the 1-hour reminder; back 45 minutes later
        restart();
        jobs.runDue(clock.instant());
        assertEquals(List.of(), reminders(), "15 minutes of grace for a 1-hour reminder");
        jobs.advanceTo(clock, berlin("2026-10-09T19:00"));
        assertEquals(2, reminders().size(), "the next assembly's reminders");
    }

    @Test
    void badInputIsRefusedWithUsageAndNothingIsStored() {
        assertRefused("!assembly every fortnight 19:00", "as a repeating time", "!assembly every <rhythm> <time>");
        assertRefused("!assembly every friday 19:00 --duration 0m", "longer than zero", "Example: !assembly every");
        assertRefused("!assembly every friday 19:00 --duration 13h", "15 minutes to 12 hours", "Usage:");
        assertRefused("!assembly every friday 19:00 --duration 10m", "15 minutes to 12 hours", "Usage:");
        assertRefused("!assembly every friday 19:00 --notices 31d", "at most 30 days", "Usage:");
        assertRefused("!assembly every friday 19:00 --notices 1h,2h,3h,4h,5h,6h,7h,8h,9h,10h,11h", "At most 10",
                "Usage:");
        assertRefused("!assembly add 2026-09-30 19:00", "in the past", "!assembly add <time>");
        assertRefused("!assembly add someday", "", "!assembly add <time>");
        assertRefused("!assembly skip 2026-10-09", "There is no assembly to come on 2026-10-09", "!assembly skip <date>");
        assertRefused("!assembly skip 9.10.", "not a date I can read", "Example: !assembly skip 2026-06-12");
        assertEquals("`!assembly every` is for organizers (power level 50 or more in this room).",
                say(BOB, "!assembly every friday 19:00"));
        assertEquals(0, rows("assembly_rhythms") + rows("assembly_one_offs") + rows("assembly_skips"));
        assertEquals(0, scheduledItems());
        assertEquals(List.of(), told);
    }

    void assertRefused(String command, String saying, String usage) {
        String reply = say(OLGA, command).replace("`", "");
        assertTrue(reply.contains(saying) && reply.contains(usage), reply);
    }

    @Test
    void oneOffsAreCappedAndMayNotDoubleAnAssembly() {
        say(OLGA, "!assembly every friday 19:00");
        assertTrue(say(OLGA, "!assembly add 2026-10-02 19:00").startsWith("There is an assembly at that time already"));
        say(OLGA, "!assembly skip 2026-10-09");
        assertTrue(say(OLGA, "!assembly add 2026-10-09 19:00").startsWith("There is an assembly at that time already, "
                + "and it is skipped"));
        say(OLGA, "!assembly add in 50 days");
        say(OLGA, "!assembly cancel in 50 days".replace("in 50 days", java.time.LocalDate.ofInstant(
                clock.instant().plus(Duration.ofDays(50)), BERLIN).toString()));
        for (int i = 0; i < AssemblyCommands.MAX_ONE_OFFS; i++) {
            assertTrue(say(OLGA, "!assembly add in " + (i + 2) + " days").startsWith("One-off"));
        }
        assertTrue(say(OLGA, "!assembly add in 40 days").contains("already has 20 one-off assemblies planned"));
        assertEquals(21, rows("assembly_one_offs"), "a cancelled one-off does not count");
        assertTrue(scheduledItems() <= AssemblyReminders.MAX_ITEMS + 1, "at most 60 reminders and the wake");
    }

    @Test
    void helpListsTheSubCommandsWithWhoMayUseThem() {
        String help = say(BOB, "!help assembly");
        assertTrue(help.contains("• `!assembly every <rhythm> <time> [--duration 2h] [--notices 24h,1h|none]` — "
                + "Sets the room's recurring assembly (replacing the one before). (organizers"), help);
        assertTrue(help.contains("• `!assembly add <time> "), help);
        assertTrue(help.contains("• `!assembly skip <date>` — Skips the assembly on that date; the rhythm goes on. "
                + "(organizers"), help);
        assertTrue(help.contains("• `!assembly cancel [date]` — "), help);
        assertTrue(help.contains("• `!assembly list` — Shows the next assemblies, skipped ones marked. (everyone)"), help);
    }

    @Test
    void whenTheBotLeavesTheRoomEverythingThereIsDropped() {
        say(OLGA, "!assembly every friday 19:00");
        say(OLGA, "!assembly add 2026-10-10 15:00");
        say(OLGA, "!assembly skip 2026-10-16");
        told.clear();
        db.run(() -> feature.onEvent(new ChatEvent.Membership(ROOM, new EventId("$leave"), OLGA, clock.instant(), BOT,
                "leave")));
        assertEquals(List.of(ROOM), told);
        assertEquals(0, rows("assembly_rhythms") + rows("assembly_one_offs") + rows("assembly_skips"));
        assertEquals(0, scheduledItems());
        assertEquals(List.of(), feature.upcoming(ROOM, clock.instant(), 5));
        jobs.advanceTo(clock, berlin("2026-11-01T00:00"));
        assertEquals(List.of(), reminders());
    }

    @Test
    void listenersAreToldInsideTheChangingTransactionAndSeeTheNewCalendar() {
        List<List<Instant>> seenByListener = new ArrayList<>();
        feature.addListener(room -> {
            assertTrue(db.inTransactionOnThisThread());
            seenByListener.add(feature.upcoming(room, clock.instant(), 2).stream()
                    .map(AssemblyCalendar.Occurrence::start).toList());
        });
        say(OLGA, "!assembly every friday 19:00");
        say(OLGA, "!assembly skip friday");
        say(OLGA, "!assembly add 2026-10-03 11:00");
        say(OLGA, "!assembly cancel");
        assertEquals(List.of(
                List.of(berlin("2026-10-02T19:00"), berlin("2026-10-09T19:00")),
                List.of(berlin("2026-10-09T19:00"), berlin("2026-10-16T19:00")),
                List.of(berlin("2026-10-03T11:00"), berlin("2026-10-09T19:00")),
                List.of(berlin("2026-10-03T11:00"))), seenByListener);
        assertEquals(4, told.size());
        say(BOB, "!assembly list");
        assertEquals(4, told.size(), "reading changes nothing");
    }

    @Test
    void someoneElseLeavingChangesNothing() {
        say(OLGA, "!assembly every friday 19:00");
        db.run(() -> feature.onEvent(new ChatEvent.Membership(ROOM, new EventId("$leave"), BOB, clock.instant(), BOB,
                "leave")));
        assertEquals(1, rows("assembly_rhythms"));
    }
}
