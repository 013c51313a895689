package org.assemblybot.it;

import static org.assemblybot.testkit.BotEdits.editOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.testkit.BotScene;
import org.assemblybot.testkit.Person;
import org.assemblybot.testkit.Synapse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole rotation cycle in an encrypted room on the real homeserver, in a few minutes: a per-assembly role over
 * one-off assemblies two minutes apart. Two people volunteer; the assembly reminder names the holder; the successor
 * is asked (in the room and by direct message), the bot restarts, she accepts; the checklist reminder and the
 * handover arrive decrypted; the pinned roster is one message edited in place; nothing is sent twice.
 */
class RotationIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** The handover waits for the second assembly, four minutes after the first commands. */
    private static final Duration HANDOVER_WAIT = Duration.ofMinutes(5);

    @TempDir
    static Path dir;

    @Test
    void volunteerAskedRestartAcceptReminderAndHandover() {
        try (BotScene scene = BotScene.start(dir, Map.of())) {
            Synapse homeserver = scene.homeserver();
            Person alice = scene.person();
            UserId bot = scene.bot();
            RoomId room = scene.room("assembly", true);
            try (Person bea = Person.login(homeserver, homeserver.register("bea"), dir.resolve("bea"))) {
                alice.chat().invite(room, bea.id());
                assertTrue(alice.chat().awaitJoined(room, bea.id(), WAIT));

                // Three assemblies: two minutes from now (with a reminder one minute ahead), four minutes, tomorrow.
                alice.say(room, "!assembly add in 2m --notices 1m");
                alice.await(notice(bot, room, "One-off assembly"), WAIT);
                alice.say(room, "!assembly add in 4m --notices none");
                alice.await(noticeCount(bot, room, "One-off assembly", 2), WAIT);
                alice.say(room, "!assembly add in 1d --notices none");
                alice.await(noticeCount(bot, room, "One-off assembly", 3), WAIT);

                alice.say(room, "!role add Facilitation --term assembly --checklist \"bring the keys; print the agenda\"");
                alice.await(notice(bot, room, "Role Facilitation added"), WAIT);
                alice.say(room, "!role volunteer Facilitation");
                alice.await(notice(bot, room, "You are in the pool for Facilitation"), WAIT);
                ChatEvent.Message roster = alice.await(notice(bot, room, "🔄 Roles"), WAIT);
                bea.say(room, "!role volunteer Facilitation");
                bea.await(notice(bot, room, "You are in the pool for Facilitation"), WAIT);
                alice.await(editOf(bot, room, roster, "next in line: " + bea.id().value()), WAIT);

                // The assembly reminder names who facilitates it.
                String reminder = alice.await(notice(bot, room, "📅 Assembly in"), WAIT).body();
                assertTrue(reminder.contains("Facilitation: " + alice.id().value()), reminder);

                // At the first assembly the successor is asked: in the room and by direct message.
                ChatEvent.Message asked = bea.await(notice(bot, room, "you are next in line"), HANDOVER_WAIT);
                assertTrue(asked.encrypted(), "the request is encrypted like the room");
                ChatEvent.Message direct = bea.await(m -> m.isNotice() && m.sender().equals(bot) && !m.room().equals(room)
                        && m.body().contains("You are asked to take Facilitation"), WAIT);
                assertTrue(direct.encrypted(), "the direct room is encrypted");

                // A restart between the question and the answer loses and repeats nothing.
                scene.process().stop();
                scene.startBot();
                bea.say(room, "!role accept Facilitation");
                bea.await(notice(bot, room, "Thank you: you take Facilitation"), WAIT);
                alice.await(editOf(bot, room, asked, "accepted"), WAIT);
                String checklist = bea.await(m -> m.isNotice() && m.sender().equals(bot) && !m.room().equals(room)
                        && m.body().startsWith("Reminder: on"), WAIT).body();
                assertTrue(checklist.contains("bring the keys; print the agenda"), checklist);

                // The handover at the second assembly, once.
                String handover = alice.await(notice(bot, room, "🔄 Handover"), HANDOVER_WAIT).body();
                assertTrue(handover.contains("takes Facilitation over from"), handover);
                alice.await(editOf(bot, room, roster, "): " + bea.id().value() + " until"), WAIT);

                assertEquals(1, alice.received(notice(bot, room, "🔄 Handover")).size(), "one handover");
                // Bea was asked once (the handover starts the next cycle, which asks Alice for the term after).
                assertEquals(1, alice.received(notice(bot, room, bea.id().value() + ", you are next in line")).size(),
                        "Bea asked once: " + alice.received(notice(bot, room, "you are next in line")));
                assertEquals(1, alice.received(notice(bot, room, "🔄 Roles")).size(), "one roster, edited in place");
                assertEquals(1, alice.received(notice(bot, room, "📅 Assembly in")).size(), "one assembly reminder");
            }
        }
    }

    private static Predicate<ChatEvent.Message> notice(UserId bot, RoomId room, String containing) {
        return m -> m.isNotice() && m.sender().equals(bot) && m.room().equals(room) && m.replaces() == null
                && m.body().contains(containing);
    }

    /** The n-th such notice has arrived. */
    private static Predicate<ChatEvent.Message> noticeCount(UserId bot, RoomId room, String containing, int n) {
        int[] seen = {0};
        Predicate<ChatEvent.Message> one = notice(bot, room, containing);
        return m -> one.test(m) && ++seen[0] >= n;
    }
}
