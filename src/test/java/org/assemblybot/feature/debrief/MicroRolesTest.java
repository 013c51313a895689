package org.assemblybot.feature.debrief;

import static org.assemblybot.feature.debrief.DebriefScene.ALI;
import static org.assemblybot.feature.debrief.DebriefScene.DANA;
import static org.assemblybot.feature.debrief.DebriefScene.EVE;
import static org.assemblybot.feature.debrief.DebriefScene.KIM;
import static org.assemblybot.feature.debrief.DebriefScene.OLGA;
import static org.assemblybot.feature.debrief.DebriefScene.ROOM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assemblybot.adapter.sqlite.Sql;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.testkit.FakeChat;
import org.assemblybot.testkit.TestDb;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Three weeks of micro-roles after a debrief, on the production parts with the manual clock: roles offered (the
 * board posted once and edited in place), signups, a full role's waiting list, a drop that promotes the next waiting,
 * reminders halfway and the day before (one skipped while the bot was down is not sent late), a renewal, releases
 * with thanks, the summary with its numbers, restarts that lose and repeat nothing, and retention.
 */
class MicroRolesTest {
    /** Monday 1 June 2026, noon in Berlin. */
    static final Instant START = Instant.parse("2026-06-01T10:00:00Z");
    /** The debrief: Tuesday 2 June 2026, 19:00 in Berlin. */
    static final Instant D = Instant.parse("2026-06-02T17:00:00Z");
    static final String BOARD = "Micro-roles from debrief #1";

    @RegisterExtension
    final TestDb testDb = new TestDb();

    private DebriefScene scene;

    @BeforeEach
    void setUp() {
        scene = new DebriefScene(testDb.db(), START);
    }

    private void at(Duration afterDebrief) {
        scene.advanceTo(D.plus(afterDebrief));
    }

    private static Duration days(double days) {
        return Duration.ofMinutes(Math.round(days * 24 * 60));
    }

    private static final Duration T1 = Duration.ofMinutes(15);

