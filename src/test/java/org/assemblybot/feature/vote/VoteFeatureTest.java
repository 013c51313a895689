package org.assemblybot.feature.vote;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assemblybot.adapter.sqlite.Database;
import org.assemblybot.adapter.sqlite.Sql;
import org.assemblybot.adapter.sqlite.SqliteLiveMessageStore;
import org.assemblybot.adapter.sqlite.SqliteOutbox;
import org.assemblybot.adapter.sqlite.SqliteRoomSettings;
import org.assemblybot.adapter.sqlite.SqliteScheduleStore;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.OutgoingMessage;
import org.assemblybot.core.chat.Polls;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.command.Outcome;
import org.assemblybot.core.live.LiveMessages;
import org.assemblybot.core.schedule.JobKey;
import org.assemblybot.core.schedule.Recurrences;
import org.assemblybot.core.schedule.ScheduleItem;
import org.assemblybot.core.schedule.Scheduler;
import org.assemblybot.core.outbox.OutboxSender;
import org.assemblybot.core.store.Outbox;
import org.assemblybot.testkit.CommandDriver;
import org.assemblybot.testkit.FakeChat;
import org.assemblybot.testkit.FakeDirectRooms;
import org.assemblybot.testkit.FakePolls;
import org.assemblybot.testkit.ManualJobScheduler;
import org.assemblybot.testkit.MutableClock;
import org.assemblybot.testkit.StoredValues;
import org.assemblybot.testkit.TestDb;
import org.junit.jupiter.api.BeforeEach;
import org.assemblybot.testkit.Kits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Votes end to end in memory: real SQLite with the real migrations, the real Scheduler over a manual trigger
 * runner, the real outbox flushed into a FakeChat, native polls in a FakePolls, the real command parser and
 * router. Time only moves when the test moves it.
 */
class VoteFeatureTest {
    private static final RoomId ROOM = new RoomId("!assembly:example.org");
    private static final UserId ALICE = new UserId("@alice:example.org");
    private static final UserId BOB = new UserId("@bob:example.org");
    private static final UserId CARL = new UserId("@carl:example.org");
    private static final UserId DANA = new UserId("@dana:example.org");
    private static final UserId OLGA = new UserId("@olga:example.org");
    private static final UserId STRANGER = new UserId("@stranger:example.org");
    private static final UserId BOT = new UserId("@bot:example.org");
    private static final Instant START = Instant.parse("2026-06-01T10:00:00Z");
    private static final String LUNCH = "!vote \"Lunch?\" pizza pasta salad --close 10m";

    @RegisterExtension
    final TestDb testDb = new TestDb();

    private final MutableClock clock = new MutableClock(START);
    private final FakeChat chat = new FakeChat(BOT, "BOTDEVICE");
    private final FakePolls polls = new FakePolls();
    private final FakeDirectRooms directRooms = new FakeDirectRooms(chat);
    private Database db;
    private Outbox outbox;
    private SqliteVoteStore store;
    private ManualJobScheduler jobs;
    private Scheduler scheduler;
    private VoteFeature feature;
    private CommandDriver driver;
    private OutboxSender flusher;
    private int nextEvent = 1;

    @BeforeEach
    void setUp() {
        db = testDb.db();
        outbox = new SqliteOutbox(db);
        store = new SqliteVoteStore(db);
        for (UserId user : List.of(BOT, ALICE, BOB, CARL, DANA, OLGA)) {
            chat.member(ROOM, user);
        }
        chat.powerLevel(ROOM, OLGA, CommandDriver.ORGANIZER_LEVEL);
        start();
    }

    /** A (new) feature and scheduler over the test's database, as after a restart: nothing in memory survives. */
    private void start() {
        jobs = new ManualJobScheduler();
        scheduler = new Scheduler(new SqliteScheduleStore(db, Recurrences::parse, clock), jobs, db, clock,
                () -> flusher.flush());
        LiveMessages live = new LiveMessages(new SqliteLiveMessageStore(db), outbox, db, clock);
        feature = new VoteFeature(Kits.featureKit(BOT, clock, new SqliteRoomSettings(db), outbox, live, scheduler, db,
                chat, directRooms), store);
        // The production relay over the fake chat edge: it tells the feature the poll's event id.
        flusher = new OutboxSender(outbox, db, new OutboxSender.Edges(chat, polls, directRooms), () -> { }, clock);
        flusher.addListener(feature);
        flusher.addListener(live);
        scheduler.register(VoteFeature.ID, feature.dueHandler());
        scheduler.start();
        driver = new CommandDriver(feature.commands(), chat, clock);
    }

    private void restart() {
        scheduler.shutdown();
        start();
        scheduler.rehydrate();
    }

    // ---- helpers

    /** Runs a command in one transaction, as the Bot does, then flushes the outbox; returns the reply's body. */
    private String say(UserId sender, String body) {
        Outcome outcome = db.inTransaction(() -> driver.say(ROOM, sender, body));
        assertFalse(outcome.internalError(), outcome.reply().body());
        flusher.flush();
        return outcome.reply().body();
    }

    private void event(ChatEvent event) {
        feature.onEvent(event);
        flusher.flush();
    }

    private EventId newId() {
        return new EventId("$ev" + nextEvent++);
    }

