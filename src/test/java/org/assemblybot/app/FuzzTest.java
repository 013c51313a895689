package org.assemblybot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assemblybot.adapter.sqlite.Database;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.OutgoingMessage;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.feature.Feature;
import org.assemblybot.testkit.FakeChat;
import org.assemblybot.testkit.FakePolls;
import org.assemblybot.testkit.Fuzz;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Issue 12 (c): 10,000 generated commands and events through the parser, the router and every feature, on the
 * real {@link Bot} over a real database ({@link FeatureBot}). After each try: nothing failed (no handler's apology,
 * nothing logged as an error — the bot catches and logs what escapes a feature), and everything the bot sent is
 * short, its HTML well-formed and escaped, {@code @room} always defused, and its pings only people in that room,
 * never the bot, never everyone. Inputs come from {@link FuzzInputs} (the commands' own declarations plus junk)
 * with a fixed seed per property; {@code -Dfuzz.seed=N} explores others.
 */
class FuzzTest {
    /** The longest message the bot may send; a reply quoting a 20,000-character word must stay under it. */
    static final int MAX_MESSAGE = 4000;

    static final RoomId ROOM = new RoomId("!assembly:example.org");
    static final RoomId PARTNER = new RoomId("!partner:example.org");
    static final RoomId THIRD = new RoomId("!third:example.org");
    static final UserId ALICE = new UserId("@alice:example.org");
    static final UserId MOD = new UserId("@mod:example.org");
    static final UserId BOB = new UserId("@bob:example.org");
    static final UserId CARL = new UserId("@carl:example.org");
    static final UserId DANA = new UserId("@dana:example.org");
    static final UserId EVE = new UserId("@eve:example.org");
    static final List<UserId> PEOPLE = List.of(ALICE, MOD, BOB, CARL, DANA, EVE);
    static final List<String> REACTION_KEYS = List.of("✋", "✋️", "🙋", "👍", "👎", "✅", "❌", "➕", "+1", "", " ",
            "<b>", "@room");

    // On tmpfs where there is one: thousands of commits, each synced, would otherwise take minutes.
    @TempDir(cleanup = CleanupMode.ALWAYS)
    Path tmp;

    private Database db;
    private FeatureBot bot;
    private FuzzInputs inputs;
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Deque<EventId> recentIds = new ArrayDeque<>();
    private int sentSeen;
    private int pollsSeen;
    private int endsSeen;
    private boolean thirdJoined = true;
    private Path shmDir;

    @BeforeEach
    void start() throws IOException {
        Path shm = Path.of("/dev/shm");
        Path dir = Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "fuzz") : tmp;
        db = Database.open(dir.resolve("data"));
        bot = new FeatureBot(db, List.of(ROOM, PARTNER, THIRD));
        for (UserId person : List.of(ALICE, MOD, BOB, CARL, DANA)) {
            bot.chat.member(ROOM, person);
        }
        bot.chat.member(PARTNER, ALICE).member(PARTNER, EVE).member(THIRD, BOB)
                .encrypted(ROOM, true).encrypted(PARTNER, true)
                .powerLevel(ROOM, ALICE, FeatureBot.ORGANIZER_LEVEL).powerLevel(ROOM, MOD, 100)
                .powerLevel(PARTNER, ALICE, FeatureBot.ORGANIZER_LEVEL).powerLevel(THIRD, BOB, 100)
                .powerLevel(THIRD, ALICE, FeatureBot.ORGANIZER_LEVEL).member(THIRD, ALICE)
                .alias("#partner:example.org", PARTNER).alias("#partners:example.org", PARTNER);
        bot.pins.allow(ROOM);
        inputs = new FuzzInputs(bot.features.stream().flatMap(f -> f.commands().stream()).toList());
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        logged.start();
        root.addAppender(logged);
        shmDir = dir.equals(tmp) ? null : dir;
    }

    @AfterEach
    void stop() throws IOException {
        if (Boolean.getBoolean("fuzz.stats")) {
            var sql = new org.assemblybot.adapter.sqlite.Sql(db);
            StringBuilder out = new StringBuilder("fuzz stats: sent=" + bot.chat.sent().size() + " polls="
                    + bot.polls.started().size() + " files=" + bot.files.sent().size() + "/" + bot.files.forwarded().size());
            for (String table : sql.list("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name",
                    row -> row.getString(1))) {
                out.append(' ').append(table).append('=').append(sql.one("SELECT count(*) FROM \"" + table + "\"",
                        row -> row.getString(1)).orElse("?"));
            }
            java.util.Map<String, Long> firstWords = new java.util.TreeMap<>();
            for (FakeChat.Sent sent : bot.chat.sent()) {
                if (sent.message() != null) {
                    String body = sent.message().body();
                    firstWords.merge(body.substring(0, Math.min(25, body.length())).replace('\n', ' '), 1L, Long::sum);
                }
            }
            firstWords.entrySet().stream().sorted(java.util.Map.Entry.<String, Long>comparingByValue().reversed())
                    .limit(60).forEach(e -> out.append("\n  ").append(e.getValue()).append(" × ").append(e.getKey()));
            System.out.println(out);
        }
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).detachAppender(logged);
        db.close();
        if (shmDir != null) {
            try (var paths = Files.walk(shmDir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }

    @Test
    void everyFeatureWiredAsTheAppWiresIt() {
        assertEquals(List.of("basics", "sync", "vote", "assembly", "rotation", "mirror", "debrief"),
                bot.features.stream().map(Feature::id).toList());
    }

    @Test
    void theChecksCatchWhatTheyLookFor() {
        checkHtml("<strong>a &amp; b</strong><br><a href=\"https://matrix.to/#/@bob:example.org\">Bob</a> @\u2060room");
        checkText("a message", "@\u2060room");
        for (String bad : List.of("<script>x</script>", "a < b", "a & b", "<strong>open", "</em>", "<a href=\"x\">y</a>",
                "@room", "&lt;b&gt;@ROOM", "<em><strong>x</em></strong>")) {
            org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> checkHtml(bad), bad);
        }
        org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, () -> checkText("a message", "hi @Room"));
        org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class,
                () -> checkText("a message", "x".repeat(MAX_MESSAGE + 1)));
    }

    /** 5,000 commands: valid examples (to build up votes, actions, roles), mutated ones, declared ones, junk. */
    @Test
    void generatedCommandsNeverFailAndEveryReplyIsShortAndEscaped() {
        Fuzz.forAll("commands", 5_000, f -> typed(f, f.chance(0.1), pause(f)), Typed::toString, this::type);
    }

    /** 2,000 messages that are no commands, or that edit, are notices or emotes: nothing runs, nothing fails. */
    @Test
    void otherMessagesNeverFail() {
        Fuzz.forAll("messages", 2_000, f -> {
            String body = f.chance(0.5) ? inputs.chatter(f) : inputs.command(f);
            String msgtype = f.oneOf("m.text", "m.text", "m.notice", "m.emote", "m.bad");
            EventId replaces = f.chance(0.3) ? recent(f) : null;
            RoomId room = room(f);
            return new ChatEvent.Message(room, bot.newId(), sender(f, room), sentAt(f), msgtype, body,
                    f.chance(0.1) ? recent(f) : null, replaces, f.chance(0.5));
        }, FuzzTest::describe, event -> {
            deliver(event);
            checkTry();
        });
    }

    /** 3,000 reactions, redactions, memberships, poll responses, files and undecryptable events, among commands. */
    @Test
    void generatedEventsIntoEveryFeatureNeverFail() {
        Fuzz.forAll("events", 3_000, f -> {
            List<Object> steps = new ArrayList<>();
            if (f.chance(0.4)) {
                steps.add(typed(f, false, Duration.ZERO));
            }
            int events = f.between(1, 3);
            for (int i = 0; i < events; i++) {
                steps.add(event(f));
            }
            steps.add(pause(f));
            return steps;
        }, steps -> steps.stream().map(s -> s instanceof ChatEvent e ? describe(e) : s.toString()).toList().toString(),
                steps -> {
                    for (Object step : steps) {
                        if (step instanceof Typed typed) {
                            type(typed);
                        } else if (step instanceof ChatEvent event) {
                            deliver(event);
                            checkTry();
                        } else {
                            pass((Duration) step);
                        }
                    }
                });
    }

    // ---- one try

    record Typed(RoomId room, UserId sender, String body, boolean inThread, Duration pauseAfter) {
        @Override
        public String toString() {
            return sender.value() + " in " + room.value() + (inThread ? " (in a thread)" : "") + ": " + body;
        }
    }

    private Typed typed(Fuzz f, boolean inThread, Duration pauseAfter) {
        RoomId room = room(f);
        return new Typed(room, sender(f, room), inputs.command(f), inThread, pauseAfter);
    }

    private void type(Typed typed) {
        EventId thread = typed.inThread() && !recentIds.isEmpty() ? recentIds.peekLast() : null;
        EventId id = bot.sayInThread(typed.room(), typed.sender(), typed.body(), thread);
        remember(id);
        checkTry();
        pass(typed.pauseAfter());
    }

    private void deliver(ChatEvent event) {
        bot.deliver(event);
        remember(event.id());
        if (event instanceof ChatEvent.Membership m && m.target().equals(FeatureBot.BOT) && m.room().equals(THIRD)) {
            thirdJoined = "join".equals(m.membership())
                    || thirdJoined && !"leave".equals(m.membership()) && !"ban".equals(m.membership());
        }
    }

    /** Time passes: what is due fires (vote closes, countdown steps, reminders, handovers, mirror prompts). */
    private void pass(Duration pause) {
        if (!pause.isZero()) {
            bot.advanceTo(bot.clock.instant().plus(pause));
            checkTry();
        }
    }

    /** Nothing failed; everything sent since the last check is fine. */
    private void checkTry() {
        List<ILoggingEvent> errors = logged.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
                .toList();
        logged.list.clear();
        if (!errors.isEmpty()) {
            ILoggingEvent first = errors.get(0);
            throw new AssertionError("logged as an error: " + first.getFormattedMessage()
                    + (first.getThrowableProxy() == null ? "" : "\n" + ThrowableProxyUtil.asString(first.getThrowableProxy())));
        }
        List<FakeChat.Sent> sent = bot.chat.sent();
        for (FakeChat.Sent s : sent.subList(sentSeen, sent.size())) {
            if (s.message() != null) {
                checkMessage(s.room(), s.message());
            }
            if (s.eventId() != null && s.kind() == FakeChat.Sent.Kind.MESSAGE) {
                remember(s.eventId());
            }
        }
        sentSeen = sent.size();
        List<FakePolls.Started> polls = bot.polls.started();
        for (FakePolls.Started poll : polls.subList(pollsSeen, polls.size())) {
            checkText("a poll's fallback", poll.poll().fallback());
            remember(poll.eventId());
        }
        pollsSeen = polls.size();
        List<FakePolls.Ended> ends = bot.polls.ended();
        for (FakePolls.Ended end : ends.subList(endsSeen, ends.size())) {
            checkText("a poll's results", end.results());
        }
        endsSeen = ends.size();
    }

    private void checkMessage(RoomId room, OutgoingMessage message) {
        checkText("a message", message.body());
        assertFalse(message.body().contains("something went wrong"), () -> "a handler failed: " + message.body());
        if (message.html() != null) {
            checkHtml(message.html());
        }
        Set<UserId> members = bot.chat.joinedMembers(room);
        for (UserId pinged : message.mentions()) {
            assertFalse(pinged.equals(FeatureBot.BOT), "the bot pings itself");
            assertTrue(members.contains(pinged), () -> "pings " + pinged + ", who is not in " + room + ": "
                    + message.body());
        }
        long others = members.stream().filter(m -> !m.equals(FeatureBot.BOT)).count();
        assertTrue(others < 3 || message.mentions().size() < others,
                () -> "pings everyone in " + room + ": " + message.body());
    }

    /** Short, and {@code @room} never live (always broken by a word joiner). */
    static void checkText(String what, String text) {
        int length = text.codePointCount(0, text.length());
        assertTrue(length <= MAX_MESSAGE, () -> what + " has " + length + " characters: "
                + text.substring(0, Math.min(200, text.length())) + "…");
        assertFalse(ROOM_PING.matcher(text).find(), () -> what + " pings @room: " + text);
    }

    private static final Pattern ROOM_PING = Pattern.compile("@room", Pattern.CASE_INSENSITIVE);
    private static final Pattern TAG = Pattern.compile(
            "<(/?)(strong|em|code|br|a)( href=\"https://matrix\\.to/#/[^\"<>]*\")?>");
    private static final Pattern ENTITY = Pattern.compile("&(amp|lt|gt|quot|#39);");

    /**
     * Only the tags {@code RichText} writes, balanced, links only as pills to matrix.to; between them no raw
     * {@code <}, {@code >} or bare {@code &}; the text, unescaped, never pings {@code @room}.
     */
    static void checkHtml(String html) {
        Deque<String> open = new ArrayDeque<>();
        StringBuilder text = new StringBuilder();
        Matcher tag = TAG.matcher(html);
        int at = 0;
        while (tag.find()) {
            text.append(html, at, tag.start());
            at = tag.end();
            String name = tag.group(2);
            boolean closing = !tag.group(1).isEmpty();
            boolean link = tag.group(3) != null;
            assertEquals(name.equals("a") && !closing, link, () -> "a link must be a pill, nothing else: " + html);
            if (name.equals("br")) {
                assertFalse(closing, html);
            } else if (closing) {
                assertEquals(name, open.pollLast(), () -> "unbalanced </" + name + "> in " + html);
            } else {
                open.addLast(name);
            }
        }
        text.append(html.substring(at));
        assertTrue(open.isEmpty(), () -> "unclosed " + open + " in " + html);
        String between = text.toString();
        assertFalse(between.contains("<") || between.contains(">"), () -> "raw < or > in " + html);
        String unescaped = ENTITY.matcher(between).replaceAll("");
        assertFalse(unescaped.contains("&"), () -> "bare & in " + html);
        String shown = between.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&#39;", "'").replace("&amp;", "&");
        assertFalse(ROOM_PING.matcher(shown).find(), () -> "the HTML pings @room: " + html);
    }

    // ---- drawing inputs

    private RoomId room(Fuzz f) {
        int kind = f.between(0, 9);
        if (kind < 6) {
            return ROOM;
        }
        if (kind < 8) {
            return f.oneOf(PARTNER, THIRD);
        }
        return bot.directRooms.directRoomWith(f.oneOf(PEOPLE));
    }

    /** Mostly someone in the room; now and then someone who just joined it (who may be a stranger). */
    private UserId sender(Fuzz f, RoomId room) {
        List<UserId> members = bot.chat.joinedMembers(room).stream().filter(m -> !m.equals(FeatureBot.BOT)).sorted(
                java.util.Comparator.comparing(UserId::value)).toList();
        boolean direct = room.value().startsWith("!dm-");
        if (direct && !members.isEmpty() && f.chance(0.95)) {
            return members.get(0); // the person the bot shares this direct room with
        }
        if (!direct && f.chance(0.45)) {
            bot.chat.member(room, ALICE);
            return ALICE; // an organizer of the group rooms: most commands that change something are for organizers
        }
        if (!members.isEmpty() && f.chance(0.9)) {
            return f.oneOf(members);
        }
        UserId joining = f.chance(0.7) ? f.oneOf(PEOPLE) : new UserId("@" + f.word("abcxyz", 4) + ":elsewhere.org");
        bot.chat.member(room, joining);
        return joining;
    }

    private Instant sentAt(Fuzz f) {
        Instant now = bot.clock.instant();
        return switch (f.between(0, 19)) {
            case 0 -> now.minus(Duration.ofHours(1)); // too old: only features' events may still count
            case 1 -> now.plus(Duration.ofMinutes(10)); // from the future
            default -> now.minusMillis(f.between(0, 10_000));
        };
    }

    private static Duration pause(Fuzz f) {
        int kind = f.between(0, 99);
        if (kind < 70) {
            return Duration.ofSeconds(f.between(0, 20));
        }
        if (kind < 92) {
            return Duration.ofMinutes(f.between(1, 30));
        }
        if (kind < 99) {
            return Duration.ofHours(f.between(1, 12));
        }
        return Duration.ofDays(f.between(1, 3));
    }

    private void remember(EventId id) {
        recentIds.addLast(id);
        if (recentIds.size() > 60) {
            recentIds.removeFirst();
        }
    }

    /** One of the last events (the bot's messages and polls, people's commands), or an id nobody sent. */
    private EventId recent(Fuzz f) {
        if (recentIds.isEmpty() || f.chance(0.15)) {
            return new EventId(f.oneOf("$nope", "$", "$" + f.word("abc", 3), "$fake1", "$poll1"));
        }
        List<EventId> ids = List.copyOf(recentIds);
        return ids.get(f.between(Math.max(0, ids.size() - 20), ids.size() - 1));
    }

    private ChatEvent event(Fuzz f) {
        RoomId room = room(f);
        UserId sender = sender(f, room);
        EventId id = bot.newId();
        Instant at = sentAt(f);
        return switch (f.between(0, 11)) {
            case 0, 1, 2 -> new ChatEvent.Reaction(room, id, sender, at, recent(f),
                    f.chance(0.8) ? f.oneOf(REACTION_KEYS) : inputs.junkWord(f));
            case 3, 4 -> new ChatEvent.Redaction(room, id, f.chance(0.2) ? FeatureBot.BOT : sender, at, recent(f));
            case 5, 6 -> pollResponse(f, room, id, sender, at);
            case 7 -> membership(f, room, id, sender, at);
            case 8, 9 -> {
                boolean direct = f.chance(0.7);
                RoomId where = direct ? bot.directRooms.directRoomWith(sender) : room;
                yield new ChatEvent.File(where, id, sender, at,
                        f.oneOf("m.file", "m.audio", "m.image", "m.video"), inputs.junkWord(f),
                        f.oneOf("audio/ogg", "application/pdf", "text/html", null, inputs.junkWord(f)),
                        f.oneOf(4096L, 0L, -1L, null, Long.MAX_VALUE),
                        f.oneOf("{\"url\":\"mxc://example.org/f" + f.between(0, 99) + "\",\"key\":\"k\"}",
                                "mxc://example.org/plain", "", inputs.junkWord(f)),
                        f.chance(0.2) ? recent(f) : null, f.chance(0.7));
            }
            case 10 -> new ChatEvent.Undecryptable(room, id, sender, at);
            default -> new ChatEvent.Reaction(room, id, sender, at, recent(f), "✋");
        };
    }

    private ChatEvent pollResponse(Fuzz f, RoomId room, EventId id, UserId sender, Instant at) {
        List<FakePolls.Started> polls = bot.polls.started();
        if (polls.isEmpty() || f.chance(0.2)) {
            return new ChatEvent.PollResponse(room, id, sender, at, recent(f), List.of(inputs.junkWord(f)));
        }
        FakePolls.Started poll = polls.get(f.between(Math.max(0, polls.size() - 5), polls.size() - 1));
        List<String> answers = new ArrayList<>();
        int count = f.between(0, 3);
        for (int i = 0; i < count; i++) {
            answers.add(f.chance(0.85) ? f.oneOf(poll.poll().answers()).id() : inputs.junkWord(f));
        }
        return new ChatEvent.PollResponse(f.chance(0.8) ? poll.room() : room, id, sender, at, poll.eventId(), answers);
    }

    private ChatEvent membership(Fuzz f, RoomId room, EventId id, UserId sender, Instant at) {
        if (f.chance(0.15)) {
            // The bot leaves or is removed from the third room, and is invited back: what it kept there goes.
            String change = thirdJoined ? f.oneOf("leave", "ban") : "join";
            return new ChatEvent.Membership(THIRD, id, MOD, bot.clock.instant(), FeatureBot.BOT, change);
        }
        UserId target = f.chance(0.9) ? f.oneOf(PEOPLE) : sender;
        return new ChatEvent.Membership(room, id, sender, at, target,
                f.oneOf("join", "leave", "ban", "invite", "knock", inputs.junkWord(f)));
    }

    private static String describe(ChatEvent event) {
        if (event instanceof ChatEvent.Message m) {
            return m + " body=" + m.body() + " thread=" + m.threadRoot() + " replaces=" + m.replaces();
        }
        if (event instanceof ChatEvent.File file) {
            return file + " name=" + file.fileName() + " media=" + file.media();
        }
        return event.toString();
    }
}
