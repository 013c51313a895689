package org.assemblybot.feature.debrief;

import static org.assemblybot.feature.debrief.DebriefScene.ALI;
import static org.assemblybot.feature.debrief.DebriefScene.DANA;
import static org.assemblybot.feature.debrief.DebriefScene.EVE;
import static org.assemblybot.feature.debrief.DebriefScene.KIM;
import static org.assemblybot.feature.debrief.DebriefScene.OLGA;
import static org.assemblybot.feature.debrief.DebriefScene.ROOM;
import static org.assemblybot.feature.debrief.MicroRolesTest.D;
import static org.assemblybot.feature.debrief.MicroRolesTest.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.assemblybot.adapter.sqlite.Sql;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.testkit.FakeChat;
import org.assemblybot.testkit.TestDb;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Micro-roles off the main path: bad input changes nothing, {@code !forget me} and leaving the room free slots for
 * the waiting, a shadow seat for a wished skill, no free text kept, and people who held a role before not counted as
 * new.
 */
class MicroRolesCasesTest {
    @RegisterExtension
    final TestDb testDb = new TestDb();

    private DebriefScene scene;

    @BeforeEach
    void setUp() {
        scene = new DebriefScene(testDb.db(), START);
    }

    /** Debrief #1 held, with "medic team" (slots) offered. */
    private void debriefWithMedics(int slots) {
        scene.say(OLGA, "!debrief start \"Blockade at the port\" tomorrow 19:00");
        scene.advanceTo(D);
        scene.say(OLGA, "!debrief roles add \"medic team\" " + slots);
    }

    @Test
    void badInputGetsAClearReplyAndChangesNothing() {
        assertTrue(scene.say(OLGA, "!debrief roles add medic 4").startsWith("There is no debrief in this room"));
        assertTrue(scene.say(DANA, "!signup medic").startsWith("No micro-roles are open in this room"));
        debriefWithMedics(2);
        scene.say(DANA, "!signup medic team");
        List<String> before = stored();
        int sent = scene.chat.sent().size();
        String usage = "Usage: `!debrief roles add <role> <slots> [--days 14]`";
        for (String[] bad : new String[][] {
                {"!debrief roles add food 0", "A micro-role has 1 to 20 slots, not `0`."},
                {"!debrief roles add food 21", "A micro-role has 1 to 20 slots, not `21`."},
                {"!debrief roles add food four", "A micro-role has 1 to 20 slots, not `four`."},
                {"!debrief roles add food 3 --days 0", "A term lasts 1 to 60 days"},
                {"!debrief roles add food 3 --days 61", "A term lasts 1 to 60 days"},
                {"!debrief roles add \"Medic-Team!\" 3", "offers “Medic-Team!” already"},
                {"!debrief roles add \"!!!\" 3", "A role's name has 1 to 40 characters"},
                {"!debrief roles remove food 3", "Organizers add micro-roles"}}) {
            String reply = scene.say(OLGA, bad[0]);
            assertTrue(reply.contains(bad[1]) && reply.contains(usage) && reply.contains("Example: `!debrief roles "
                    + "add \"medic team\" 4 --days 14`"), bad[0] + " → " + reply);
        }
        assertTrue(scene.say(DANA, "!debrief roles add food 3").startsWith("`!debrief roles` is for"), "organizers only");
        assertTrue(scene.say(DANA, "!signup medic team").startsWith("You hold “medic team” already, until Tue 16 "
                + "Jun 19:00. Another term: `!signup renew medic team`."));
        String notHeld = scene.say(ALI, "!signup drop medic team");
        assertTrue(notHeld.startsWith("You neither hold “medic team” nor wait for it; you have no micro-role here.")
                && notHeld.contains("Example: `!signup medic team`"), notHeld);
        assertTrue(scene.say(ALI, "!signup renew medic team").startsWith("You do not hold “medic team”"));
        String unknown = scene.say(ALI, "!signup food");
        assertTrue(unknown.startsWith("There is no micro-role “food” open here. Open: medic team."), unknown);
        assertEquals(before, stored(), "nothing changed");
        assertEquals(sent, scene.chat.sent().size(), "nothing was posted or edited");
    }

    @Test
    void forgetMeInTheDirectRoomForgetsEveryRoomAndTheBoardsShowIt() {
        debriefWithMedics(1);
        scene.say(DANA, "!signup medic team");
        assertTrue(scene.sayDirect(KIM, "!forget me").contains("I keep nothing about you in any room's debriefs"));
        String reply = scene.sayDirect(DANA, "!forget me");
        assertTrue(reply.startsWith("Done: your signups and skill tags in the debriefs of 1 room are deleted (1 entry)"),
                reply);
        assertEquals(0, rows("SELECT COUNT(*) FROM debrief_signups WHERE user_id = '@dana:example.org'"));
        assertFalse(board().contains("@dana:example.org"), board());
        assertTrue(scene.sayDirect(DANA, "!forget me").contains("I keep nothing about you"), "nothing left");
    }