    private EventId poll(int n) {
        return polls.started().get(n - 1).eventId();
    }

    private ChatEvent.PollResponse response(UserId sender, EventId poll, String... answers) {
        return new ChatEvent.PollResponse(ROOM, newId(), sender, clock.instant(), poll, List.of(answers));
    }

    private ChatEvent.Reaction reaction(UserId sender, EventId target, int option) {
        return new ChatEvent.Reaction(ROOM, newId(), sender, clock.instant(), target, VoteTexts.KEYCAPS.get(option - 1));
    }

    private void advanceTo(Instant end) {
        jobs.advanceTo(clock, end);
    }

    private List<OutgoingMessage> containing(String text) {
        return chat.messagesIn(ROOM).stream().filter(m -> m.body().contains(text)).toList();
    }

    /** The only results notice of vote #1. */
    private OutgoingMessage results() {
        List<OutgoingMessage> found = chat.messagesIn(ROOM).stream()
                .filter(m -> m.body().contains("Results of Vote #1") || m.body().contains("Proposal #1 PASSED")
                        || m.body().contains("Proposal #1 did NOT pass")).toList();
        assertEquals(1, found.size(), "results notices: " + found.size());
        return found.get(0);
    }

    private void assertResult(String line) {
        String body = results().body();
        assertTrue(body.contains(line), () -> "results <" + body + "> lack <" + line + ">");
    }

    private int rows(String table) {
        return new Sql(db).one("SELECT COUNT(*) FROM " + table, row -> row.getInt(1)).orElseThrow();
    }

    // ---- counting

    @Test
    void aVoteByPollResponseOneByReactionAndOneByCommandCountOnceEach() {
        assertTrue(say(ALICE, LUNCH).contains("Vote #1 is open"));
        FakePolls.Started started = polls.started().get(0);
        assertEquals(List.of("pizza", "pasta", "salad"), started.poll().answers().stream().map(a -> a.text()).toList());
        assertEquals(List.of("1", "2", "3"), started.poll().answers().stream().map(a -> a.id()).toList());
        assertTrue(started.poll().fallback().contains("1. pizza\n2. pasta\n3. salad"), started.poll().fallback());
        assertTrue(started.poll().fallback().contains("!v 1 <number or option>"), started.poll().fallback());

        ChatEvent.PollResponse alice = response(ALICE, poll(1), "1");
        event(alice);
        event(alice); // delivered again
        event(reaction(BOB, poll(1), 2));
        assertTrue(say(CARL, "!v 1 SALAD").contains("Counted for Vote #1: salad"));

        say(ALICE, "!vote close 1");
        assertResult("pizza: 1 (33%)");
        assertResult("pasta: 1 (33%)");
        assertResult("salad: 1 (33%)");
        assertResult("Turnout: 3 of 5 members (60%).");
        assertResult("Who chose what: pizza — @alice:example.org · pasta — @bob:example.org · salad — @carl:example.org");
        assertTrue(results().mentions().isEmpty(), "results must not ping");
        assertEquals(1, polls.ended().size());
        assertEquals(poll(1), polls.ended().get(0).poll());
        assertTrue(polls.ended().get(0).results().contains("pizza: 1 (33%)"));
    }

    // ---- the live turnout message

    private List<FakeChat.Sent> turnoutPosts() {
        return chat.sent().stream().filter(sent -> sent.kind() == FakeChat.Sent.Kind.MESSAGE
                && sent.message().body().contains("members have")).toList();
    }

    private List<FakeChat.Sent> editsOf(FakeChat.Sent post) {
        return chat.sent().stream().filter(sent -> sent.kind() == FakeChat.Sent.Kind.EDIT
                && post.eventId().equals(sent.target())).toList();
    }

    @Test
    void theTurnoutIsPostedWithTheFirstBallotEditedInPlaceAndBecomesTheResults() {
        say(ALICE, LUNCH);
        assertTrue(turnoutPosts().isEmpty(), "no turnout before anyone voted");
        event(response(ALICE, poll(1), "1"));
        List<FakeChat.Sent> posts = turnoutPosts();
        assertEquals(1, posts.size());
        assertEquals("\uD83D\uDDF3 Vote #1: Lunch? — 1 of 5 members have voted so far.", posts.get(0).message().body());

        event(reaction(BOB, poll(1), 2));
        say(CARL, "!v 1 3");
        event(response(ALICE, poll(1), "2")); // a changed ballot: the turnout stays 3 — no edit
        assertEquals(List.of("\uD83D\uDDF3 Vote #1: Lunch? — 2 of 5 members have voted so far.",
                "\uD83D\uDDF3 Vote #1: Lunch? — 3 of 5 members have voted so far."),
                editsOf(posts.get(0)).stream().map(e -> e.message().body()).toList());

        say(ALICE, "!vote close 1");
        List<FakeChat.Sent> edits = editsOf(posts.get(0));
        assertEquals(3, edits.size());
        assertEquals(results().body(), edits.get(2).message().body(), "edited in place into the results");
        assertEquals(1, turnoutPosts().size(), "posted once");
        event(response(DANA, poll(1), "1")); // after the close: nothing changes any more
        assertEquals(3, editsOf(posts.get(0)).size());
    }

