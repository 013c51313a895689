package org.assemblybot.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
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

    /** An edit by the bot of {@code original}, in place ({@code m.replace}), whose text contains the given. */
    private static Predicate<ChatEvent.Message> editOf(UserId bot, RoomId room, ChatEvent.Message original,
                                                      String containing) {
        return m -> m.sender().equals(bot) && m.room().equals(room) && original.id().equals(m.replaces())
                && m.body().contains(containing);
    }

    private static Predicate<ChatEvent.Message> notice(UserId bot, RoomId room, String containing) {
        return m -> m.isNotice() && m.sender().equals(bot) && m.room().equals(room) && m.replaces() == null
                && m.body().contains(containing);
    }
}
