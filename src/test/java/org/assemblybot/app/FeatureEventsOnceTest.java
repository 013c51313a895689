package org.assemblybot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.OutgoingMessage;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.schedule.ScheduleItem;
import org.assemblybot.testkit.FakeChat;
import org.assemblybot.testkit.TestDb;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reactions, poll responses and redactions through the real {@link Bot} into the real vote and countdown
 * features: each event has its effect at most once, also when sync delivers it again (M3), and redacting the
 * command that created a vote or an action asks its creator instead of cancelling anything (M5).
 */
class FeatureEventsOnceTest {
    private static final RoomId ROOM = new RoomId("!assembly:example.org");
    private static final RoomId PARTNER = new RoomId("!partner:example.org");
    private static final UserId ALICE = new UserId("@alice:example.org");
    private static final UserId BOB = new UserId("@bob:example.org");
    private static final UserId MOD = new UserId("@mod:example.org");
    private static final String HAND = "\u270B";

    @RegisterExtension
    final TestDb testDb = new TestDb();

    private FeatureBot scene;

    @BeforeEach
    void setUp() {
        scene = new FeatureBot(testDb.db(), List.of(ROOM, PARTNER));
        for (RoomId room : List.of(ROOM, PARTNER)) {
            scene.chat.member(room, ALICE).member(room, BOB).member(room, MOD)
                    .powerLevel(room, ALICE, FeatureBot.ORGANIZER_LEVEL).powerLevel(room, MOD, 100);
        }
    }

    private String results() {
        List<FakeChat.Sent> found = scene.messagesContaining(ROOM, "Results of Vote #1");
        assertEquals(1, found.size());
        return found.get(0).message().body();
    }

    private EventId announcementIn(RoomId room) {
        return scene.messagesContaining(room, "Synchronized action #1").get(0).eventId();
    }

    private String rsvps() {
        return scene.query("SELECT COUNT(*) FROM sync_rsvps WHERE action_id = 1");
    }

    private List<FakeChat.Sent> askedAbout(RoomId room, String what) {
        return scene.messagesContaining(room, "the message that created " + what);
    }

    // ---- M3: redelivered reactions, poll responses and redactions

    @Test
    void anOldPollResponseDeliveredAgainDoesNotOverrideALaterCommand() {
        scene.say(ROOM, ALICE, "!vote \"Lunch?\" pizza pasta");
        EventId poll = scene.polls.started().get(0).eventId();
        ChatEvent.PollResponse pizza = new ChatEvent.PollResponse(ROOM, scene.newId(), BOB, scene.clock.instant(),
                poll, List.of("1"));
        scene.deliver(pizza);
        scene.clock.advance(Duration.ofSeconds(5));
        scene.say(ROOM, BOB, "!v 1 pasta");
        scene.clock.advance(Duration.ofSeconds(5));

        scene.deliver(pizza); // sync delivers the old response again

        scene.say(ROOM, ALICE, "!vote close 1");
        assertTrue(results().contains("pasta: 1 (100%)"), results());
        assertTrue(results().contains("pizza: 0 (0%)"), results());
        assertTrue(scene.processed.isHandled(pizza.id()));
    }

    @Test
    void aRaisedHandDeliveredAgainAfterItsRedactionDoesNotSignUpAgain() {
        scene.say(ROOM, ALICE, "!sync plan \"Strike\" in 2 hours " + PARTNER.value());
        ChatEvent.Reaction hand = new ChatEvent.Reaction(PARTNER, scene.newId(), BOB, scene.clock.instant(),
                announcementIn(PARTNER), HAND);
        scene.deliver(hand);
        assertEquals("1", rsvps());
        scene.deliver(scene.redaction(PARTNER, BOB, hand.id()));
        assertEquals("0", rsvps());

        scene.deliver(hand);

        assertEquals("0", rsvps(), "the withdrawn hand stays withdrawn");
    }

    @Test
    void aRedactionDeliveredTwiceAsksTheCreatorOnce() {
        EventId command = scene.say(ROOM, ALICE, "!vote \"Lunch?\" pizza pasta");
        ChatEvent.Redaction redaction = scene.redaction(ROOM, MOD, command);

        scene.deliver(redaction);
        scene.deliver(redaction);

        List<FakeChat.Sent> asked = askedAbout(ROOM, "Vote #1");
        assertEquals(1, asked.size());
        String txn = asked.get(0).txnId();
        assertEquals(1, scene.chat.sendAttempts().stream().filter(txn::equals).count(), "queued and sent once");
        assertTrue(scene.processed.isHandled(redaction.id()));
    }

    // ---- M5: redacting the command that created something asks its creator