    @Test
    void aBurstOfBallotsIsOneEditOfTheTurnout() {
        say(ALICE, LUNCH);
        event(response(ALICE, poll(1), "1"));
        chat.failNextEdits(1); // the first edit waits in the outbox, as on a slow homeserver
        event(response(BOB, poll(1), "1"));
        for (UserId voter : List.of(CARL, DANA, OLGA)) {
            feature.onEvent(response(voter, poll(1), "2")); // handled before the next flush
        }
        flusher.flush();
        List<String> edits = editsOf(turnoutPosts().get(0)).stream().map(e -> e.message().body()).toList();
        assertEquals(List.of("\uD83D\uDDF3 Vote #1: Lunch? — 2 of 5 members have voted so far.",
                "\uD83D\uDDF3 Vote #1: Lunch? — 5 of 5 members have voted so far."), edits);
    }

    @Test
    void aSecretVotesTurnoutNamesNoOptionBeforeTheClose() {
        say(ALICE, SECRET);
        sayIn(ballotFor(BOB, 1), BOB, "!v 1 2");
        sayIn(ballotFor(CARL, 1), CARL, "!v 1 2");
        FakeChat.Sent post = turnoutPosts().get(0);
        assertEquals(ROOM, post.room());
        List<String> shown = new java.util.ArrayList<>(List.of(post.message().body()));
        editsOf(post).forEach(e -> shown.add(e.message().body()));
        assertEquals(List.of("\uD83D\uDDF3 Vote #1: Lunch? — 1 of 5 members have voted so far.",
                "\uD83D\uDDF3 Vote #1: Lunch? — 2 of 5 members have voted so far."), shown);
        say(ALICE, "!vote close 1");
        assertTrue(editsOf(post).get(1).message().body().contains("pasta: 2 (100%)"), "counts at the close only");
    }

    @Test
    void aChangedVoteCountsOnceTheLastWins() {
        say(ALICE, LUNCH);
        event(response(ALICE, poll(1), "1"));
        event(reaction(ALICE, poll(1), 2));
        say(ALICE, "!v 1 3");
        event(response(BOB, poll(1), "1"));
        event(response(BOB, poll(1), "2"));
        say(ALICE, "!vote close 1");
        assertResult("pizza: 0 (0%)");
        assertResult("pasta: 1 (50%)");
        assertResult("salad: 1 (50%)");
        assertResult("Turnout: 2 of 5 members (40%).");
    }

    @Test
    void votesOfPeopleWhoAreNotJoinedMembersDoNotCount() {
        say(ALICE, LUNCH);
        event(response(STRANGER, poll(1), "1"));
        event(reaction(STRANGER, poll(1), 1));
        event(response(BOB, poll(1), "2"));
        say(ALICE, "!vote close 1");
        assertResult("pizza: 0 (0%)");
        assertResult("pasta: 1 (100%)");
        assertResult("Turnout: 1 of 5 members (20%).");
        assertResult("1 vote of people who are not members of this room did not count.");
        assertFalse(results().body().contains("stranger"));
    }

    @Test
    void multiLetsEachChooseUpToN() {
        say(ALICE, "!vote \"Which days?\" monday tuesday wednesday thursday --multi 2");
        assertEquals(2, polls.started().get(0).poll().maxSelections());
        assertTrue(say(ALICE, "!v 1 monday, wednesday").contains("monday, wednesday"));
        assertTrue(say(BOB, "!v 1 1 2 3").contains("allows 2 choices"));
        // Reactions add up to N choices; a third replaces the oldest.
        event(reaction(BOB, poll(1), 1));
        clock.advance(Duration.ofSeconds(1));
        event(reaction(BOB, poll(1), 2));
        clock.advance(Duration.ofSeconds(1));
        event(reaction(BOB, poll(1), 4));
        // A poll response with more answers than allowed is spoiled and ignored.
        event(response(CARL, poll(1), "1", "2", "3"));
        event(response(DANA, poll(1), "3", "4"));
        say(ALICE, "!vote close 1");
        assertResult("monday: 1 (33%)");
        assertResult("tuesday: 1 (33%)");
        assertResult("wednesday: 2 (67%)");
        assertResult("thursday: 2 (67%)");
        assertResult("Turnout: 3 of 5 members (60%).");
    }

    @Test
    void aQuorumOfPeopleNotMet() {
        say(ALICE, "!vote \"Strike?\" --quorum 3");
        event(response(ALICE, poll(1), "1"));
        event(response(BOB, poll(1), "2"));
        say(ALICE, "!vote close 1");
        assertResult("yes: 1 (50%)");
        assertResult("abstain: 0 (0%)");
        assertResult("Quorum 3: NOT met.");
    }

    @Test
    void aQuorumOfPeopleMet() {
        say(ALICE, "!vote \"Strike?\" --quorum 3");
        for (UserId user : List.of(ALICE, BOB, CARL)) {
            event(response(user, poll(1), "1"));
        }
        say(ALICE, "!vote close 1");
        assertResult("yes: 3 (100%)");
        assertResult("Quorum 3: met.");
    }

