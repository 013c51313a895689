package org.assemblybot.it;

import static org.assemblybot.testkit.BotEdits.editOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
 * A debrief commons in an encrypted room on the real homeserver: the organizer plans it a minute ahead and offers a
 * micro-role; two people sign up (the board is one message edited in place), with a restart of the bot between
 * them, and a third finds the role full; at debrief time the card and its three questions arrive; one person answers
 * the first question privately by direct message and the answer appears in the question's thread without her name.
 */
class DebriefIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration CARD_WAIT = Duration.ofMinutes(3);

    @TempDir
    static Path dir;

    @Test
    void cardSignupsBoardEditedInPlaceAPrivateAnswerAndARestart() {
        try (BotScene scene = BotScene.start(dir, Map.of())) {
            Synapse homeserver = scene.homeserver();
            Person alice = scene.person();
            UserId bot = scene.bot();
            RoomId room = scene.room("debrief", true);
            try (Person bea = Person.login(homeserver, homeserver.register("bea"), dir.resolve("bea"));
                 Person cem = Person.login(homeserver, homeserver.register("cem"), dir.resolve("cem"))) {
                for (Person person : new Person[] {bea, cem}) {
                    alice.chat().invite(room, person.id());
                    assertTrue(alice.chat().awaitJoined(room, person.id(), WAIT));
                }

                alice.say(room, "!debrief start \"Blockade at the port\" in 2m");
                alice.await(notice(bot, room, "📋 Debrief #1 Blockade at the port"), WAIT);
                alice.say(room, "!debrief roles add comms 2");
                ChatEvent.Message board = alice.await(notice(bot, room, "Micro-roles from debrief"), WAIT);
                assertTrue(board.encrypted(), "the board is encrypted like the room");

                bea.say(room, "!signup comms");
                bea.await(notice(bot, room, "🙌 You hold comms"), WAIT);
                alice.await(editOf(bot, room, board, "comms 1/2"), WAIT);

                // A restart between two signups loses and repeats nothing; the board is still edited in place.
                scene.process().stop();
                scene.startBot();
                cem.say(room, "!signup comms");
                cem.await(notice(bot, room, "🙌 You hold comms"), WAIT);
                String full = alice.await(editOf(bot, room, board, "comms 2/2"), WAIT).body();
                assertTrue(full.contains(bea.id().value()) && full.contains(cem.id().value()), full);
                alice.say(room, "!signup comms");
                alice.await(notice(bot, room, "⏳ comms is full (2/2)"), WAIT);

                // The card and its three questions, each its own message (and thread).
                alice.await(notice(bot, room, "Debrief commons: Blockade at the port"), CARD_WAIT);
                ChatEvent.Message witness = alice.await(notice(bot, room, "What did you witness?"), WAIT);
                alice.await(notice(bot, room, "What skill did you use, or wish you had?"), WAIT);
                alice.await(notice(bot, room, "What do you want to build next?"), WAIT);

                // Bea answers privately; the room keeps her words, without her name.
                bea.say(room, "!answers");
                ChatEvent.Message asked = bea.await(m -> m.isNotice() && m.sender().equals(bot)
                        && !m.room().equals(room) && m.body().contains("What did you witness?"), WAIT);
                assertTrue(asked.encrypted(), "the direct room is encrypted");
                bea.say(asked.room(), "Dockworkers joined us at dawn with coffee");
                ChatEvent.Message relayed = alice.await(m -> m.sender().equals(bot) && m.room().equals(room)
                        && witness.id().equals(m.threadRoot()) && m.body().contains("Dockworkers joined us"), WAIT);
                assertFalse(relayed.body().contains(bea.id().value()) || relayed.body().contains("bea"),
                        relayed.body());

                assertEquals(1, alice.received(notice(bot, room, "Micro-roles from debrief")).size(),
                        "one board, edited in place");
                assertEquals(1, alice.received(notice(bot, room, "Debrief commons:")).size(), "one card");
            }
        }
    }

    private static Predicate<ChatEvent.Message> notice(UserId bot, RoomId room, String containing) {
        return m -> m.isNotice() && m.sender().equals(bot) && m.room().equals(room) && m.replaces() == null
                && m.body().contains(containing);
    }
}
