package org.assemblybot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.schedule.ScheduleItem;
import org.assemblybot.core.store.Outbox;
import org.assemblybot.testkit.FakeChat;
import org.assemblybot.testkit.TestDb;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * M6 through the real {@link Bot} and the real vote and countdown features: when the bot leaves or is removed
 * from a room, that room's open votes close without a result, what it planned is cancelled (the partner rooms
 * are told once), where it was only a partner it is dropped, and nothing more is sent there.
 */
class RoomRemovalTest {
    private static final RoomId ROOM = new RoomId("!assembly:example.org");
    private static final RoomId PARTNER = new RoomId("!partner:example.org");
    private static final RoomId THIRD = new RoomId("!third:example.org");
    private static final UserId ALICE = new UserId("@alice:example.org");
    private static final UserId BOB = new UserId("@bob:example.org");
    private static final UserId MOD = new UserId("@mod:example.org");

    @RegisterExtension
    final TestDb testDb = new TestDb();

    private FeatureBot scene;

    @BeforeEach
    void setUp() {
        scene = new FeatureBot(testDb.db(), List.of(ROOM, PARTNER, THIRD));
        for (RoomId room : List.of(ROOM, PARTNER, THIRD)) {
            scene.chat.member(room, ALICE).member(room, BOB).member(room, MOD)
                    .powerLevel(room, ALICE, FeatureBot.ORGANIZER_LEVEL);
        }
    }

    private long attemptsIn(RoomId room) {
        return scene.chat.sent().stream().filter(s -> s.room().equals(room)).count();
    }

    private String voteState(int id) {
        return scene.query("SELECT state FROM vote_votes WHERE id = ?", id);
    }

    private String actionState(int id) {
        return scene.query("SELECT state FROM sync_actions WHERE id = ?", id);
    }

    @ParameterizedTest
    @ValueSource(strings = {"leave", "ban"})
    void theRoomsOpenVotesCloseWithoutAResultAndTheirStepsAreCancelled(String change) {
        scene.say(ROOM, ALICE, "!vote \"Lunch?\" pizza pasta --close 10m");
        scene.say(ROOM, ALICE, "!vote \"Trust the plan?\" yes no --secret --close 10m");
        scene.say(PARTNER, ALICE, "!vote \"Elsewhere?\" yes no --close 10m");
        scene.say(ROOM, BOB, "!v 1 pizza");
        assertEquals("1", scene.query("SELECT COUNT(*) FROM vote_secret_salts WHERE vote_id = 2"));
        scene.chat.failNextSends(1);
        scene.say(ROOM, BOB, "!vote list"); // its reply waits in the outbox
        assertEquals(1, scene.outbox.pending().size());
        long sentInRoom = attemptsIn(ROOM);

        scene.deliver(scene.botMembership(ROOM, MOD, change));

        assertEquals("CLOSED", voteState(1));
        assertEquals("CLOSED", voteState(2));
        assertEquals("OPEN", voteState(3), "votes in other rooms go on");
        for (int id : List.of(1, 2)) {
            assertEquals(List.of(ScheduleItem.State.CANCELLED), scene.itemStates("vote", "vote:" + id));
        }
        assertEquals("0", scene.query("SELECT COUNT(*) FROM vote_secret_salts WHERE vote_id = 2"),
                "a secret vote's salt goes with its close");
        assertEquals(List.of(), scene.outbox.pending().stream().map(Outbox.Pending::room).toList(),
                "what waited for the room is dropped");

        scene.advanceTo(scene.clock.instant().plus(Duration.ofMinutes(30)));

        assertEquals(sentInRoom, attemptsIn(ROOM), "nothing more is sent to the room");
        assertEquals(List.of(), scene.polls.ended().stream().filter(e -> e.room().equals(ROOM)).toList());
        assertEquals(1, scene.messagesContaining(PARTNER, "Results of Vote #3").size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"leave", "ban"})
    void anActionPlannedInTheRoomIsCancelledAndItsPartnersAreToldOnce(String change) {
        scene.say(ROOM, ALICE, "!sync plan \"Strike\" in 2 hours " + PARTNER.value() + " " + THIRD.value());
        long sentInRoom = attemptsIn(ROOM);

        scene.deliver(scene.botMembership(ROOM, MOD, change));
        scene.deliver(scene.botMembership(ROOM, MOD, change)); // delivered again

        assertEquals("CANCELLED", actionState(1));
        assertEquals(List.of(ScheduleItem.State.CANCELLED), scene.itemStates("sync", "sync:1"));
        for (RoomId partner : List.of(PARTNER, THIRD)) {
            List<FakeChat.Sent> told = scene.messagesContaining(partner, "is cancelled: I was removed from the room "
                    + "that planned it");
            assertEquals(1, told.size(), partner.value());
            assertEquals("\u274C Synchronized action #1 Strike is cancelled: I was removed from the room that "
                    + "planned it.", told.get(0).message().body());
            List<FakeChat.Sent> edits = scene.editsIn(partner);
            assertEquals(1, edits.size());
            assertTrue(edits.get(0).message().body().startsWith("\u274C Cancelled — synchronized action #1"),
                    edits.get(0).message().body());
        }

        scene.advanceTo(scene.clock.instant().plus(Duration.ofHours(3)));

        assertEquals(sentInRoom, attemptsIn(ROOM), "nothing more is sent to the room");
        assertEquals(List.of(), scene.punctual.sendAllCalls(), "no GO anywhere");
        for (RoomId partner : List.of(PARTNER, THIRD)) {
            assertEquals(List.of(), scene.messagesContaining(partner, "GO — "));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"leave", "ban"})
    void whereTheRoomWasOnlyAPartnerItIsDroppedAndTheActionGoesOn(String change) {
        scene.say(PARTNER, ALICE, "!sync plan \"Strike\" in 2 hours " + ROOM.value() + " " + THIRD.value());
        long sentInRoom = attemptsIn(ROOM);

        scene.deliver(scene.botMembership(ROOM, MOD, change));

        assertEquals("PLANNED", actionState(1));
        assertEquals("dropped", scene.query("SELECT state FROM sync_rooms WHERE action_id = 1 AND room_id = ?",
                ROOM.value()));
        for (RoomId other : List.of(PARTNER, THIRD)) {
            assertEquals(1, scene.messagesContaining(other, "One group left synchronized action #1").size());
        }

        scene.advanceTo(scene.clock.instant().plus(Duration.ofHours(3)));

        assertEquals(sentInRoom, attemptsIn(ROOM), "nothing more is sent to the room");
        assertEquals(1, scene.messagesContaining(PARTNER, "GO — ").size());
        assertEquals(1, scene.messagesContaining(THIRD, "GO — ").size());
    }
}