    @Test
    void aPercentQuorumRoundsUp() {
        say(ALICE, "!vote \"Strike?\" --quorum 50%");
        event(response(ALICE, poll(1), "1"));
        event(response(BOB, poll(1), "1"));
        say(ALICE, "!vote \"Again?\" --quorum 50%");
        for (UserId user : List.of(ALICE, BOB, CARL)) {
            event(response(user, poll(2), "1"));
        }
        say(ALICE, "!vote close 1");
        say(ALICE, "!vote close 2");
        assertResult("Quorum 50% of 5 members = 3: NOT met.");
        assertEquals(1, containing("Quorum 50% of 5 members = 3: met.").size());
    }

    // ---- consensus

    @Test
    void aProposalPassesWithoutBlocksStandAsidesExcepted() {
        say(ALICE, "!propose \"We meet on Saturdays\"");
        assertEquals(List.of("agree", "stand aside"),
                polls.started().get(0).poll().answers().stream().map(a -> a.text()).toList());
        say(ALICE, "!agree 1");
        say(BOB, "!standaside 1");
        say(CARL, "!v 1 agree");
        event(reaction(DANA, poll(1), 2));
        say(ALICE, "!vote close 1");
        assertResult("Proposal #1 PASSED");
        assertResult("Agree: 2 · Stand aside: 2 · Block: 0");
    }

    @Test
    void aBlockStopsTheProposalAndNotifiesTheProposerAndTheOrganizers() {
        say(ALICE, "!propose \"We meet on Saturdays\" --close 1h");
        say(ALICE, "!agree 1");
        say(CARL, "!agree 1");
        assertTrue(say(BOB, "!block 1 <b>Saturday</b> is my shift").contains("the proposal is paused"));
        OutgoingMessage notice = containing("is paused").get(0);
        assertEquals(java.util.Set.of(ALICE, OLGA), notice.mentions(), "the proposer and the room's organizer");
        assertTrue(notice.html().contains("&lt;b&gt;Saturday&lt;/b&gt;"), notice.html());
        assertTrue(notice.body().contains("@bob:example.org blocks it"));
        advanceTo(START.plus(Duration.ofHours(1)));
        assertResult("Proposal #1 did NOT pass");
        assertResult("Agree: 2 · Stand aside: 0 · Block: 1");
        assertResult("Block by @bob:example.org: <b>Saturday</b> is my shift");
        assertResult("Why: blocked.");
        assertTrue(results().mentions().isEmpty());
        assertEquals(1, rows("vote_ballots WHERE reason IS NULL AND choice = 3"), "the block counts; its words are "
                + "in the room's results, no longer in the database");
        assertEquals(0, rows("vote_ballots WHERE reason IS NOT NULL"));
    }

    @Test
    void aBlockWithoutReasonIsRefused() {
        say(ALICE, "!propose \"We meet on Saturdays\"");
        assertTrue(say(BOB, "!block 1").contains("A block needs a reason"));
        assertTrue(say(BOB, "!v 1 block").contains("A block needs a reason"));
        assertEquals(0, rows("vote_ballots"));
        assertTrue(containing("is paused").isEmpty());
    }

    @Test
    void aBlockReasonHasALengthLimit() {
        say(ALICE, "!propose \"We meet on Saturdays\"");
        assertEquals("The reason has 301 characters; at most 300 fit.\nExample: `!block 1 it clashes with the union "
                + "meeting`", say(BOB, "!block 1 " + "r".repeat(301)));
        assertEquals(0, rows("vote_ballots"));
        assertTrue(containing("is paused").isEmpty());
        assertTrue(say(BOB, "!block 1 " + "r".repeat(300)).contains("the proposal is paused"));
    }

    // ---- closing

    @Test
    void theDeadlineClosesOnceEvenIfTheTriggerFiresTwice() {
        say(ALICE, LUNCH);
        event(response(BOB, poll(1), "1"));
        Instant deadline = START.plus(Duration.ofMinutes(10));
        advanceTo(deadline.minus(Duration.ofSeconds(61)));
        assertTrue(containing("closes in 1 minute").isEmpty());
        advanceTo(deadline);
        assertEquals(1, containing("Vote #1 closes in 1 minute").size());
        scheduler.fire(new JobKey("vote:1:close"), deadline);
        scheduler.fire(new JobKey("vote:1:reminder"), deadline.minus(Duration.ofMinutes(1)));
        flusher.flush();
        assertResult("pizza: 1 (100%)");
        assertFalse(results().body().contains("late"));
        assertEquals(1, containing("closes in 1 minute").size());
        assertEquals(1, polls.attempts().stream().filter(a -> a.startsWith("end ")).count());
        assertTrue(say(BOB, "!v 1 2").contains("Vote #1 is closed"));
    }

    @Test
    void aShortVoteGetsNoOneMinuteNotice() {
        say(ALICE, "!vote \"Now?\" --close 2m");
        advanceTo(START.plus(Duration.ofMinutes(2)));
        assertTrue(containing("closes in 1 minute").isEmpty());
        results();
    }

    @Test
    void anOpenVoteSurvivesARestartAndClosesOnTime() {
        say(ALICE, LUNCH);
        event(response(BOB, poll(1), "2"));
        restart();
        event(response(CARL, poll(1), "2"));
        advanceTo(START.plus(Duration.ofMinutes(10)));
        assertResult("pasta: 2 (100%)");
        assertFalse(results().body().contains("Closed late"));
        assertEquals(1, polls.ended().size());
    }

