package org.assemblybot.feature.vote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assemblybot.adapter.sqlite.Database;
import org.assemblybot.adapter.sqlite.SqliteLiveMessageStore;
import org.assemblybot.adapter.sqlite.SqliteOutbox;
import org.assemblybot.adapter.sqlite.SqliteProcessedEvents;
import org.assemblybot.adapter.sqlite.SqliteRoomSettings;
import org.assemblybot.adapter.sqlite.SqliteScheduleStore;
import org.assemblybot.core.live.LiveMessages;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.OutgoingMessage;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.command.Outcome;
import org.assemblybot.core.schedule.Recurrences;
import org.assemblybot.core.schedule.Scheduler;
import org.assemblybot.core.store.Outbox;
import org.assemblybot.testkit.CommandDriver;
import org.assemblybot.testkit.FakeChat;
import org.assemblybot.testkit.FakeDirectRooms;
import org.assemblybot.testkit.FakePolls;
import org.assemblybot.testkit.ManualJobScheduler;
import org.assemblybot.testkit.MutableClock;
import org.assemblybot.testkit.SecretBallotAttack;
import org.assemblybot.testkit.TestDb;
import org.junit.jupiter.api.BeforeEach;
import org.assemblybot.testkit.Kits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Secret votes keep nothing on the bot's disk that tells who chose what: the real VoteFeature on real SQLite,
 * commands run as the Bot runs them (handled mark, effect and reply in one transaction), and the replies left
 * unsent in the outbox — the worst moment. Then an attacker reads every table and every file of the data dir.
 */
class SecretBallotPrivacyTest {
    private static final RoomId ROOM = new RoomId("!assembly:example.org");
    private static final UserId ALICE = new UserId("@alice:example.org");
    private static final UserId BOB = new UserId("@bob:example.org");
    private static final UserId CARL = new UserId("@carl:example.org");
    private static final UserId DANA = new UserId("@dana:example.org");
    private static final UserId BOT = new UserId("@bot:example.org");
    private static final Instant START = Instant.parse("2026-06-01T10:00:00Z");
    private static final List<String> OPTIONS = List.of("pizza", "pasta", "salad");

    @RegisterExtension
    final TestDb testDb = new TestDb();

    private final MutableClock clock = new MutableClock(START);
    private final FakeChat chat = new FakeChat(BOT, "BOTDEVICE");
    private final FakeDirectRooms directRooms = new FakeDirectRooms(chat);
    /** Per voter, the ids of the events their commands came in (what the handled marks and reply ids carry). */
    private final Map<UserId, List<String>> commandsOf = new LinkedHashMap<>();
    private Database db;
    private Outbox outbox;
    private Scheduler scheduler;
    private ManualJobScheduler jobs;
    private CommandDriver driver;
    private int nextEvent = 1;

    @BeforeEach
    void setUp() {
        db = testDb.db();
        outbox = new SqliteOutbox(db);
        for (UserId user : List.of(BOT, ALICE, BOB, CARL, DANA)) {
            chat.member(ROOM, user);
        }
        start();
    }

    /** A new feature over the same database, as after a restart: nothing in memory survives. */
    private void start() {
        if (scheduler != null) {
            scheduler.shutdown();
        }
        jobs = new ManualJobScheduler();
        scheduler = new Scheduler(new SqliteScheduleStore(db, Recurrences::parse, clock), jobs, db, clock, () -> { });
        VoteFeature feature = new VoteFeature(Kits.featureKit(BOT, clock, new SqliteRoomSettings(db), outbox,
                new LiveMessages(new SqliteLiveMessageStore(db), outbox, db, clock), scheduler, db, chat, directRooms),
                new SqliteVoteStore(db));
        scheduler.register(VoteFeature.ID, feature.dueHandler());
        scheduler.start();
        scheduler.rehydrate();
        driver = new CommandDriver(feature.commands(), chat, clock);
    }

    /** As the Bot runs a command: the handled mark, the effect and the reply in one transaction; nothing sent. */
    private String sayIn(RoomId room, UserId sender, String body) {
        EventId event = new EventId(String.format("$cmd-%03d", nextEvent++));
        commandsOf.computeIfAbsent(sender, s -> new ArrayList<>()).add(event.value());
        Outcome outcome = db.inTransaction(() -> {
            new SqliteProcessedEvents(db).markHandled(room, event, clock.instant());
            Outcome ran = driver.say(room, sender, body, event, clock.instant());
            outbox.enqueue("reply-" + event.value(), room, OutgoingMessage.notice(ran.reply().body(), ran.reply().html()),
                    clock.instant());
            return ran;
        });
        assertFalse(outcome.internalError(), outcome.reply().body());
        return outcome.reply().body();
    }

    private RoomId ballotFor(UserId person) {
        assertEquals("I sent you a ballot in a private room.", sayIn(ROOM, person, "!ballot 1"));
        return directRooms.roomOf(person);
    }

    private void relay() {
        new org.assemblybot.core.outbox.OutboxSender(outbox, db, new org.assemblybot.core.outbox.OutboxSender.Edges(chat,
                new FakePolls(), directRooms), () -> { }, clock).flush();
    }

