package org.assemblybot.it;

import static org.assemblybot.testkit.BotEdits.editOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.testkit.BotScene;
import org.assemblybot.testkit.Person;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A synchronized action across three encrypted rooms on the real homeserver, on a compressed timeline.
 * The bot is killed (SIGKILL, no shutdown) between the last notice and T0 and started again: the GO still
 * arrives in every room, exactly once. A ✋ on an announcement counts and the announcements are edited in place,
 * as is the live countdown (edits are filtered out of the message checks and checked on their own).
 */
class SyncActionIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    @Test
    void goArrivesOnceInEveryRoomAfterAKillBetweenTheLastNoticeAndT0() {
        try (BotScene scene = BotScene.start(dir, Map.of())) {
            Person alice = scene.person();
            UserId bot = scene.bot();
            RoomId origin = scene.room("origin", true);
            RoomId kyiv = scene.room("kyiv", true);
            RoomId bogota = scene.room("bogota", true);
            List<RoomId> rooms = List.of(origin, kyiv, bogota);

            Instant t0 = Instant.now().plusSeconds(45).truncatedTo(ChronoUnit.SECONDS);
            alice.say(origin, "!sync plan \"Minute of silence\" " + t0 + " " + kyiv.value() + " " + bogota.value()
                    + " --zones Europe/Kyiv,America/Bogota --notices 30s,20s --duration 5s");
            alice.await(notice(bot, origin, "Planned #1"), WAIT);
            for (RoomId room : rooms) {
                alice.await(notice(bot, room, "Synchronized action #1"), WAIT);
            }
            // ✋ on the announcement in Kyiv: an RSVP, which needs the announcement's event id from the send.
            ChatEvent.Message kyivAnnouncement = alice.await(notice(bot, kyiv, "Synchronized action #1"), WAIT);
            ChatEvent.Message originAnnouncement = alice.await(notice(bot, origin, "Synchronized action #1"), WAIT);
            alice.chat().react(kyiv, "rsvp-" + t0.toEpochMilli(), kyivAnnouncement.id(), "\u270B");
            // The last notice, then a power cut.
            for (RoomId room : rooms) {
                alice.await(notice(bot, room, "GO in 20 seconds"), WAIT);
            }
            scene.process().kill();
            scene.startBot();

            for (RoomId room : rooms) {
                ChatEvent.Message go = alice.await(notice(bot, room, "GO — Minute of silence"), WAIT);
                long offset = Duration.between(t0, go.sentAt()).toMillis();
                assertTrue(offset > -500 && offset < 5_000, "GO stamped " + offset + " ms from T0 in " + room);
                assertTrue(go.encrypted());
            }
            for (RoomId room : rooms) {
                alice.await(notice(bot, room, "ends now"), WAIT);
                assertEquals(1, alice.received(notice(bot, room, "GO — Minute of silence")).size(),
                        "exactly one GO in " + room);
                assertEquals(1, alice.received(notice(bot, room, "GO in 20 seconds")).size());
            }
            // The ✋ counted: both announcements were edited in place with the turnout.
            alice.await(editOf(bot, kyiv, kyivAnnouncement, "1 person in 1 group so far (1 here)"), WAIT);
            alice.await(editOf(bot, origin, originAnnouncement, "1 person in 1 group so far (0 here)"), WAIT);
            // The live countdown was edited in place, down to "GO now.", in every room.
            for (RoomId room : rooms) {
                ChatEvent.Message countdown = alice.await(notice(bot, room, "\u23F1"), WAIT);
                alice.await(editOf(bot, room, countdown, "GO now."), WAIT);
                assertEquals(1, alice.received(notice(bot, room, "\u23F1")).size(), "one countdown message");
            }
        }
    }

    /**
     * Partner rooms consent: Alice organizes the planning room but is only a member of Lima and Oslo, where Bob
     * (a second real client) is the organizer. Lima is named by its alias, which the bot resolves from its own
     * state. Bob accepts in Lima and says nothing in Oslo: Lima takes part up to the END; Oslo only ever gets
     * the one request.
     */
    @Test
    void aPartnerRoomTakesPartOnlyOnceItsOwnOrganizerAccepts() {
        Path here = dir.resolve("consent");
        try (BotScene scene = BotScene.start(here, Map.of());
             Person bob = Person.login(scene.homeserver(), scene.homeserver().register("bob"), here.resolve("bob"))) {
            Person alice = scene.person();
            UserId bot = scene.bot();
            RoomId origin = scene.room("origin", true);
            RoomId lima = roomOrganizedBy(scene, bob, "lima");
            RoomId oslo = roomOrganizedBy(scene, bob, "oslo");
            String limaAlias = "#lima-" + UUID.randomUUID().toString().substring(0, 8) + ":"
                    + bot.value().substring(bot.value().indexOf(':') + 1);
            alice.chat().setCanonicalAlias(lima, limaAlias);
            alice.chat().setPowerLevels(lima, Map.of(bob.id(), 100L, alice.id(), 0L));
            alice.chat().setPowerLevels(oslo, Map.of(bob.id(), 100L, alice.id(), 0L));

            Instant t0 = Instant.now().plusSeconds(50).truncatedTo(ChronoUnit.SECONDS);
            alice.say(origin, "!sync plan \"Minute of silence\" " + t0 + " " + limaAlias + " " + oslo.value()
                    + " --notices 20s --duration 5s");
            ChatEvent.Message planned = alice.await(notice(bot, origin, "Planned #1"), WAIT);
            assertTrue(planned.body().contains("Announced in 1 room. Asked 2 rooms"), planned.body());
            for (RoomId room : List.of(lima, oslo)) {
                bob.await(notice(bot, room, "asks this room to take part in synchronized action #1"), WAIT);
            }

            bob.say(lima, "!sync accept 1");
            bob.await(notice(bot, lima, "Synchronized action #1: Minute of silence"), WAIT);
            alice.await(notice(bot, origin, "takes part in synchronized action #1"), WAIT);
            for (RoomId room : List.of(origin, lima)) {
                ChatEvent.Message go = alice.await(notice(bot, room, "GO — Minute of silence"), WAIT);
                assertTrue(go.body().contains("2 groups"), go.body());
                assertTrue(go.encrypted());
            }
            for (RoomId room : List.of(origin, lima)) {
                alice.await(notice(bot, room, "ends now"), WAIT);
            }
            List<String> inOslo = alice.received(m -> m.sender().equals(bot) && m.room().equals(oslo)).stream()
                    .map(ChatEvent.Message::body).toList();
            assertEquals(1, inOslo.size(), "only the request in the room that did not answer: " + inOslo);
        }
    }

    /** A room the person creates (so the bot, invited by her, joins) and {@code organizer} joins too. */
    private static RoomId roomOrganizedBy(BotScene scene, Person organizer, String name) {
        RoomId room = scene.room(name, true);
        scene.person().chat().invite(room, organizer.id());
        assertTrue(organizer.chat().awaitJoined(room, organizer.id(), WAIT), organizer.id() + " joins " + name);
        return room;
    }

    private static Predicate<ChatEvent.Message> notice(UserId bot, RoomId room, String containing) {
        return m -> m.isNotice() && m.sender().equals(bot) && m.room().equals(room) && m.replaces() == null
                && m.body().contains(containing);
    }
}