    @Test
    void aLateCloseIsStillACloseAndSaysSo() {
        say(ALICE, LUNCH);
        event(response(BOB, poll(1), "2"));
        scheduler.shutdown(); // the bot is down past the deadline
        clock.set(START.plus(Duration.ofMinutes(30)));
        // A response sent after the deadline, delivered when the bot is back, does not count.
        ChatEvent.PollResponse late = response(CARL, poll(1), "1");
        start();
        scheduler.rehydrate();
        jobs.runDue(clock.instant());
        flusher.flush();
        event(late);
        assertResult("pasta: 1 (100%)");
        assertResult("Closed late");
        assertResult("20 minutes late");
    }

    @Test
    void helpSaysWhoMayCloseAVote() {
        String help = say(BOB, "!help vote");
        assertTrue(help.contains("• `!vote <question> [option …] [--close 5m|at <time>] [--multi N] [--quorum N|N%] "
                + "[--secret]` (everyone)"), help);
        assertTrue(help.contains("• `!vote close <id>` — Closes a vote or proposal now and posts the results. "
                + "(whoever started it, and organizers)"), help);
    }

    @Test
    void onlyTheCreatorOrAnOrganizerClosesAVote() {
        say(ALICE, LUNCH);
        assertTrue(say(BOB, "!vote close 1").contains("Only @alice:example.org"));
        assertTrue(containing("Results").isEmpty());
        assertEquals(1, store.openIn(ROOM).size());
        assertTrue(say(OLGA, "!vote close 1").contains("Closed Vote #1"));
        results();
        advanceTo(START.plus(Duration.ofMinutes(30))); // the cancelled items' triggers fire and do nothing
        results();
        assertTrue(containing("closes in 1 minute").isEmpty());
    }

    @Test
    void voteListShowsTheOpenVotesOfTheRoom() {
        say(ALICE, LUNCH);
        say(BOB, "!propose \"Saturdays\"");
        say(ALICE, "!vote \"Closed one\"");
        say(ALICE, "!vote close 3");
        event(response(CARL, poll(1), "1"));
        String list = say(DANA, "!vote list");
        assertTrue(list.contains("#1 Lunch? — 1 so far, closes Mon 1 Jun 2026, 10:10 UTC"), list);
        assertTrue(list.contains("#2 Saturdays — 0 so far, no deadline (proposal)"), list);
        assertFalse(list.contains("Closed one"), list);
    }

    // ---- redactions, edits, undecryptable events

    @Test
    void aRedactedResponseOrReactionWithdrawsThatVote() {
        say(ALICE, LUNCH);
        ChatEvent.PollResponse bob = response(BOB, poll(1), "1");
        event(bob);
        ChatEvent.Reaction carl = reaction(CARL, poll(1), 2);
        event(carl);
        event(response(DANA, poll(1), "3"));
        event(new ChatEvent.Redaction(ROOM, newId(), BOB, clock.instant(), bob.id()));
        event(new ChatEvent.Redaction(ROOM, newId(), CARL, clock.instant(), carl.id()));
        say(ALICE, "!vote close 1");
        assertResult("pizza: 0 (0%)");
        assertResult("pasta: 0 (0%)");
        assertResult("salad: 1 (100%)");
    }

    @Test
    void anEditedCommandNeverCountsAgain() {
        say(ALICE, LUNCH);
        say(BOB, "!v 1 1");
        // The Bot's filter never runs an edit as a command (M5); the feature ignores messages as events too.
        event(new ChatEvent.Message(ROOM, newId(), BOB, clock.instant(), "m.text", "!v 1 2", null, new EventId("$cmd2"),
                false));
        event(new ChatEvent.Message(ROOM, newId(), CARL, clock.instant(), "m.text", "!v 1 2", null, null, false));
        say(ALICE, "!vote close 1");
        assertResult("pizza: 1 (100%)");
        assertResult("pasta: 0 (0%)");
    }

    @Test
    void undecryptableEventsWhileOpenAreCountedAndReported() {
        say(ALICE, LUNCH);
        ChatEvent.Undecryptable utd = new ChatEvent.Undecryptable(ROOM, newId(), CARL, clock.instant());
        event(utd);
        event(utd); // delivered again
        event(new ChatEvent.Undecryptable(ROOM, newId(), DANA, clock.instant()));
        event(new ChatEvent.Undecryptable(new RoomId("!other:example.org"), newId(), DANA, clock.instant()));
        advanceTo(START.plus(Duration.ofMinutes(9)));
        assertTrue(containing("closes in 1 minute").get(0).body().contains("2 messages in this room could not be read"));
        advanceTo(START.plus(Duration.ofMinutes(10)));
        assertResult("2 messages in this room could not be read while the vote was open (unable to decrypt)");
        assertResult("vote again");
        assertEquals(2, rows("vote_undecryptable"));
    }

    // ---- bad input stores nothing

