package org.assemblybot.feature.debrief;

import static org.assemblybot.feature.debrief.DebriefScene.ALI;
import static org.assemblybot.feature.debrief.DebriefScene.BERLIN;
import static org.assemblybot.feature.debrief.DebriefScene.BOT;
import static org.assemblybot.feature.debrief.DebriefScene.DANA;
import static org.assemblybot.feature.debrief.DebriefScene.EVE;
import static org.assemblybot.feature.debrief.DebriefScene.KIM;
import static org.assemblybot.feature.debrief.DebriefScene.OLGA;
import static org.assemblybot.feature.debrief.DebriefScene.ROOM;
import static org.assemblybot.feature.debrief.SkillSceneSteps.DEBRIEF;
import static org.assemblybot.feature.debrief.SkillSceneSteps.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.assemblybot.adapter.sqlite.Sql;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.testkit.FakeChat;
import org.assemblybot.testkit.TestDb;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Wished skills meet used ones: a pairing suggested once, skill shares with invitees and reminders, shadow seats. */
class SkillShareTest {
    /** Wednesday 11:00 in Berlin: 47 hours after the action. */
    private static final Instant SHARE = ZonedDateTime.of(2026, 6, 3, 11, 0, 0, 0, BERLIN).toInstant();
    private static final Instant REMINDER = SHARE.minus(Duration.ofHours(1));

    @RegisterExtension
    final TestDb testDb = new TestDb();

    private DebriefScene scene;
    private SkillSceneSteps steps;

    @BeforeEach
    void setUp() {
        scene = new DebriefScene(testDb.db(), START);
        steps = new SkillSceneSteps(scene);
        steps.debriefHeld();
    }

    private long rows(String table) {
        return new Sql(scene.db).one("SELECT COUNT(*) FROM " + table, row -> row.getLong(1)).orElseThrow();
    }

    @Test
    void aWishMeetingSomeoneElsesUseIsSuggestedOnce() {
        scene.sayDirect(KIM, "!skill wish First-Aid!");
        scene.say(KIM, "!skill used first aid");
        assertEquals(0, scene.posts("🤝").size(), "one's own use is no pairing");
        scene.say(DANA, "!skill used first aid");
        scene.say(ALI, "!skill used first aid");
        scene.say(EVE, "!skill wish first aid");

        List<FakeChat.Sent> pairing = scene.posts("🤝");
        assertEquals(1, pairing.size());
        assertEquals(ROOM, pairing.get(0).room());
        // Counts, never names: Kim wished it in private, and a tag is an answer.
        assertEquals("🤝 1 person wished to learn first aid and 1 person used it — a skill share within 48 hours "
                + "(by Wed 3 Jun 12:00)? `!skillshare plan \"first aid\" <time>` — once it is planned, whoever "
                + "tagged the skill is invited by direct message.", pairing.get(0).message().body());
        assertEquals(Set.of(), pairing.get(0).message().mentions());
    }

    @Test
    void aSkillShareInvitesWhoWishedAndWhoUsedItAndRemindsThemAfterARestart() {
        scene.sayDirect(KIM, "!skill wish First-Aid");
        scene.say(ALI, "!skill wish first aid");
        scene.say(DANA, "!skill used first aid");
        scene.say(EVE, "!skill used comms");
        assertTrue(scene.say(KIM, "!skillshare plan \"first aid\" tomorrow 11:00").contains("for organizers"));

        String planned = scene.say(OLGA, "!skillshare plan \"First aid basics\" tomorrow 11:00");
        assertTrue(planned.contains("Skill share #1 “First aid basics” on Wed 3 Jun 11:00, after debrief #1"), planned);
        assertTrue(planned.contains("Invited: 1 person who used it (to teach) and 2 people who wished it (to learn)"),
                planned);
        assertFalse(planned.contains("@"), "nobody named in the room: " + planned);
        assertFalse(planned.contains("48 hours"), "within 48 hours of the action: " + planned);
        scene.say(OLGA, "!skill wish first aid"); // a wish after planning: invited too
        assertTrue(scene.say(EVE, "!skillshare list").contains("#1 “First aid basics” — Wed 3 Jun 11:00 — 1 teaching, "
                + "3 learning"));

        scene.advanceTo(REMINDER.minus(Duration.ofMinutes(30)));
        scene.restart();
        scene.advanceTo(REMINDER.minus(Duration.ofMinutes(1)));
        assertEquals(0, scene.posts("Reminder: the skill share").size());
        scene.advanceTo(REMINDER);
        assertEquals(List.of(1, 1, 1, 1, 0), List.of(DANA, KIM, ALI, OLGA, EVE).stream()
                .map(p -> scene.told(p, "Reminder: the skill share “First aid basics” is at Wed 3 Jun 11:00").size())
                .toList());
        assertTrue(scene.told(DANA, "Reminder").get(0).contains("you could teach it"));
        assertTrue(scene.told(KIM, "Reminder").get(0).contains("You wished to learn it"));

        scene.restart();
        scene.advanceTo(SHARE);
        assertEquals(1, scene.postsIn(ROOM, "The skill share “First aid basics” starts now. 4 people invited by "
                + "direct message"));
        assertEquals(Set.of(), scene.posts("starts now").get(0).message().mentions(), "nobody named in the room");
        assertEquals(4, scene.posts("Reminder: the skill share").size(), "each reminded once");
        assertTrue(scene.say(EVE, "!skillshare list").contains("No skill share is planned here"));
    }

