package org.assemblybot.feature.debrief;

import static org.assemblybot.feature.debrief.DebriefScene.BERLIN;
import static org.assemblybot.feature.debrief.DebriefScene.BOT;
import static org.assemblybot.feature.debrief.DebriefScene.DANA;
import static org.assemblybot.feature.debrief.DebriefScene.KIM;
import static org.assemblybot.feature.debrief.DebriefScene.OLGA;
import static org.assemblybot.feature.debrief.DebriefScene.ROOM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import org.assemblybot.core.action.FinishedActions;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.testkit.FakeChat;
import org.assemblybot.testkit.TestDb;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Planning debriefs: offered after an action, started by its number or by what happened, held, cared for. */
class DebriefCommandsTest {
    /** Saturday 12 September 2026, 16:00 in Berlin: the action just ended. */
    private static final Instant NOW = ZonedDateTime.of(2026, 9, 12, 16, 0, 0, 0, BERLIN).toInstant();
    /** Sunday 13 September, 19:00 in Berlin ("tomorrow 19:00"). */
    private static final Instant TOMORROW_19 = ZonedDateTime.of(2026, 9, 13, 19, 0, 0, 0, BERLIN).toInstant();

    @RegisterExtension
    final TestDb testDb = new TestDb();

    private DebriefScene scene;

    @BeforeEach
    void setUp() {
        scene = new DebriefScene(testDb.db(), NOW);
    }

    private void blockadeEnded(boolean intense) {
        scene.actionFinished(new FinishedActions.Finished(3, ROOM, "Blockade at the port", NOW, intense));
    }

    @Test
    void aFinishedActionIsOfferedADebriefOnceAndStartedByItsNumber() {
        blockadeEnded(false);
        blockadeEnded(false);
        List<FakeChat.Sent> offers = scene.posts("“Blockade at the port” is over");
        assertEquals(1, offers.size(), "offered once, however often it is told");
        assertTrue(offers.get(0).message().body().contains("a debrief today 19:00? `!debrief start 3 today 19:00`"));
        String started = scene.say(OLGA, "!debrief start 3 today 19:00");
        assertTrue(started.startsWith("📋 Debrief #1 Blockade at the port on Sat 12 Sep 19:00")
                && !started.contains("⚠"), started);
        assertTrue(scene.say(OLGA, "!debrief start #3 tomorrow 20:00").contains("has its debrief already"));
        assertTrue(scene.say(KIM, "!debrief start 3 tomorrow 19:00").contains("organizers"));
        assertTrue(scene.say(OLGA, "!debrief start 9 tomorrow 19:00").contains("Action #9 was not planned here"));
    }

    @Test
    void theOfferedTimeIsWithinADay() {
        assertEquals("today 19:00", DebriefTexts.suggestedTime(NOW, BERLIN));
        assertEquals("tomorrow 19:00", DebriefTexts.suggestedTime(NOW.plus(Duration.ofHours(5)), BERLIN));
        assertEquals("tomorrow 17:00", DebriefTexts.suggestedTime(NOW.plus(Duration.ofMinutes(150)), BERLIN),
                "18:30 → 19:00 the next day would be 24.5 hours: 23 hours on instead");
    }

    @Test
    void theCardAsksThreeQuestionsEachInItsOwnMessageAfterAReminder() {
        blockadeEnded(true);
        scene.say(OLGA, "!debrief start 3 tomorrow 19:00");
        scene.advanceTo(TOMORROW_19.minus(Duration.ofHours(1)).minusSeconds(1));
        assertEquals(0, scene.posts("📋 Debrief #1").size());
        scene.advanceTo(TOMORROW_19.minus(Duration.ofHours(1)));
        assertEquals(1, scene.posts("📋 Debrief #1 Blockade at the port at Sun 13 Sep 19:00").size());
        scene.advanceTo(TOMORROW_19);
        assertEquals(1, scene.posts("Debrief commons: Blockade at the port").size());
        for (String question : DebriefTexts.QUESTIONS) {
            assertEquals(1, scene.posts(question).size(), question);
        }
        assertEquals(1, scene.posts("That was an intense action").size(), "care is suggested after an intense one");
        assertTrue(scene.rig.live().eventOf(DebriefSteps.question(debrief(1), 2), ROOM).isPresent(),
                "the questions' events are known, for answers in their threads");
        scene.restart();
        scene.advanceTo(TOMORROW_19.plus(Duration.ofHours(2)));
        assertEquals(1, scene.posts("Debrief commons: Blockade at the port").size(), "held once");
        assertTrue(scene.say(KIM, "!debrief list").contains("#1 Blockade at the port — Sun 13 Sep 19:00 — held"));
    }