    @ParameterizedTest
    @ValueSource(strings = {
            "!vote \"Too many\" a b c d e f g h i j k l m n o p q r s t u",
            "!vote \"Twice\" pizza Pizza",
            "!vote \"\" pizza pasta",
            "!vote --close 5m",
            "!vote \"Past\" --close at 2026-05-31 10:00",
            "!vote \"Zero\" --close 0m",
            "!vote \"Oops\" --close",
            "!propose \"Secretly\" --secret",
            "!vote \"One\" lonely",
            "!vote \"Multi\" a b --multi 3",
            "!vote \"Quorum\" --quorum lots",
            "!propose \"\"",
    })
    void badInputIsRefusedWithUsageAndStoresNothing(String command) {
        String reply = say(ALICE, command);
        assertFalse(reply.contains("is open"), reply);
        assertEquals(0, rows("vote_votes"), reply);
        assertTrue(polls.attempts().isEmpty());
        assertTrue(jobs.pending().isEmpty());
    }

    @Test
    void twentyOptionsAreFine() {
        StringBuilder command = new StringBuilder("!vote \"Twenty\"");
        for (char c = 'a'; c < 'a' + 20; c++) {
            command.append(' ').append(c);
        }
        assertTrue(say(ALICE, command.toString()).contains("Vote #1 is open"));
        assertEquals(20, polls.started().get(0).poll().answers().size());
    }

    @Test
    void questionsProposalsAndOptionsHaveLengthLimits() {
        String question = say(ALICE, "!vote \"" + "q".repeat(201) + "\"");
        assertTrue(question.startsWith("The question has 201 characters; at most 200 fit.\nUsage: "), question);
        assertTrue(question.contains("Example: `!vote \"Where do we meet?\""), question);
        String proposal = say(ALICE, "!propose \"" + "p".repeat(201) + "\"");
        assertTrue(proposal.startsWith("The proposal has 201 characters; at most 200 fit.\nUsage: "), proposal);
        String option = say(ALICE, "!vote \"Lunch?\" pizza " + "o".repeat(81));
        assertTrue(option.startsWith("The option `" + "o".repeat(20) + "…` has 81 characters; at most 80 fit.\n"),
                option);
        assertEquals(0, rows("vote_votes"));
        assertTrue(say(ALICE, "!vote \"" + "q".repeat(200) + "\" pizza " + "o".repeat(80)).contains("Vote #1 is open"));
    }

    @Test
    void usageComesWithAnExample() {
        String reply = say(ALICE, "!vote \"Twice\" pizza Pizza");
        assertTrue(reply.contains("is there twice"), reply);
        assertTrue(reply.contains("Example: `!vote \"Where do we meet?\""), reply);
    }

    @ParameterizedTest
    @ValueSource(strings = {"!v 99 1", "!v 1 mango", "!v 1 4", "!v x 1", "!v 1", "!agree 1", "!v 2 1"})
    void aBadBallotIsRefusedAndStoresNothing(String command) {
        say(ALICE, LUNCH);
        say(ALICE, "!vote \"Closed\"");
        say(ALICE, "!vote close 2");
        String reply = say(BOB, command);
        assertFalse(reply.contains("Counted"), reply);
        assertEquals(0, rows("vote_ballots"), reply);
    }

    @Test
    void aPollThatCannotBePostedYetStaysQueuedAndIsPostedOnceOnTheNextFlush() {
        polls.failNextStarts(1);
        say(ALICE, "!vote \"Lunch?\"");
        assertTrue(polls.started().isEmpty(), "the homeserver refused it this time");
        assertEquals(1, outbox.pending().size(), "the poll waits in the outbox with its transaction id");

        flusher.flush();
        assertEquals(1, polls.started().size());
        List<String> starts = polls.attempts().stream().filter(a -> a.startsWith("start")).toList();
        assertEquals(2, starts.size());
        assertEquals(starts.get(0), starts.get(1), "the retry used the same transaction id");
        event(response(BOB, poll(1), "1"));
        say(ALICE, "!vote close 1");
        assertResult("yes: 1 (100%)");
        assertEquals(1, polls.ended().size(), "the poll's event id was learnt from the send, so it is ended");
    }

    @Test
    void aCloseThatFailedEveryTimeTellsTheRoomHowToCloseByHand() {
        say(ALICE, "!vote \"Lunch?\" --close 10m");
        ScheduleItem close = new SqliteScheduleStore(db, Recurrences::parse, clock).find("vote:1:close").orElseThrow();
        db.run(() -> feature.dueHandler().onGaveUp(close, close.fireAt(), "SXYZ"));
        flusher.flush();
        String told = chat.messagesIn(ROOM).get(chat.messagesIn(ROOM).size() - 1).body();
        assertTrue(told.contains("could not close Vote #1") && told.contains("error id SXYZ")
                && told.contains("!vote close 1"), told);
    }

    @Test
    void aFailedPollEndIsRetriedLikeAnyMessage() {
        say(ALICE, "!vote \"Lunch?\"");
        polls.failNextEnds(1);
        say(ALICE, "!vote close 1");
        assertTrue(polls.ended().isEmpty());
        assertEquals(1, outbox.pending().size(), "the poll end waits in the outbox");
        flusher.flush();
        assertEquals(1, polls.ended().size());
        assertEquals(poll(1), polls.ended().get(0).poll());
    }

    @Test
    void aVoteClosedBeforeItsPollWasSentEndsThePollOnceItIsSent() {
        polls.failNextStarts(2);
        say(ALICE, "!vote \"Lunch?\"");
        say(ALICE, "!vote close 1");
        assertTrue(polls.ended().isEmpty(), "no end before the poll");
        flusher.flush(); // the poll goes out now; the feature learns its id and ends it in the same flush
        assertEquals(1, polls.started().size());
        assertEquals(List.of(poll(1)), polls.ended().stream().map(FakePolls.Ended::poll).toList());
    }