    @Test
    void theBotLeavingCancelsThePlannedSkillSharesSteps() {
        scene.say(DANA, "!skill used first aid");
        scene.say(OLGA, "!skillshare plan \"first aid\" tomorrow 11:00");
        String shareSteps = "schedule_items WHERE ref LIKE 'debrief:share:%' AND state = 'SCHEDULED'";
        assertEquals(2, rows(shareSteps), "the reminder and the start");

        scene.event(new ChatEvent.Membership(ROOM, new EventId("$leave"), BOT, scene.clock.instant(), BOT, "leave"));

        assertEquals(0, rows(shareSteps), "nothing left to fire for a room the bot is no longer in");
        assertEquals(0, rows("debrief_gatherings"));
    }

    @Test
    void laterThan48HoursIsFlaggedAndBadInputIsRefused() {
        assertTrue(scene.say(OLGA, "!skillshare plan \"first aid\" today 10:00").contains("in the past"));
        assertTrue(scene.say(OLGA, "!skillshare plan \"!!!\" tomorrow 11:00").contains("Which skill"));
        assertTrue(scene.say(OLGA, "!skillshare plan \"" + "x".repeat(81) + "\" tomorrow 11:00").contains("at most 80"));
        assertTrue(scene.say(OLGA, "!skillshare plan \"first aid\"").contains("Usage"));
        scene.chat.powerLevel(DebriefScene.PARTNER, OLGA, 50);
        assertTrue(scene.sayIn(DebriefScene.PARTNER, OLGA, "!skillshare plan \"first aid\" tomorrow 11:00")
                .contains("No debrief was held here yet"));
        assertEquals(0, rows("debrief_gatherings"));

        String late = scene.say(OLGA, "!skillshare plan \"first aid\" friday 18:00");
        assertTrue(late.contains("more than 48 hours after the action"), late);
        assertTrue(late.contains("Nobody tagged this skill yet"), late);
        assertTrue(scene.say(OLGA, "!skillshare cancel 7").contains("No skill share #7"));
        assertTrue(scene.say(OLGA, "!skillshare cancel 1").contains("cancelled"));
        scene.advanceTo(DEBRIEF.plus(Duration.ofDays(4)));
        assertEquals(0, scene.posts("skill share “first aid” starts now").size());
    }

    @Test
    void whoWishedASkillIsOfferedShadowSeatsWithRelatedRoleHolders() {
        FeatureKit kit = scene.rig.kit();
        ShadowSeats microRoles = (debrief, tag, person) -> List.of(new ShadowSeats.Seat("medic team", List.of(ALI),
                "signup shadow \"medic team\""));
        SkillMatches matches = new SkillMatches(kit, new SqliteSkillStore(scene.db), new SqliteGatheringStore(scene.db),
                (room, at) -> Map.of("First aid lead", List.of(DANA, KIM), "Facilitation", List.of(EVE)), microRoles,
                new SkillTexts("!"));
        Debrief debrief = new SqliteDebriefStore(scene.db).debrief(1).orElseThrow();

        scene.db.run(() -> matches.tag(debrief, KIM, "first aid", SqliteSkillStore.Kind.WISHED));
        scene.db.run(() -> matches.tag(debrief, KIM, "first aid", SqliteSkillStore.Kind.WISHED));
        scene.rig.relay().flush();

        List<String> offers = scene.told(KIM, "You wished to learn first aid");
        assertEquals(1, offers.size());
        assertEquals("🪑 You wished to learn first aid. A way in: shadow someone who does it now.\n"
                + "• First aid lead with @dana:example.org — ask them, they know how it goes.\n"
                + "• medic team with @ali:example.org: `!signup shadow \"medic team\"`", offers.get(0));
    }
}
