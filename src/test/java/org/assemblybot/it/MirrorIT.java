package org.assemblybot.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;
import org.assemblybot.core.chat.Attachment;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.testkit.BotScene;
import org.assemblybot.testkit.Person;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The global mirror on the real homeserver, in encrypted rooms, over one assembly two minutes away: the mirror is
 * turned on with a partner room to share with; the volunteer gets the brief by direct message, sets the spotlight
 * from there and sends a voice note; at the assembly the card appears in the group room and in the partner room,
 * and the voice note, still decryptable, in the card's thread.
 */
class MirrorIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Duration CARD_WAIT = Duration.ofMinutes(3);

    @TempDir
    static Path dir;

    @Test
    void briefByDirectMessageSetFromThereCardInRoomAndPartnerRoomWithTheVoiceNote() {
        try (BotScene scene = BotScene.start(dir, Map.of())) {
            Person alice = scene.person();
            UserId bot = scene.bot();
            RoomId room = scene.room("assembly", true);
            RoomId partner = scene.room("partner", true);

            alice.say(room, "!assembly add in 2m --notices none");
            alice.await(notice(bot, room, "One-off assembly"), WAIT);
            alice.say(room, "!mirror on --share " + partner.value());
            alice.await(notice(bot, room, "Global mirror on"), WAIT);
            // The brief is due at once (the assembly is less than two days away), but nobody holds the role yet.
            alice.await(notice(bot, room, "Nobody holds Mirror researcher"), WAIT);
            alice.say(room, "!role volunteer \"Mirror researcher\"");
            ChatEvent.Message brief = alice.await(m -> m.isNotice() && m.sender().equals(bot) && !m.room().equals(room)
                    && !m.room().equals(partner) && m.body().contains("you research the spotlight"), WAIT);
            assertTrue(brief.encrypted(), "the direct room is encrypted");
            RoomId direct = brief.room();

            alice.say(direct, "!mirror set Chile | Water defenders in Petorca resist avocado plantations | "
                    + "https://example.org/petorca | How does our water march echo theirs?");
            String confirmation = alice.await(notice(bot, direct, "Set for the assembly"), WAIT).body();
            assertTrue(confirmation.contains("Chile (South America · Americas)"), confirmation);
            byte[] voice = new byte[3000];
            new Random(7).nextBytes(voice);
            alice.chat().files().sendFile(direct, "voice-note-1", new Attachment("voice-note.ogg", "audio/ogg", voice),
                    null);
            alice.await(notice(bot, direct, "Got your voice note"), WAIT);

            ChatEvent.Message card = alice.await(notice(bot, room, "Global mirror: Chile"), CARD_WAIT);
            assertTrue(card.encrypted() && card.body().contains("https://example.org/petorca")
                    && card.body().contains("Researched by " + alice.id().value()), card.body());
            ChatEvent.Message shared = alice.await(notice(bot, partner, "is looking at your part of the world"), WAIT);
            assertTrue(shared.body().contains("Global mirror: Chile"), shared.body());
            ChatEvent.File note = (ChatEvent.File) alice.awaitEvent(e -> e instanceof ChatEvent.File f
                    && f.sender().equals(bot) && f.room().equals(room) && card.id().equals(f.threadRoot()), WAIT);
            assertTrue(note.isAudio() && note.encrypted(), note.toString());
            assertArrayEquals(voice, alice.chat().download(note), "the voice note plays as it was recorded");

            alice.say(room, "!mirror history");
            assertTrue(alice.await(notice(bot, room, "Global mirror history"), WAIT).body()
                    .contains("Chile (South America · Americas) — Water defenders"));
            assertEquals(1, alice.received(notice(bot, room, "Global mirror: Chile")).size(), "one card");
        }
    }

    private static Predicate<ChatEvent.Message> notice(UserId bot, RoomId room, String containing) {
        return m -> m.isNotice() && m.sender().equals(bot) && m.room().equals(room) && m.replaces() == null
                && m.body().contains(containing);
    }
}