    @Test
    void aPollQuestionOrOptionCanNeverPingTheRoom() {
        say(ALICE, "!vote \"@room lunch?\" \"@Room pizza\" pasta");
        Polls.PollStart started = polls.started().get(0).poll();
        assertFalse(started.question().contains("@room"), started.question());
        assertFalse(started.answers().get(0).text().toLowerCase(java.util.Locale.ROOT).contains("@room"));
        assertFalse(started.fallback().toLowerCase(java.util.Locale.ROOT).contains("@room"));
    }

    // ---- secret votes

    private static final String SECRET = "!vote \"Lunch?\" pizza pasta salad --close 10m --secret";

    private String sayIn(RoomId room, UserId sender, String body) {
        Outcome outcome = db.inTransaction(() -> driver.say(room, sender, body));
        assertFalse(outcome.internalError(), outcome.reply().body());
        flusher.flush();
        return outcome.reply().body();
    }

    /** Asks for the ballot in the vote's room and returns the direct room it went to. */
    private RoomId ballotFor(UserId person, long vote) {
        assertEquals("I sent you a ballot in a private room.", say(person, "!ballot " + vote));
        return directRooms.roomOf(person);
    }

    private String salt(long vote) {
        return new Sql(db).one("SELECT salt FROM vote_secret_salts WHERE vote_id = ?", row -> row.getString(1), vote)
                .orElseThrow();
    }

    @Test
    void aSecretVoteAnnouncesNoPollAndSendsTheBallotToOneDirectRoom() {
        String announced = say(ALICE, SECRET);
        assertTrue(announced.contains("Secret vote #1: ask for your ballot with `!ballot 1`"), announced);
        assertTrue(announced.contains("1. pizza\n2. pasta\n3. salad"), announced);
        assertTrue(polls.attempts().isEmpty(), "a secret vote posts no poll");

        RoomId dm = ballotFor(BOB, 1);
        assertEquals(dm, ballotFor(BOB, 1)); // asked twice: the same room, created once
        assertEquals(List.of(BOB), directRooms.created());
        List<OutgoingMessage> ballots = chat.messagesIn(dm);
        assertEquals(2, ballots.size());
        String ballot = ballots.get(0).body();
        assertTrue(ballot.contains("Lunch?") && ballot.contains("1. pizza\n2. pasta\n3. salad"), ballot);
        assertTrue(ballot.contains("Answer with `!v 1 <option>` here"), ballot);
        assertTrue(chat.messagesIn(ROOM).isEmpty(), "nothing about the ballot in the vote's room");

        // No reactions-voting: a number reaction on the announcement or anywhere counts nothing.
        event(reaction(CARL, new EventId("$announcement"), 1));
        assertTrue(say(ALICE, "!ballot 1").contains("private room"));
        assertTrue(say(ALICE, "!vote list").contains("(secret: !ballot 1)"));
    }

    @Test
    void aSecretBallotCommandIsRedactedOnceHandledSoNoCopyOfTheChoiceStays() {
        say(ALICE, SECRET);
        RoomId dm = ballotFor(BOB, 1);
        sayIn(dm, BOB, "!v 1 2");
        List<FakeChat.Sent> redactions = chat.sent().stream()
                .filter(sent -> sent.kind() == FakeChat.Sent.Kind.REDACTION).toList();
        assertEquals(1, redactions.size(), "the voter's !v is redacted in the private room");
        assertEquals(dm, redactions.get(0).room());
        assertTrue(redactions.get(0).target().value().startsWith("$cmd"), "the command's own event");
        assertEquals(List.of(), outbox.pending(), "nothing about the ballot stays queued");
    }

    @Test
    void aSecretVoteCountsOnlyInTheDirectRoomNotInThePublicRoom() {
        say(ALICE, SECRET);
        RoomId dm = ballotFor(BOB, 1);
        assertEquals("Your ballot for secret vote #1 is counted. You can change it here until it closes; the last one "
                + "counts. Only totals are published.", sayIn(dm, BOB, "!v 1 2"));
        String refused = say(CARL, "!v 1 1");
        assertTrue(refused.contains("Not counted") && refused.contains("`!ballot 1`"), refused);
        // Bob's direct room is no place for Carl, and Carl's vote in the room does not count either way.
        RoomId other = new RoomId("!elsewhere:example.org");
        chat.member(other, BOT).member(other, CARL).member(other, DANA);
        assertTrue(sayIn(other, CARL, "!v 1 1").contains("no vote #1 in this room"));
        assertEquals(0, rows("vote_ballots"));
        assertEquals(1, rows("vote_secret_voters"));
        say(ALICE, "!vote close 1");
        assertResult("pizza: 0 (0%)");
        assertResult("pasta: 1 (100%)");
        assertResult("Turnout: 1 of 5 members (20%).");
    }