    @Test
    void forgetMeRemovesTheSignupsAndTheBoardShowsIt() {
        debriefWithMedics(1);
        scene.say(DANA, "!signup medic team");
        scene.say(KIM, "!signup medic team");
        assertTrue(board().contains("@dana:example.org until") && board().contains("waiting: @kim:example.org"));
        assertTrue(scene.say(DANA, "!forget me").startsWith("Done: your signups and skill tags"));
        assertEquals(0, rows("SELECT COUNT(*) FROM debrief_signups WHERE user_id = '@dana:example.org'"));
        assertFalse(board().contains("@dana:example.org"), board());
        assertTrue(board().contains("medic team 1/1 (full, terms of 14 days): @kim:example.org until"), board());
        assertEquals(1, scene.told(KIM, "freed up").size(), "the next waiting is promoted");
        scene.advanceTo(D.plus(Duration.ofDays(20)));
        assertTrue(scene.told(DANA, "halfway").isEmpty() && scene.told(DANA, "Thank you").isEmpty(),
                "nothing more for a forgotten signup");
    }

    @Test
    void leavingTheRoomDropsTheSignupsAndPromotesTheNextWaiting() {
        debriefWithMedics(1);
        scene.say(ALI, "!signup medic team");
        scene.say(KIM, "!signup medic team");
        scene.say(EVE, "!signup medic team");
        scene.event(new ChatEvent.Membership(ROOM, new EventId("$leave"), ALI, scene.clock.instant(), ALI, "leave"));
        assertEquals(1, scene.told(KIM, "freed up").size());
        assertTrue(scene.told(EVE, "freed up").isEmpty(), "in signup order");
        assertTrue(board().contains("@kim:example.org until") && board().contains("waiting: @eve:example.org")
                && !board().contains("@ali:example.org"), board());
        scene.event(new ChatEvent.Membership(ROOM, new EventId("$ban"), OLGA, scene.clock.instant(), EVE, "ban"));
        assertFalse(board().contains("@eve:example.org"), board());
    }

    @Test
    void someoneWhoWishedASkillShadowsTheHolderOfARelatedRole() throws Exception {
        debriefWithMedics(2);
        scene.say(DANA, "!signup medic team");
        MicroRoles roles = microRoles();
        assertEquals(Optional.empty(), scene.db.inTransaction(() -> roles.offerShadow(ROOM, "team building", KIM)),
                "a generic word relates nothing");
        assertEquals(Optional.empty(), scene.db.inTransaction(() -> roles.offerShadow(ROOM, "medic", DANA)),
                "nobody shadows themselves");
        Optional<MicroRoles.ShadowSeat> seat = scene.db.inTransaction(() -> roles.offerShadow(ROOM, "Medics!", EVE));
        scene.rig.relay().flush();
        assertEquals(DANA, seat.orElseThrow().holder());
        assertEquals("medic team", seat.get().role());
        assertEquals(D.plus(Duration.ofDays(14)), seat.get().until());
        assertTrue(scene.told(EVE, "take a shadow seat with @dana:example.org").get(0).contains("until Tue 16 Jun"));
        assertEquals(1, scene.told(DANA, "shadows you in medic team").size());
        assertTrue(board().contains("· shadowing: @eve:example.org"), board());
        assertEquals(Optional.empty(), scene.db.inTransaction(() -> roles.offerShadow(ROOM, "medic", EVE)),
                "once per person and role");
        scene.advanceTo(D.plus(Duration.ofDays(14)));
        assertEquals(1, scene.told(EVE, "your shadow seat in medic team is over").size());
        assertTrue(scene.told(EVE, "halfway").isEmpty(), "shadows get no holder reminders");
        assertTrue(scene.posts("people held 1 term").isEmpty(), "a shadow is not counted as a holder");
        assertEquals(1, scene.posts("1 person held 1 term in 1 role; 1 was new").size());
    }

    @Test
    void aShadowWhoSignsUpHoldsTheRole() throws Exception {
        debriefWithMedics(2);
        scene.say(DANA, "!signup medic team");
        MicroRoles roles = microRoles();
        scene.db.inTransaction(() -> roles.offerShadow(ROOM, "medic", EVE)).orElseThrow();
        assertTrue(scene.say(EVE, "!signup medic team").startsWith("🙌 You hold medic team"));
        assertTrue(board().contains("@dana:example.org until Tue 16 Jun 19:00, @eve:example.org until")
                && !board().contains("shadowing"), board());
    }

    @Test
    void aSignupKeepsNoFreeText() {
        debriefWithMedics(2);
        String canary = "zebra canary 4471";
        scene.say(DANA, "!signup medic team because " + canary);
        scene.say(DANA, "!signup drop " + canary);
        scene.say(DANA, "!signup renew medic " + canary);
        scene.sayDirect(DANA, "!signup medic team " + canary);
        List<String> values = everyStoredValue();
        assertTrue(values.stream().anyMatch(v -> v.contains("medic team")), "the scan reads the roles");
        for (String value : values) {
            assertFalse(value.toLowerCase(java.util.Locale.ROOT).contains("zebra"), value);
        }
    }