    private String results() {
        return outbox.pending().stream().filter(p -> p.message() != null).map(p -> p.message().body()).filter(b -> b.contains("Results of Vote #1"))
                .findFirst().orElseThrow();
    }

    @Test
    void theWholeDataDirWhileTheVoteIsOpenDoesNotTellWhoChoseWhat() throws Exception {
        sayIn(ROOM, ALICE, "!vote \"Lunch?\" pizza pasta salad --close 10m --secret");
        Map<UserId, RoomId> voters = new LinkedHashMap<>();
        for (UserId voter : List.of(BOB, CARL, DANA)) {
            voters.put(voter, ballotFor(voter));
        }
        // The relay sends the ballots (creating the direct rooms); the replies to the ballots below stay unsent.
        new org.assemblybot.core.outbox.OutboxSender(outbox, db, new org.assemblybot.core.outbox.OutboxSender.Edges(chat,
                new FakePolls(), directRooms), () -> { }, clock).flush();
        voters.replaceAll((voter, room) -> directRooms.roomOf(voter));
        SecretBallotAttack before = SecretBallotAttack.read(testDb.dataDir());

        // Two choose pizza, one pasta (a balanced split would hide a leak in equal counts); each changes once.
        sayIn(voters.get(BOB), BOB, "!v 1 pasta");
        String confirmation = sayIn(voters.get(BOB), BOB, "!v 1 pizza");
        sayIn(voters.get(CARL), CARL, "!v 1 3");
        sayIn(voters.get(CARL), CARL, "!v 1 1");
        sayIn(voters.get(DANA), DANA, "!v 1 pizza");
        sayIn(voters.get(DANA), DANA, "!v 1 2");
        for (String option : OPTIONS) {
            assertFalse(confirmation.contains(option), "the confirmation names no choice: " + confirmation);
        }

        SecretBallotAttack after = SecretBallotAttack.read(testDb.dataDir());
        Map<UserId, List<String>> identifiers = new LinkedHashMap<>();
        voters.forEach((voter, room) -> {
            List<String> ids = new ArrayList<>(List.of(voter.value(), room.value()));
            ids.addAll(commandsOf.get(voter));
            identifiers.put(voter, ids);
        });
        // Everything the disk says about each voter, with their own ids masked: the salt/hash attack included.
        Map<UserId, List<String>> about = after.aboutEachVoter(identifiers);
        assertTrue(about.get(BOB).stream().anyMatch(row -> row.startsWith("vote_secret")),
                "the attack finds the voter's own row (who has voted): " + about.get(BOB));
        assertEquals(about.get(BOB), about.get(DANA), "Bob (pizza) and Dana (pasta) look alike on disk");
        assertEquals(about.get(CARL), about.get(DANA), "Carl (pizza) and Dana (pasta) look alike on disk");
        for (UserId voter : voters.keySet()) {
            for (String row : about.get(voter)) {
                // The ballot lists every option; a row naming some options but not all would single one out.
                long named = OPTIONS.stream().filter(row::contains).count();
                assertTrue(named == 0 || named == OPTIONS.size(), voter + "'s row singles out an option: " + row);
            }
        }
        // In the raw files (database, WAL, shared memory) no option's text gained more copies than another's.
        Map<String, Integer> gained = new LinkedHashMap<>();
        for (String option : OPTIONS) {
            gained.put(option, after.occurrences(option) - before.occurrences(option));
        }
        assertEquals(1, gained.values().stream().distinct().count(), "copies gained per option text: " + gained);
    }

    @Test
    void aBallotCastBeforeARestartStaysCountedAndTheVoterIsToldItCanNoLongerChange() {
        sayIn(ROOM, ALICE, "!vote \"Lunch?\" pizza pasta salad --close 10m --secret");
        ballotFor(BOB);
        relay();
        RoomId bob = directRooms.roomOf(BOB);
        assertTrue(sayIn(bob, BOB, "!v 1 pizza").contains("Your ballot for secret vote #1 is counted"));

        start();
        String refused = sayIn(bob, BOB, "!v 1 pasta");
        assertTrue(refused.contains("was counted before I restarted") && refused.contains("can no longer be changed"),
                refused);
        assertTrue(sayIn(bob, BOB, "!v 1 salad").contains("can no longer be changed"), "and stays so");
        // After the restart a new ballot can be changed again, and the ballot now says what a restart does.
        ballotFor(CARL);
        RoomId carl = directRooms.directRoomWith(CARL);
        assertTrue(outbox.pending().stream().anyMatch(p -> p.message() != null && p.message().body().contains("can't be changed after it")), "the ballot states the restart rule");
        assertTrue(sayIn(carl, CARL, "!v 1 pasta").contains("is counted"));
        assertTrue(sayIn(carl, CARL, "!v 1 salad").contains("replaces your earlier one"));

        jobs.advanceTo(clock, START.plus(Duration.ofMinutes(10)));
        String results = results();
        assertTrue(results.contains("pizza: 1 (50%)"), results);
        assertTrue(results.contains("pasta: 0 (0%)"), results);
        assertTrue(results.contains("salad: 1 (50%)"), results);
        assertTrue(results.contains("Turnout: 2 of 4 members (50%)."), results);
    }
}
