package org.assemblybot.feature.debrief;

import static org.assemblybot.feature.debrief.DebriefScene.ALI;
import static org.assemblybot.feature.debrief.DebriefScene.DANA;
import static org.assemblybot.feature.debrief.DebriefScene.KIM;
import static org.assemblybot.feature.debrief.DebriefScene.OLGA;
import static org.assemblybot.feature.debrief.DebriefScene.PARTNER;
import static org.assemblybot.feature.debrief.DebriefScene.ROOM;
import static org.assemblybot.feature.debrief.SkillSceneSteps.DEBRIEF;
import static org.assemblybot.feature.debrief.SkillSceneSteps.START;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.OutgoingMessage;
import org.assemblybot.testkit.TestDb;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Answers to the debrief's questions: given privately they go to the right thread without a name, and the bot keeps
 * nothing but normalised skill tags — checked by a canary phrase scanned for in every table.
 */
class SkillAnswersTest {
    private static final String CANARY = "Zebra-Canary-7731";

    @RegisterExtension
    final TestDb testDb = new TestDb();

    private DebriefScene scene;
    private SkillSceneSteps steps;

    @BeforeEach
    void setUp() {
        scene = new DebriefScene(testDb.db(), START);
        steps = new SkillSceneSteps(scene);
    }

    private static void assertAnonymous(OutgoingMessage relayed) {
        String all = relayed.body() + " " + relayed.html();
        assertFalse(all.contains("example.org"), all);
        assertTrue(relayed.mentions().isEmpty());
    }

    @Test
    void privateAnswersGoToTheirQuestionsThreadWithoutTheName() {
        steps.debriefHeld();

        String witnessed = scene.sayDirect(DANA, "!witness people kept each other safe at the gate");
        String skill = scene.sayDirect(KIM, "!skill wish First-Aid! I felt useless when someone fell");
        String built = scene.sayDirect(ALI, "!build a legal support team");

        assertTrue(witnessed.contains("Posted without your name in the thread of question 1"), witnessed);
        assertTrue(skill.contains("thread of question 2") && skill.contains("tagged “first aid”"), skill);
        assertTrue(built.contains("thread of question 3"), built);
        OutgoingMessage one = steps.thread(1).get(0);
        assertEquals(steps.question(1), one.threadRoot());
        assertTrue(one.body().endsWith("people kept each other safe at the gate"), one.body());
        assertTrue(steps.thread(2).get(0).body().endsWith("wish First-Aid! I felt useless when someone fell"));
        assertTrue(steps.thread(3).get(0).body().endsWith("a legal support team"));
        for (int q = 1; q <= 3; q++) {
            assertEquals(1, steps.thread(q).size());
            assertAnonymous(steps.thread(q).get(0));
        }
        assertEquals(List.of("@kim:example.org first aid WISHED"), steps.tags());
    }

    @Test
    void spellingsOfOneSkillAreOneTag() {
        steps.debriefHeld();
        scene.sayDirect(KIM, "!skill wish First-Aid!");
        String again = scene.say(KIM, "!skill wish first aid");
        scene.say(KIM, "!skill wish first_aid");
        scene.say(DANA, "!skill used \"first   AID\"");

        assertTrue(again.contains("Already noted"), again);
        assertEquals(List.of("@kim:example.org first aid WISHED", "@dana:example.org first aid USED"), steps.tags());
        assertEquals(1, steps.thread(2).size(), "in the group room the words are there already: nothing is posted");
        String tally = scene.say(ALI, "!skill tally");
        assertTrue(tally.contains("• first aid: 1 / 1"), tally);
        assertFalse(tally.contains("example.org"), "counted without names: " + tally);
    }

    @Test
    void inTheGroupRoomWitnessAndBuildPointToTheThreads() {
        steps.debriefHeld();
        String reply = scene.say(DANA, "!witness " + CANARY);
        assertTrue(reply.contains("answer in the thread of question 1"), reply);
        assertEquals(0, steps.thread(1).size());
    }

    @Test
    void theThreeQuestionsInTurnByDirectMessage() {
        steps.debriefHeld();
        assertTrue(scene.say(DANA, "!answers").contains("I sent you the three questions"));
        assertEquals(1, scene.told(DANA, "1/3 What did you witness?").size());

        steps.dm(DANA, "the police line broke and we held");
        assertEquals(1, scene.told(DANA, "2/3 What skill did you use").size());
        steps.dm(DANA, "used first aid. It was a long night\nwish: legal observing\nand I was tired");
        assertEquals(1, scene.told(DANA, "Skill tags kept: “first aid” (used), “legal observing” (wished)").size());
        steps.dm(DANA, "skip");
        assertEquals(1, scene.told(DANA, "That was the last question").size());
        steps.dm(DANA, "just chatting with the bot afterwards");

        assertEquals(1, steps.thread(1).size());
        assertTrue(steps.thread(1).get(0).body().endsWith("the police line broke and we held"));
        assertTrue(steps.thread(2).get(0).body().contains("wish: legal observing"));
        assertEquals(0, steps.thread(3).size(), "skipped, and later messages are not answers");
        steps.thread(2).forEach(SkillAnswersTest::assertAnonymous);
        assertEquals(List.of("@dana:example.org first aid USED", "@dana:example.org legal observing WISHED"),
                steps.tags());
        assertEquals("4", new org.assemblybot.adapter.sqlite.Sql(scene.db).one("SELECT next FROM debrief_progress",
                row -> row.getString(1)).orElseThrow());
    }