    @Test
    void peopleWhoHeldARoleHereBeforeAreNotNew() {
        debriefWithMedics(2);
        scene.say(DANA, "!signup medic team");
        scene.advanceTo(D.plus(Duration.ofDays(15)));
        assertEquals(1, scene.posts("1 person held 1 term in 1 role; 1 was new").size());
        scene.say(OLGA, "!debrief start \"Second blockade\" tomorrow 19:00");
        scene.advanceTo(D.plus(Duration.ofDays(16)));
        assertTrue(scene.say(OLGA, "!debrief roles add food 3 --days 5").contains("debrief #2 Second blockade"));
        scene.say(DANA, "!signup food");
        scene.say(KIM, "!signup food");
        scene.advanceTo(D.plus(Duration.ofDays(22)));
        List<FakeChat.Sent> summary = scene.posts("The micro-roles of debrief #2 Second blockade are over");
        assertEquals(1, summary.size());
        assertTrue(summary.get(0).message().body().contains("2 people held 2 terms in 1 role; 1 was new"),
                summary.get(0).message().body());
    }

    @Test
    void aOneDayRoleHasOneReminderAndItsFreedSlotGoesToTheNextWaiting() {
        scene.say(OLGA, "!debrief start \"Blockade at the port\" tomorrow 19:00");
        scene.advanceTo(D);
        scene.say(OLGA, "!debrief roles add banner 1 --days 1");
        scene.say(OLGA, "!debrief roles add food 3 --days 2");
        scene.say(DANA, "!signup banner");
        scene.say(KIM, "!signup banner");
        scene.advanceTo(D.plus(Duration.ofHours(12)));
        assertEquals(1, scene.told(DANA, "halfway through your term as banner").size());
        scene.advanceTo(D.plus(Duration.ofDays(1)));
        assertTrue(scene.told(DANA, "ends tomorrow").isEmpty(), "a one-day term has no separate day before");
        assertEquals(1, scene.told(DANA, "Your term as banner is over").size());
        assertTrue(scene.told(KIM, "freed up").get(0).contains("until Thu 4 Jun 19:00"), "the slot goes on");
        scene.advanceTo(D.plus(Duration.ofDays(2)).minusSeconds(1));
        assertTrue(scene.posts("are over").isEmpty());
        scene.advanceTo(D.plus(Duration.ofDays(2)));
        assertEquals(1, scene.told(KIM, "Your term as banner is over").size());
        assertEquals(1, scene.posts("2 people held 2 terms in 1 role; 2 were new").size());
        assertTrue(board().contains("over, thank you all") && board().contains("food 0/3"), board());
    }

    @Test
    void nobodyTookARole() {
        debriefWithMedics(2);
        scene.advanceTo(D.plus(Duration.ofDays(14)));
        assertEquals(1, scene.posts("Nobody held one this time").size());
    }

    private MicroRoles microRoles() throws ReflectiveOperationException {
        java.lang.reflect.Field field = DebriefFeature.class.getDeclaredField("roles");
        field.setAccessible(true);
        return (MicroRoles) field.get(scene.debrief);
    }

    /** What the board of debrief #1 shows now. */
    private String board() {
        return MicroRolesTest.board(scene, MicroRolesTest.BOARD);
    }

    private long rows(String query) {
        return scene.db.inTransaction(() -> new Sql(scene.db).one(query, row -> row.getLong(1)).orElseThrow());
    }

    /** The rows a refused command must not touch. */
    private List<String> stored() {
        List<String> values = new ArrayList<>();
        for (String table : List.of("debriefs", "debrief_roles", "debrief_signups", "schedule_items", "live_messages",
                "outbox")) {
            values.addAll(rowsOf(table));
        }
        return values;
    }

    /** Every value of every row of every table, as text. */
    private List<String> everyStoredValue() {
        List<String> values = new ArrayList<>();
        scene.db.inTransaction(() -> new Sql(scene.db).list("SELECT name FROM sqlite_master WHERE type = 'table'",
                row -> row.getString(1))).forEach(table -> values.addAll(rowsOf(table)));
        return values;
    }

    private List<String> rowsOf(String table) {
        List<String> values = new ArrayList<>();
        scene.db.inTransaction(() -> new Sql(scene.db).list("SELECT * FROM \"" + table + "\"", row -> {
            StringBuilder line = new StringBuilder(table);
            for (int c = 1; c <= row.getMetaData().getColumnCount(); c++) {
                line.append(' ').append(row.getMetaData().getColumnName(c)).append('=').append(row.getString(c));
            }
            values.add(line.toString());
            return null;
        }));
        return values;
    }
}