    @Test
    void redactingTheVoteCommandAsksItsCreatorAndKeepsTheVoteOpen() {
        EventId command = scene.say(ROOM, ALICE, "!vote \"Lunch?\" pizza pasta --close 10m");

        scene.deliver(scene.redaction(ROOM, MOD, command));

        OutgoingMessage asked = askedAbout(ROOM, "Vote #1").get(0).message();
        assertEquals(OutgoingMessage.Kind.NOTICE, asked.kind());
        assertEquals("@alice:example.org: the message that created Vote #1 Lunch? was deleted. It is still open; "
                + "nothing was cancelled. To cancel it, type `!vote close 1`.", asked.body());
        assertEquals(Set.of(ALICE), asked.mentions());
        assertTrue(asked.html().contains("<a href=\"https://matrix.to/#/@alice:example.org\">"), asked.html());
        assertTrue(asked.html().contains("<code>!vote close 1</code>"), asked.html());
        assertNull(asked.threadRoot());
        assertEquals("OPEN", scene.query("SELECT state FROM vote_votes WHERE id = 1"));
        assertEquals(List.of(ScheduleItem.State.SCHEDULED), scene.itemStates("vote", "vote:1"));
    }

    @Test
    void theQuestionCannotPingTheRoom() {
        EventId command = scene.say(ROOM, BOB, "!propose \"@room come to <b>the</b> meeting\"");

        scene.deliver(scene.redaction(ROOM, BOB, command));

        OutgoingMessage asked = askedAbout(ROOM, "Proposal #1").get(0).message();
        assertEquals(Set.of(BOB), asked.mentions());
        assertFalse(asked.body().contains("@room"), asked.body());
        assertFalse(asked.html().contains("<b>the</b>"), asked.html());
    }

    @Test
    void aCommandInAThreadIsAskedAboutInThatThread() {
        EventId root = new EventId("$thread-root");
        EventId command = scene.sayInThread(ROOM, BOB, "!propose \"We meet on Saturdays\"", root);

        scene.deliver(scene.redaction(ROOM, BOB, command));

        OutgoingMessage asked = askedAbout(ROOM, "Proposal #1").get(0).message();
        assertEquals(root, asked.threadRoot());
        assertTrue(asked.body().endsWith("To cancel it, type `!vote close 1`."), asked.body());
    }

    @Test
    void redactingThePlanCommandAsksThePlannerInThePlanningRoomOnly() {
        EventId command = scene.say(ROOM, ALICE, "!sync plan \"Strike\" in 2 hours " + PARTNER.value());
        int partnerMessages = scene.messagesContaining(PARTNER, "").size();

        scene.deliver(scene.redaction(ROOM, MOD, command));

        OutgoingMessage asked = askedAbout(ROOM, "synchronized action #1").get(0).message();
        assertEquals("@alice:example.org: the message that created synchronized action #1 Strike was deleted. It is "
                + "still planned; nothing was cancelled. To cancel it, type `!sync cancel 1`.", asked.body());
        assertEquals(Set.of(ALICE), asked.mentions());
        assertEquals(partnerMessages, scene.messagesContaining(PARTNER, "").size(), "nothing in the partner room");
        assertEquals("PLANNED", scene.query("SELECT state FROM sync_actions WHERE id = 1"));
        assertEquals(List.of(ScheduleItem.State.SCHEDULED), scene.itemStates("sync", "sync:1"));
    }

    @Test
    void nobodyIsAskedWhenWhatTheCommandCreatedIsOverOrWhenItCreatedNothing() {
        EventId vote = scene.say(ROOM, ALICE, "!vote \"Lunch?\" pizza pasta");
        EventId ballot = scene.say(ROOM, BOB, "!v 1 pizza");
        scene.say(ROOM, ALICE, "!vote close 1");
        EventId plan = scene.say(ROOM, ALICE, "!sync plan \"Strike\" in 2 hours");
        scene.say(ROOM, ALICE, "!sync cancel 1");

        scene.deliver(scene.redaction(ROOM, BOB, ballot));
        scene.deliver(scene.redaction(ROOM, MOD, vote));
        scene.deliver(scene.redaction(ROOM, MOD, plan));

        assertEquals(List.of(), scene.messagesContaining(ROOM, "the message that created"));
    }

    @Test
    void anEditedVoteCommandNeverRunsAgain() {
        EventId command = scene.say(ROOM, ALICE, "!vote \"Lunch?\" pizza pasta");
        scene.deliver(new ChatEvent.Message(ROOM, scene.newId(), ALICE, scene.clock.instant(), "m.text",
                "!vote \"Lunch?\" pizza pasta salad", null, command, true));

        assertEquals(1, scene.polls.started().size());
        assertEquals("1", scene.query("SELECT COUNT(*) FROM vote_votes"));
        assertEquals(1, scene.messagesContaining(ROOM, "is open").size());
    }
}