    @Test
    void threeWeeksOfMicroRoles() {
        assertTrue(scene.say(OLGA, "!debrief start \"Blockade at the port\" tomorrow 19:00").contains("#1"));
        at(Duration.ZERO);
        at(Duration.ofMinutes(5));
        String added = scene.say(OLGA, "!debrief roles add \"medic team\" 2");
        assertTrue(added.startsWith("🙌 Micro-role medic team offered at debrief #1 Blockade at the port: 2 slots, "
                + "terms of 14 days."), added);
        assertTrue(scene.say(OLGA, "!debrief roles add comms 1 --days 7").contains("terms of 7 days"));
        FakeChat.Sent board = onlyBoardPost();
        assertTrue(board.message().body().contains("medic team 0/2 (2 free, terms of 14 days)"),
                board.message().body());
        assertTrue(board().contains("comms 0/1 (1 free, terms of 7 days)"), board());

        // Signups: two hold the medic team, two more wait; Eve takes comms meanwhile.
        at(T1);
        assertTrue(scene.say(DANA, "!signup medic team").startsWith("🙌 You hold medic team until Tue 16 Jun 19:15"));
        assertTrue(scene.say(ALI, "!signup Medic").startsWith("🙌 You hold medic team"), "one word finds the role");
        assertTrue(scene.say(KIM, "!signup medic team").startsWith("⏳ medic team is full (2/2): you are number 1"));
        assertTrue(scene.say(EVE, "!signup medic team").contains("you are number 2"));
        assertTrue(scene.say(EVE, "!signup comms").startsWith("🙌 You hold comms until Tue 9 Jun 19:15"));
        assertTrue(board().contains("medic team 2/2 (full, terms of 14 days): @dana:example.org until Tue 16 Jun "
                + "19:15, @ali:example.org until Tue 16 Jun 19:15 · waiting: @kim:example.org, @eve:example.org"),
                board());
        assertTrue(board().contains("comms 1/1 (full, terms of 7 days): @eve:example.org until Tue 9 Jun 19:15"));
        assertEquals(board.eventId(), onlyBoardPost().eventId(), "edited in place, never posted again");
        assertTrue(edits(board).size() >= 2, "each change is an edit of the board");
        assertTrue(board.message().mentions().isEmpty() && edits(board).stream()
                .allMatch(e -> e.message().mentions().isEmpty()), "the board pings nobody");

        // Ali drops out a day later: Kim, first on the waiting list, holds it now and is told by direct message.
        at(days(1));
        assertTrue(scene.say(ALI, "!signup drop medic team").startsWith("👋 You no longer hold medic team"));
        String promoted = scene.told(KIM, "freed up").get(0);
        assertTrue(promoted.contains("you hold it now, until Wed 17 Jun 19:00"), promoted);
        assertTrue(board().contains("@dana:example.org until Tue 16 Jun 19:15, @kim:example.org until Wed 17 Jun "
                + "19:00 · waiting: @eve:example.org"), board());

        // A restart in the middle: nothing is lost, nothing repeated.
        at(days(3));
        scene.restart();

        // Comms (7 days): halfway after 3.5 days, the day before after 6; Eve renews once, not twice.
        at(T1.plus(days(3.5)).minusSeconds(1));
        assertTrue(scene.told(EVE, "halfway through your term as comms").isEmpty());
        at(T1.plus(days(3.5)));
        assertEquals(1, scene.told(EVE, "halfway through your term as comms").size());
        at(T1.plus(days(6)));
        assertEquals(1, scene.told(EVE, "your term as comms ends tomorrow").size());
        assertTrue(scene.say(EVE, "!signup renew comms").startsWith("🙌 Another term of comms: you hold it until "
                + "Tue 16 Jun 19:15"));
        assertTrue(scene.say(EVE, "!signup renew comms").startsWith("You renewed already"));
        String refused = scene.say(DANA, "!signup renew medic team");
        assertTrue(refused.startsWith("1 person waits for “medic team”"), refused);
        assertTrue(scene.say(EVE, "!signup drop medic team").startsWith("👋 You left the waiting list of medic team"));
        assertFalse(board().contains("waiting"), board());

        // Dana's halfway reminder after 7 days; then the bot is down across Kim's (day 8): it is not sent late.
        at(T1.plus(days(7)));
        String halfway = scene.told(DANA, "halfway through your term as medic team").get(0);
        assertTrue(halfway.contains("it ends Tue 16 Jun 19:15"), halfway);
        at(days(8).minus(Duration.ofHours(1)));
        scene.clock.set(D.plus(days(8)).plus(Duration.ofHours(3)));
        scene.restart();
        at(days(8).plus(Duration.ofHours(3)));
        assertTrue(scene.told(KIM, "halfway through").isEmpty(), "a reminder is not sent late");

        // Day 13: the day before for Dana and for Eve's second comms term.
        at(T1.plus(days(13)));
        assertEquals(1, scene.told(DANA, "your term as medic team ends tomorrow").size());
        assertEquals(2, scene.told(EVE, "your term as comms ends tomorrow").size());
        assertEquals(2, scene.told(EVE, "halfway through your term as comms").size());

        // Day 14: Dana and Eve released with thanks; Kim still holds; no summary yet.
        at(T1.plus(days(14)));
        assertEquals(1, scene.told(DANA, "Thank you, @dana:example.org! Your term as medic team is over").size());
        assertEquals(1, scene.told(EVE, "Your term as comms is over").size());
        assertTrue(board().contains("medic team 1/2 (1 free, terms of 14 days): @kim:example.org until"), board());
        assertTrue(board().contains("comms 0/1 (1 free"), board());
        assertEquals(0, scene.postsIn(ROOM, "are over."));

        // Day 15: Kim (a day before, then released); the last term is over: the summary, once.
        at(days(14));
        assertEquals(1, scene.told(KIM, "your term as medic team ends tomorrow").size());
        at(days(15));
        assertEquals(1, scene.told(KIM, "Your term as medic team is over").size());
        List<FakeChat.Sent> summary = scene.posts("The micro-roles of debrief #1 Blockade at the port are over");
        assertEquals(1, summary.size());
        assertTrue(summary.get(0).message().body().contains("4 people held 5 terms in 2 roles; 4 were new to a "
                + "micro-role here."), summary.get(0).message().body());
        assertTrue(board().contains("over, thank you all") && board().contains("medic team 0/2"), board());
        assertTrue(scene.say(KIM, "!signup medic team").startsWith("No micro-roles are open"));

        // Another restart after the end: nothing is sent twice.
        scene.restart();
        at(days(16));
        assertEquals(1, scene.posts("The micro-roles of debrief #1").size());
        for (UserId person : List.of(DANA, KIM)) {
            assertEquals(1, scene.told(person, "Your term as medic team is over").size());
        }
        assertEquals(1, scene.told(DANA, "halfway through").size());
        assertEquals(1, scene.told(KIM, "freed up").size());
        onlyBoardPost();

        // Retention: 30 days after the roles end, the signups are gone; anonymous counts stay.
        at(days(45).minusSeconds(60));
        assertEquals(5, signups());
        at(days(45).plusSeconds(60));
        assertEquals(0, signups());
        DebriefStore.Counts counts = scene.db.inTransaction(() -> new SqliteDebriefStore(scene.db).counts(1))
                .orElseThrow();
        assertEquals(4, counts.people());
        assertEquals(5, counts.rolesHeld());
        assertEquals(4, counts.newcomers());
    }

    private long signups() {
        return scene.db.inTransaction(() -> new Sql(scene.db).one("SELECT COUNT(*) FROM debrief_signups",
                row -> row.getLong(1)).orElseThrow());
    }

    private FakeChat.Sent onlyBoardPost() {
        return boardPost(scene, BOARD);
    }

    private List<FakeChat.Sent> edits(FakeChat.Sent post) {
        return edits(scene, post);
    }

    private String board() {
        return board(scene, BOARD);
    }

    /** The one post of the board whose title starts with {@code title}. */
    static FakeChat.Sent boardPost(DebriefScene scene, String title) {
        List<FakeChat.Sent> posts = scene.posts(title);
        assertEquals(1, posts.size(), "one board post");
        return posts.get(0);
    }

    static List<FakeChat.Sent> edits(DebriefScene scene, FakeChat.Sent post) {
        return scene.chat.sent().stream().filter(s -> s.kind() == FakeChat.Sent.Kind.EDIT
                && post.eventId().equals(s.target())).toList();
    }

    /** What the board shows now: its last edit, or its post. */
    static String board(DebriefScene scene, String title) {
        FakeChat.Sent post = boardPost(scene, title);
        List<FakeChat.Sent> edits = edits(scene, post);
        return (edits.isEmpty() ? post : edits.get(edits.size() - 1)).message().body();
    }
}
