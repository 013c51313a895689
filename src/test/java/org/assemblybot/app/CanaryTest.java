package org.assemblybot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.assemblybot.adapter.sqlite.Database;
import org.assemblybot.adapter.sqlite.SqliteRoomSettings;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.testkit.FakeChat;
import org.assemblybot.testkit.LogCapture;
import org.assemblybot.testkit.StoredValues;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 12 (d), the unit-level part: canary phrases in every feature's inputs — commands, their bad variants and
 * the events the features read — on the real {@link Bot} with every feature over a real database, with everything
 * logged captured at the most verbose level. Once a feature is done with an input (the reply sent, a vote closed,
 * an action over, a mirror card posted, the outbox drained), its canary is in no log line and in no table except
 * the columns in {@link #ON_PURPOSE}; inputs that must never be kept are also looked for, as bytes, in every file of
 * the data dir (the SQLite file and its WAL) after a checkpoint.
 */
// "try": some resources are held only for their effect (the database is held for its files), never referenced.
@SuppressWarnings("try")
class CanaryTest {
    /**
     * Where a canary may stay, and why: what organizers announce to the room and what the record of the room shows
     * later, which the features must keep to show it (a vote's results name its question and options, an action's
     * rooms see its title until it is over and the debrief offers to talk about it, roles are listed and handed over
     * by name, the mirror's history lists struggles, a debrief is listed by its title).
     */
    static final Map<String, String> ON_PURPOSE = Map.ofEntries(
            Map.entry("vote_votes.question", "a vote's question: announced, and its results are shown with it"),
            Map.entry("vote_votes.options", "a vote's options: announced with it, and the tally counts them"),
            Map.entry("vote_ballots.reason", "a block's reason: the proposal's result has to state it (V4)"),
            Map.entry("sync_actions.title", "an action's title: announced to every room it spans"),
            Map.entry("rotation_roles.name", "a role's name: the room's roles are listed and handed over by it"),
            Map.entry("rotation_roles.name_key", "the same name in lower case, to find the role by it"),
            Map.entry("rotation_roles.checklist", "a role's checklist: handed to each new holder"),
            Map.entry("rotation_away.reason", "an away period's reason, in the person's words, at most 80 (V11)"),
            Map.entry("rotation_terms.reason", "a decline's reason, told to the organizers (V11)"),
            Map.entry("rotation_history.reason", "an organizer override's reason: !role history shows it (V11)"),
            Map.entry("mirror_spotlights.struggle", "the struggle a spotlight was about: the mirror's history shows it"),
            Map.entry("debriefs.title", "a debrief's title: listed with the room's debriefs"));

    static final RoomId ROOM = new RoomId("!assembly:example.org");
    static final RoomId PARTNER = new RoomId("!partner:example.org");
    static final UserId ALICE = new UserId("@alice:example.org");
    static final UserId BOB = new UserId("@bob:example.org");
    static final UserId CARL = new UserId("@carl:example.org");

    @TempDir
    Path tmp;

    @RegisterExtension
    final LogCapture logs = LogCapture.everything();

    private Database db;
    private FeatureBot bot;
    private final List<String> neverStored = new ArrayList<>();

    @BeforeEach
    void start() {
        db = Database.open(dataDir());
        bot = new FeatureBot(db, List.of(ROOM, PARTNER));
        for (UserId person : List.of(ALICE, BOB, CARL)) {
            bot.chat.member(ROOM, person);
        }
        bot.chat.member(PARTNER, ALICE).encrypted(ROOM, true).encrypted(PARTNER, true)
                .powerLevel(ROOM, ALICE, FeatureBot.ORGANIZER_LEVEL).powerLevel(PARTNER, ALICE, FeatureBot.ORGANIZER_LEVEL)
                .alias("#partner:example.org", PARTNER);
        new SqliteRoomSettings(db).setZone(ROOM, ZoneId.of("Europe/Berlin"));
    }

    @AfterEach
    void stop() {
        db.close();
    }

    private Path dataDir() {
        return tmp.resolve("data");
    }

    // ---- the features

    @Test
    void basicsKeepNothingTheyWereTold() throws IOException {
        say(ALICE, "!ping canary-ping-words");
        say(ALICE, "!tz canary-zone/Nowhere");
        say(BOB, "!canarycommand with words");
        say(BOB, "!help canary-help-topic");
        say(BOB, "hello canary-chatter, how are you?");
        assertTrue(logs.lines().stream().anyMatch(line -> line.contains("ran and committed")),
                "the capture sees the most verbose lines");
        for (String canary : List.of("canary-ping-words", "canary-zone", "canarycommand", "canary-help-topic",
                "canary-chatter")) {
            assertDoneWith(canary);
            neverStored.add(canary);
        }
        assertNeverOnDisk();
    }

    @Test
    void votesKeepTheirQuestionAndOptionsOnlyAndNoBallot() throws IOException {
        say(ALICE, "!vote \"canary-question?\" canary-option-one canary-option-two --close 10m");
        say(ALICE, "!vote \"Other?\" yes canary-bad-option --close canary-bad-close");
        say(BOB, "!v 1 canary-bad-choice");
        say(BOB, "!v 1 1");
        EventId poll = bot.polls.started().get(0).eventId();
        bot.deliver(new ChatEvent.PollResponse(ROOM, bot.newId(), CARL, bot.clock.instant(), poll,
                List.of("canary-answer-id")));
        bot.deliver(new ChatEvent.Reaction(ROOM, bot.newId(), CARL, bot.clock.instant(), poll, "canary-reaction-key"));
        say(ALICE, "!propose \"canary-proposal\" --close 10m");
        say(CARL, "!block 2 canary-block-reason");
        // A secret vote: the ballot and who cast it must never be kept (only salted hashes while it is open).
        UserId voter = new UserId("@canary-secret-voter:example.org");
        bot.chat.member(ROOM, voter);
        say(ALICE, "!vote \"Secret?\" yes no --secret --close 10m");
        String secret = lastVoteNumber();
        say(voter, "!ballot " + secret);
        sayIn(bot.directRooms.directRoomWith(voter), voter, "!v " + secret + " 2");
        bot.advanceTo(bot.clock.instant().plus(Duration.ofMinutes(11)));

        for (String canary : List.of("canary-question", "canary-option-one", "canary-option-two", "canary-proposal",
                "canary-bad-option", "canary-bad-close", "canary-bad-choice", "canary-answer-id",
                "canary-reaction-key", "canary-block-reason", voter.value())) {
            assertDoneWith(canary);
        }
        neverStored.addAll(List.of("canary-bad-option", "canary-bad-close", "canary-bad-choice", "canary-answer-id",
                "canary-reaction-key", voter.value()));
        assertNeverOnDisk();
    }

    @Test
    void actionsKeepTheirTitleUntilOverAndNoReason() throws IOException {
        say(ALICE, "!sync plan \"canary-action-title\" in 10m #partner:example.org --duration 60s");
        say(ALICE, "!sync plan \"Other\" canary-bad-time");
        sayIn(PARTNER, ALICE, "!sync decline 1 canary-decline-reason");
        say(ALICE, "!sync plan \"Third\" in 20m");
        say(ALICE, "!sync cancel 2 canary-cancel-reason");
        say(ALICE, "!sync move 1 canary-move-time");
        bot.advanceTo(bot.clock.instant().plus(Duration.ofMinutes(30)));
        for (String canary : List.of("canary-action-title", "canary-bad-time", "canary-decline-reason",
                "canary-cancel-reason", "canary-move-time")) {
            assertDoneWith(canary);
        }
        neverStored.addAll(List.of("canary-bad-time", "canary-decline-reason", "canary-cancel-reason",
                "canary-move-time"));
        assertNeverOnDisk();
    }

    @Test
    void assembliesAndRolesKeepOnlyWhatIsShownLater() throws IOException {
        say(ALICE, "!assembly every friday 19:00");
        say(ALICE, "!assembly add canary-assembly-time");
        say(ALICE, "!assembly skip canary-skip-date");
        say(ALICE, "!role add canary-role-name --term 1w --checklist \"canary-checklist\"");
        say(ALICE, "!role add Other --term canary-bad-term");
        say(BOB, "!role volunteer canary-role-name");
        say(CARL, "!role volunteer canary-role-name");
        say(CARL, "!role away 12 Jan canary-away-reason");
        say(BOB, "!role decline canary-role-name canary-decline-words");
        say(ALICE, "!role skip canary-role-name canary-skip-reason");
        say(BOB, "!role history canary-unknown-role");
        bot.advanceTo(bot.clock.instant().plus(Duration.ofDays(9)));
        for (String canary : List.of("canary-assembly-time", "canary-skip-date", "canary-role-name", "canary-checklist",
                "canary-bad-term", "canary-away-reason", "canary-decline-words", "canary-skip-reason",
                "canary-unknown-role")) {
            assertDoneWith(canary);
        }
        neverStored.addAll(List.of("canary-assembly-time", "canary-skip-date", "canary-bad-term", "canary-unknown-role"));
        assertNeverOnDisk();
    }

    @Test
    void theMirrorKeepsTheStruggleOnlyOnceTheCardIsOut() throws IOException {
        say(ALICE, "!assembly every friday 19:00");
        say(ALICE, "!mirror on");
        say(ALICE, "!mirror set Chile | canary-struggle | https://example.org/canary-link | canary-echo-question?");
        RoomId direct = bot.directRooms.directRoomWith(ALICE);
        bot.deliver(new ChatEvent.File(direct, bot.newId(), ALICE, bot.clock.instant(), "m.audio", "canary-voice.ogg",
                "audio/ogg", 4096L, "{\"url\":\"mxc://example.org/canary-media\",\"key\":\"canary-key\"}", null,
                true));
        say(ALICE, "!mirror set canary-country | x | y | z");
        bot.advanceTo(bot.clock.instant().plus(Duration.ofDays(8)));
        assertTrue(bot.chat.sent().stream().anyMatch(s -> s.message() != null
                && s.message().body().contains("canary-echo-question")), "the card is out");
        for (String canary : List.of("canary-struggle", "canary-link", "canary-echo-question", "canary-voice",
                "canary-media", "canary-key", "canary-country")) {
            assertDoneWith(canary);
        }
        neverStored.addAll(List.of("canary-link", "canary-echo-question", "canary-voice", "canary-media", "canary-key",
                "canary-country"));
        assertNeverOnDisk();
    }

    @Test
    void debriefsKeepTheirTitleOnly() throws IOException {
        say(ALICE, "!debrief start \"canary-debrief-title\" tomorrow 19:00");
        say(ALICE, "!debrief start \"Other\" canary-debrief-time");
        say(ALICE, "!debrief care canary-care-time");
        say(BOB, "!forget canary-forget-word");
        RoomId direct = bot.directRooms.directRoomWith(BOB);
        bot.deliver(new ChatEvent.File(direct, bot.newId(), BOB, bot.clock.instant(), "m.file", "canary-file.pdf",
                "application/pdf", 100L, "mxc://example.org/canary-plain-media", null, true));
        bot.advanceTo(bot.clock.instant().plus(Duration.ofDays(2)));
        // After the card: answers in a question's thread and privately (the debrief keeps none of their words).
        EventId question = bot.messagesContaining(ROOM, "What did you witness?").get(0).eventId();
        bot.sayInThread(ROOM, CARL, "canary-thread-answer", question);
        sayIn(direct, BOB, "!witness canary-witness-words");
        sayIn(direct, BOB, "!build canary-build-words");
        for (String canary : List.of("canary-debrief-title", "canary-debrief-time", "canary-care-time",
                "canary-forget-word", "canary-file", "canary-plain-media", "canary-thread-answer",
                "canary-witness-words", "canary-build-words")) {
            assertDoneWith(canary);
        }
        neverStored.addAll(List.of("canary-debrief-time", "canary-care-time", "canary-forget-word", "canary-file",
                "canary-plain-media", "canary-thread-answer", "canary-witness-words", "canary-build-words"));
        assertNeverOnDisk();
    }

    // ---- checks

    private void say(UserId who, String body) {
        sayIn(ROOM, who, body);
    }

    private void sayIn(RoomId room, UserId who, String body) {
        bot.sayInThread(room, who, body, null);
        assertEquals(List.of(), bot.outbox.pending(), "the outbox is drained");
    }

    private String lastVoteNumber() {
        List<FakeChat.Sent> sent = bot.chat.sent();
        String body = sent.get(sent.size() - 1).message().body();
        java.util.regex.Matcher number = java.util.regex.Pattern.compile("#(\\d+)").matcher(body);
        assertTrue(number.find(), body);
        return number.group(1);
    }

    /** No log line holds {@code canary}, and no stored value outside {@link #ON_PURPOSE}. */
    private void assertDoneWith(String canary) {
        List<String> logged = logs.lines().stream().filter(line -> line.contains(canary)).toList();
        assertEquals(List.of(), logged, canary + " was logged");
        List<String> kept = StoredValues.containing(db, canary).stream()
                .filter(value -> !ON_PURPOSE.containsKey(value.substring(0, value.indexOf('='))))
                .toList();
        assertEquals(List.of(), kept, canary + " was kept");
    }

    /** None of {@link #neverStored} is in any file of the data dir, as bytes, once the WAL is checkpointed. */
    private void assertNeverOnDisk() throws IOException {
        db.checkpoint();
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(dataDir())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                String bytes = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                for (String canary : neverStored) {
                    if (bytes.contains(new String(canary.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1))) {
                        found.add(canary + " in " + file.getFileName());
                    }
                }
            }
        }
        assertEquals(List.of(), found);
    }
}