    @Test
    void aChangedSecretVoteCountsOnceTheLastWins() {
        say(ALICE, "!vote \"Days?\" monday tuesday wednesday --multi 2 --secret");
        RoomId bob = ballotFor(BOB, 1);
        RoomId carl = ballotFor(CARL, 1);
        sayIn(bob, BOB, "!v 1 1");
        sayIn(bob, BOB, "!v 1 tuesday, wednesday");
        sayIn(bob, BOB, "!v 1 3");
        sayIn(carl, CARL, "!v 1 1, 3");
        assertTrue(sayIn(carl, CARL, "!v 1 1 2 3").contains("allows 2 choices"));
        say(ALICE, "!vote close 1");
        assertResult("monday: 1 (50%)");
        assertResult("tuesday: 0 (0%)");
        assertResult("wednesday: 2 (100%)");
        assertResult("Turnout: 2 of 5 members (40%).");
    }

    @Test
    void aNonMemberCannotVoteInASecretVote() {
        say(ALICE, SECRET);
        assertFalse(say(STRANGER, "!ballot 1").contains("I sent you"));
        RoomId dm = directRooms.directRoomWith(STRANGER); // say they have a direct room with the bot anyway
        String refused = sayIn(dm, STRANGER, "!v 1 1");
        assertTrue(refused.contains("only joined members"), refused);
        // A member who leaves before voting can't vote either.
        RoomId dana = ballotFor(DANA, 1);
        chat.notMember(ROOM, DANA);
        assertTrue(sayIn(dana, DANA, "!v 1 1").contains("only joined members"));
        assertEquals(0, rows("vote_secret_voters"));
        say(ALICE, "!vote close 1");
        assertResult("pizza: 0 (0%)");
        assertResult("Turnout: 0 of 4 members (0%).");
    }

    @Test
    void afterCloseASecretVoteKeepsOnlyTotalsAndPublishesNoNames() {
        say(ALICE, "!vote \"Lunch?\" pizza pasta salad --close 10m --quorum 2 --secret");
        sayIn(ballotFor(BOB, 1), BOB, "!v 1 pizza");
        sayIn(ballotFor(CARL, 1), CARL, "!v 1 2");
        String salt = salt(1);
        String bobHash = SqliteVoteStore.voterHash(salt, BOB);
        String carlHash = SqliteVoteStore.voterHash(salt, CARL);
        List<String> before = StoredValues.of(db);
        assertTrue(before.contains("vote_secret_voters.voter_hash=" + bobHash), "the hash is what is stored");
        for (String value : before) {
            assertFalse(value.contains(BOB.value()) || value.contains(CARL.value()), value);
        }

        advanceTo(START.plus(Duration.ofMinutes(10)));
        assertResult("pizza: 1 (50%)");
        assertResult("pasta: 1 (50%)");
        assertResult("salad: 0 (0%)");
        assertResult("Turnout: 2 of 5 members (40%). Quorum 2: met.");
        assertResult("Secret vote: only totals are published.");
        String body = results().body();
        assertFalse(body.contains("bob") || body.contains("carl") || body.contains("Who chose what"), body);

        assertEquals(0, rows("vote_secret_salts"));
        assertEquals(0, rows("vote_secret_voters"));
        assertEquals(3, rows("vote_secret_totals")); // voters, pizza, pasta: an option nobody chose has no row
        for (String value : StoredValues.of(db)) {
            for (String secret : List.of(BOB.value(), CARL.value(), bobHash, carlHash, salt)) {
                assertFalse(value.contains(secret), () -> value + " still holds " + secret);
            }
        }
        assertTrue(sayIn(directRooms.roomOf(BOB), BOB, "!v 1 3").contains("is closed"));
    }

    @Test
    void anOpenSecretVoteSurvivesARestart() {
        say(ALICE, SECRET);
        sayIn(ballotFor(BOB, 1), BOB, "!v 1 2");
        restart();
        sayIn(ballotFor(CARL, 1), CARL, "!v 1 2");
        // The same voter after the restart: still one vote, kept as it was (the bot no longer knows it).
        assertTrue(sayIn(directRooms.roomOf(BOB), BOB, "!v 1 pasta").contains("can no longer be changed"));
        assertEquals(List.of(BOB, CARL), directRooms.created());
        advanceTo(START.plus(Duration.ofMinutes(10)));
        assertResult("pasta: 2 (100%)");
        assertResult("Turnout: 2 of 5 members (40%).");
        assertEquals(0, rows("vote_secret_salts"));
    }

    @Test
    void aBallotForAnOpenVoteIsRefusedClearlyAndOneWithoutARoomYetWaitsForIt() {
        say(ALICE, LUNCH);
        assertTrue(say(BOB, "!ballot 1").contains("is not secret"));
        say(ALICE, SECRET);
        directRooms.failNext(1);
        assertTrue(say(BOB, "!ballot 2").contains("I sent you a ballot"));
        assertTrue(directRooms.created().isEmpty(), "the room could not be opened this time");
        assertEquals(1, outbox.pending().size(), "the ballot waits in the outbox for the person");
        flusher.flush();
        assertEquals(List.of(BOB), directRooms.created(), "opened on the retry, outside any transaction");
        assertEquals(1, chat.messagesIn(directRooms.roomOf(BOB)).size());
        String refused = say(ALICE, "!propose \"We meet on Saturdays\" --secret");
        assertTrue(refused.startsWith("Unknown option `--secret`; there are --close and --quorum."), refused);
    }
}