    @Test
    void anEditedAnswerIsNotPostedAgain() {
        steps.debriefHeld();
        scene.sayDirect(DANA, "!answers");
        EventId first = steps.dm(DANA, "we held the line");
        steps.deliverDirect(new ChatEvent.Message(steps.direct(DANA), new EventId("$edit"), DANA,
                scene.clock.instant(), "m.text", "* we held the line together", null, first, true));
        assertEquals(1, steps.thread(1).size());
        assertEquals(0, steps.thread(2).size(), "the edit answered nothing");
    }

    @Test
    void nothingButTheNormalisedTagIsStoredAnywhere() {
        steps.debriefHeld();
        scene.sayDirect(DANA, "!witness I saw " + CANARY + " at the gate");
        scene.sayDirect(DANA, "!build a " + CANARY + " kitchen");
        scene.sayDirect(KIM, "!skill used First-Aid! I patched up the " + CANARY + " guy");
        scene.say(ALI, "!skill wish comms. Because " + CANARY);
        scene.sayDirect(ALI, "!answers");
        steps.dm(ALI, "witnessed " + CANARY);
        steps.dm(ALI, "used banner painting. " + CANARY + "\nwish " + CANARY.toLowerCase(Locale.ROOT) + " is "
                + "too long to be a skill name so it is no tag");
        steps.dm(ALI, "build " + CANARY);

        String canary = CANARY.toLowerCase(Locale.ROOT);
        List<String> found = steps.everyStoredValue().stream()
                .filter(v -> v.toLowerCase(Locale.ROOT).contains(canary) || v.contains("zebra canary")).toList();
        assertEquals(List.of(), found);
        assertEquals(List.of("@kim:example.org first aid USED", "@ali:example.org comms WISHED",
                "@ali:example.org banner painting USED"), steps.tags());
        assertEquals(6, scene.posts(CANARY).stream().filter(s -> s.room().equals(ROOM)).count(),
                "the room keeps the words: both witnesses, the build, the skill line and the in-turn answers");
    }

    @Test
    void forgetMeRemovesTheTagsAndTheProgress() {
        steps.debriefHeld();
        scene.say(KIM, "!skill wish first aid");
        scene.say(KIM, "!answers");
        scene.say(DANA, "!skill used first aid");
        String forgot = scene.say(KIM, "!forget me");
        assertTrue(forgot.contains("2 entries"), forgot);
        assertEquals(List.of("@dana:example.org first aid USED"), steps.tags());
        steps.dm(KIM, "an answer after forgetting");
        assertEquals(0, steps.thread(1).size());
    }

    @Test
    void badInputIsRefusedAndNothingIsStored() {
        String none = scene.sayDirect(DANA, "!witness we were there");
        assertTrue(none.contains("I know of no debrief held in the last 7 days"), none);
        assertTrue(none.contains("Example: `!witness people kept"), none);
        assertTrue(scene.say(DANA, "!skill wish first aid").contains("No debrief was held here"));
        steps.debriefHeld();

        String learn = scene.say(DANA, "!skill learn first aid");
        assertTrue(learn.contains("`!skill` has no `learn`") && learn.contains("`used`"), learn);
        assertTrue(scene.sayDirect(DANA, "!skill wish !!!").contains("Which skill?"));
        String tooLong = scene.sayDirect(DANA, "!skill wish how to keep calm when everything around you falls apart");
        assertTrue(tooLong.contains("at most 40 characters"), tooLong);
        assertTrue(scene.sayDirect(DANA, "!witness").contains("Usage"), "the router asks for the text");
        String wall = scene.sayDirect(DANA, "!build " + "x".repeat(PrivateAnswers.MAX_ANSWER + 1));
        assertTrue(wall.contains("at most 1000 fit"), wall);
        scene.say(OLGA, "!answers");
        steps.dm(OLGA, "y".repeat(PrivateAnswers.MAX_ANSWER + 1));
        assertEquals(1, scene.told(OLGA, "at most 1000 fit in one").size());

        assertEquals(List.of(), steps.tags());
        for (int q = 1; q <= 3; q++) {
            assertEquals(0, steps.thread(q).size());
        }
    }

    @Test
    void someoneAtSeveralDebriefsSaysWhichOne() {
        scene.chat.member(PARTNER, DANA).powerLevel(PARTNER, OLGA, 50);
        scene.sayIn(PARTNER, OLGA, "!debrief start \"Street party\" tomorrow 19:00");
        steps.debriefHeld();
        scene.advanceTo(DEBRIEF.plus(Duration.ofHours(3)));
        String which = scene.sayDirect(DANA, "!witness we danced");
        assertTrue(which.contains("several debriefs") && which.contains("`--for 1`") && which.contains("`--for 2`"),
                which);
        assertTrue(scene.sayDirect(DANA, "!witness we danced --for 9").contains("names no debrief"));
        assertTrue(scene.sayDirect(DANA, "!witness we danced --for 1").contains("Posted"));
        assertEquals(1, scene.postsIn(PARTNER, "we danced"));
        assertEquals(0, scene.postsIn(ROOM, "we danced"));
        scene.advanceTo(DEBRIEF.plus(Duration.ofDays(8)));
        assertTrue(scene.sayDirect(DANA, "!witness too late").contains("I know of no debrief"));
    }
}