    @Test
    void anyOtherActionByWhatHappenedLateTimesFlaggedPastTimesRefused() {
        String late = scene.say(OLGA, "!debrief start \"Street theatre\" in 2 days");
        assertTrue(late.contains("⚠ That is more than 24 hours after the action"), late);
        assertTrue(scene.say(OLGA, "!debrief start \"Street theatre\" 2026-09-01 19:00").contains("is in the past"));
        String usage = scene.say(OLGA, "!debrief start \"Street theatre\"");
        assertTrue(usage.contains("debrief start"), usage);
        assertTrue(scene.say(OLGA, "!debrief start \"" + "x".repeat(121) + "\" tomorrow 19:00")
                .contains("at most 120"));
        assertTrue(scene.say(KIM, "!debrief list").contains("#1 Street theatre"), "only the good one was planned");
        assertTrue(scene.say(OLGA, "!debrief cancel 1").contains("cancelled"));
        assertTrue(scene.say(OLGA, "!debrief cancel 1").contains("cancelled already"));
        scene.advanceTo(NOW.plus(Duration.ofDays(3)));
        assertEquals(0, scene.posts("Debrief commons").size(), "a cancelled debrief is not held");
    }

    @Test
    void aCareGatheringIsRemindedAndOpened() {
        Instant sunday = ZonedDateTime.of(2026, 9, 13, 16, 0, 0, 0, BERLIN).toInstant();
        assertTrue(scene.say(OLGA, "!debrief care sunday 16:00").contains("Care gathering on Sun 13 Sep 16:00"));
        scene.advanceTo(sunday.minus(Duration.ofHours(1)));
        assertEquals(1, scene.posts("Care gathering at Sun 13 Sep 16:00").size());
        scene.advanceTo(sunday);
        assertEquals(1, scene.posts("The care gathering starts now").size());
    }

    @Test
    void forgetMeIsForOneselfOnlyAndTheBotLeavingForgetsTheRoom() {
        scene.say(OLGA, "!debrief start \"Street theatre\" tomorrow 19:00");
        assertTrue(scene.say(DANA, "!forget me").contains("I keep nothing about you"));
        assertTrue(scene.say(DANA, "!forget olga").contains("Only `!forget me`"));
        scene.event(new ChatEvent.Membership(ROOM, new EventId("$leave"), BOT, scene.clock.instant(), BOT, "leave"));
        scene.advanceTo(TOMORROW_19.plus(Duration.ofHours(1)));
        assertEquals(0, scene.posts("Debrief commons").size());
        assertTrue(scene.say(KIM, "!debrief list").contains("No debriefs here yet"));
    }

    @Test
    void aWishedSkillTakesAShadowSeatNextToTheHolderOfARelatedMicroRole() {
        scene.say(OLGA, "!debrief start \"Street theatre\" today 19:00");
        scene.say(OLGA, "!debrief roles add medic 2");
        scene.say(DANA, "!signup medic");
        scene.advanceTo(ZonedDateTime.of(2026, 9, 12, 19, 0, 0, 0, BERLIN).toInstant());
        String reply = scene.sayDirect(KIM, "!skill wish medics");
        assertTrue(reply.contains("medics"), reply);
        assertEquals(1, scene.told(KIM, "take a shadow seat with @dana:example.org, who holds medic").size());
        assertEquals(1, scene.told(DANA, "shadows you in medic").size());
        assertTrue(scene.posts("Micro-roles from debrief").isEmpty() || scene.chat.sent().stream().anyMatch(
                s -> s.message() != null && s.message().body().contains("shadowing: @kim:example.org")));
    }

    private Debrief debrief(long id) {
        return scene.db.inTransaction(() -> new SqliteDebriefStore(scene.db).debrief(id)).orElseThrow();
    }
}
