package org.assemblybot.it;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.assemblybot.core.chat.Attachment;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.ChatRefusedException;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.FileSender;
import org.assemblybot.core.chat.OutgoingMessage;
import org.assemblybot.core.chat.Polls;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.RoomPins;
import org.assemblybot.core.chat.SharedFile;
import org.assemblybot.testkit.Person;
import org.assemblybot.testkit.Synapse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Matrix adapter between two real clients on the real homeserver, in an encrypted room. */
class MatrixAdapterIT {
    @TempDir
    Path dir;

    @Test
    void encryptedMessagesThreadsAndEditsRoundTrip() {
        Synapse homeserver = Synapse.get();
        try (Person alice = Person.login(homeserver, homeserver.register("alice"), dir.resolve("alice"));
             Person bob = Person.login(homeserver, homeserver.register("bob"), dir.resolve("bob"))) {
            RoomId room = alice.createRoom("adapter", true, bob.id());
            assertTrue(alice.chat().awaitJoined(room, bob.id(), Duration.ofSeconds(30)));
            assertTrue(alice.chat().isEncrypted(room));

            EventId hello = alice.say(room, "hello <b>bob</b>");
            ChatEvent.Message received = bob.await(m -> m.id().equals(hello), Duration.ofSeconds(30));
            assertEquals("hello <b>bob</b>", received.body());
            assertTrue(received.encrypted());
            assertEquals(alice.id(), received.sender());

            EventId answer = bob.chat().send(room, "t-1", OutgoingMessage.notice("in thread", "<em>in thread</em>")
                    .inThread(hello, hello));
            ChatEvent.Message threaded = alice.await(m -> m.id().equals(answer), Duration.ofSeconds(30));
            assertTrue(threaded.isNotice());
            assertEquals(hello, threaded.threadRoot());

            EventId edit = bob.chat().edit(room, "t-2", answer, OutgoingMessage.notice("edited", null));
            ChatEvent.Message edited = alice.await(m -> m.id().equals(edit), Duration.ofSeconds(30));
            assertEquals(answer, edited.replaces());

            // The same transaction id again is the same event (M1).
            EventId again = bob.chat().send(room, "t-1", OutgoingMessage.notice("in thread", null));
            assertEquals(answer, again);
        }
    }

    @Test
    void nativePollsStartRespondAndEndInAnEncryptedRoom() {
        Synapse homeserver = Synapse.get();
        try (Person alice = Person.login(homeserver, homeserver.register("alice"), dir.resolve("alice"));
             Person bob = Person.login(homeserver, homeserver.register("bob"), dir.resolve("bob"))) {
            RoomId room = alice.createRoom("polls", true, bob.id());
            assertTrue(alice.chat().awaitJoined(room, bob.id(), Duration.ofSeconds(30)));
            EventId poll = alice.chat().startPoll(room, "poll-1", new Polls.PollStart("Where do we meet?",
                    List.of(new Polls.Answer("1", "Park"), new Polls.Answer("2", "Library")), 1, true,
                    "Where do we meet? 1. Park 2. Library"));

            EventId response = bob.chat().respondToPoll(room, "resp-1", poll, List.of("2"));
            ChatEvent.PollResponse received = (ChatEvent.PollResponse) alice.awaitEvent(
                    e -> e.id().equals(response), Duration.ofSeconds(30));
            assertEquals(poll, received.poll());
            assertEquals(List.of("2"), received.answers());
            assertEquals(bob.id(), received.sender());

            EventId end = alice.chat().endPoll(room, "end-1", poll, "Library: 1 vote");
            assertEquals(end, alice.chat().endPoll(room, "end-1", poll, "Library: 1 vote"), "same txn id, same event");
        }
    }

    @Test
    void pinsAreAddedKeptAndRemovedWhereTheBotsLevelAllows() {
        Synapse homeserver = Synapse.get();
        // The bot's side is the adapter as Wiring builds it; the person is a second real client.
        try (Person bot = Person.login(homeserver, homeserver.register("bot"), dir.resolve("bot"));
             Person person = Person.login(homeserver, homeserver.register("person"), dir.resolve("person"))) {
            RoomPins pins = bot.chat().pins();
            RoomId room = bot.createRoom("pins", true, person.id());
            assertTrue(bot.chat().awaitJoined(room, person.id(), Duration.ofSeconds(30)));
            assertTrue(pins.maySetPins(room), "the room's creator is its admin");
            EventId first = bot.say(room, "roster");
            EventId second = bot.say(room, "board");

            pins.pin(room, first);
            assertEquals(List.of(first), person.chat().pinnedEvents(room));
            pins.pin(room, second);
            assertEquals(List.of(first, second), person.chat().pinnedEvents(room), "the first pin is kept");
            pins.pin(room, first);
            assertEquals(List.of(first, second), person.chat().pinnedEvents(room), "pinning again changes nothing");
            pins.unpin(room, first);
            assertEquals(List.of(second), person.chat().pinnedEvents(room));
            pins.unpin(room, first);
            assertEquals(List.of(second), person.chat().pinnedEvents(room), "unpinning again changes nothing");
        }
    }

    @Test
    void theBotMayNotSetPinsBelowThePinnedEventsLevel() {
        Synapse homeserver = Synapse.get();
        try (Person bot = Person.login(homeserver, homeserver.register("bot"), dir.resolve("bot"));
             Person person = Person.login(homeserver, homeserver.register("person"), dir.resolve("person"))) {
            RoomId room = person.createRoom("their pins", true, bot.id());
            assertTrue(person.chat().awaitJoined(room, bot.id(), Duration.ofSeconds(30)));
            EventId message = person.say(room, "agenda");
            // The bot is a moderator, enough for ordinary state (state_default 50), but pins need more here.
            person.chat().setPowerLevels(room, Map.of(bot.id(), 50L), Map.of("m.room.pinned_events", 75L));
            RoomPins pins = bot.chat().pins();
            awaitTrue(() -> bot.chat().powerLevel(room, bot.id()) == 50L, "the bot sees its new level");

            assertFalse(pins.maySetPins(room));
            assertThrows(ChatRefusedException.class, () -> pins.pin(room, message), "M8: checked before trying");
            assertEquals(List.of(), person.chat().pinnedEvents(room));

            person.chat().setPowerLevels(room, Map.of(bot.id(), 50L), Map.of("m.room.pinned_events", 50L));
            awaitTrue(() -> pins.maySetPins(room), "the bot sees the lower level");
            pins.pin(room, message);
            assertEquals(List.of(message), person.chat().pinnedEvents(room));
        }
    }

    @Test
    void aFileIsEncryptedUploadedAndReadByThePersonInAnEncryptedRoom() {
        Synapse homeserver = Synapse.get();
        // The bot's side is the adapter as Wiring builds it; the person is a second real client.
        try (Person bot = Person.login(homeserver, homeserver.register("bot"), dir.resolve("bot"));
             Person person = Person.login(homeserver, homeserver.register("person"), dir.resolve("person"))) {
            FileSender files = bot.chat().files();
            RoomId room = bot.createRoom("files", true, person.id());
            assertTrue(bot.chat().awaitJoined(room, person.id(), Duration.ofSeconds(30)));
            EventId command = person.say(room, "!role history chair --file");
            bot.await(m -> m.id().equals(command), Duration.ofSeconds(30));
            byte[] markdown = "# Chair\n\n| from | who |\n|---|---|\n| 2026-05 | Ana |\n".getBytes(UTF_8);

            EventId sent = files.sendFile(room, "file-1", new Attachment("chair-history.md",
                    "text/markdown; charset=utf-8", markdown, "History of the chair"), command);
            ChatEvent.File received = (ChatEvent.File) person.awaitEvent(e -> e.id().equals(sent),
                    Duration.ofSeconds(30));
            assertEquals("m.file", received.msgtype());
            assertTrue(received.encrypted(), "the event is encrypted");
            assertTrue(person.chat().isEncryptedAttachment(received), "the file is an encrypted attachment");
            assertEquals("chair-history.md", received.fileName());
            assertEquals("text/markdown; charset=utf-8", received.mimeType());
            assertEquals(Long.valueOf(markdown.length), received.size());
            assertEquals(command, received.threadRoot());
            assertEquals(bot.id(), received.sender());
            assertArrayEquals(markdown, person.chat().download(received), "decrypted: the same bytes");
            assertFalse(Arrays.equals(markdown, person.chat().downloadAsStored(received)),
                    "the homeserver holds only ciphertext");

            // M1: the same transaction id again is the same event.
            assertEquals(sent, files.sendFile(room, "file-1", new Attachment("chair-history.md",
                    "text/markdown; charset=utf-8", markdown, "History of the chair"), command));

            EventId voice = files.sendFile(room, "file-2", new Attachment("note.ogg", "audio/ogg", new byte[] {1, 2, 3}),
                    null);
            ChatEvent.File audio = (ChatEvent.File) person.awaitEvent(e -> e.id().equals(voice), Duration.ofSeconds(30));
            assertEquals("m.audio", audio.msgtype());
            assertArrayEquals(new byte[] {1, 2, 3}, person.chat().download(audio));
        }
    }

    @Test
    void aFileIsUploadedAsItIsInAnUnencryptedRoom() {
        Synapse homeserver = Synapse.get();
        try (Person bot = Person.login(homeserver, homeserver.register("bot"), dir.resolve("bot"));
             Person person = Person.login(homeserver, homeserver.register("person"), dir.resolve("person"))) {
            RoomId room = bot.createRoom("plain files", false, person.id());
            assertTrue(bot.chat().awaitJoined(room, person.id(), Duration.ofSeconds(30)));
            assertFalse(bot.chat().isEncrypted(room));
            byte[] text = "plain minutes".getBytes(UTF_8);
            EventId sent = bot.chat().files().sendFile(room, "plain-1", new Attachment("minutes.txt", "text/plain",
                    text), null);
            ChatEvent.File received = (ChatEvent.File) person.awaitEvent(e -> e.id().equals(sent),
                    Duration.ofSeconds(30));
            assertFalse(received.encrypted());
            assertFalse(person.chat().isEncryptedAttachment(received), "a plain upload, with url");
            assertArrayEquals(text, person.chat().download(received));
        }
    }

    @Test
    void aVoiceNoteAPersonSentIsRepostedInAThreadElsewhereWithoutAnUpload() {
        Synapse homeserver = Synapse.get();
        try (Person bot = Person.login(homeserver, homeserver.register("bot"), dir.resolve("bot"));
             Person person = Person.login(homeserver, homeserver.register("person"), dir.resolve("person"))) {
            RoomId direct = person.createRoom("direct", true, bot.id());
            assertTrue(person.chat().awaitJoined(direct, bot.id(), Duration.ofSeconds(30)));
            byte[] voice = new byte[6 * 1024];
            new java.util.Random(7).nextBytes(voice);
            EventId note = person.chat().files().sendFile(direct, "voice-1", new Attachment("voice-note.ogg",
                    "audio/ogg", voice), null);
            ChatEvent.File received = (ChatEvent.File) bot.awaitEvent(e -> e.id().equals(note),
                    Duration.ofSeconds(30));
            assertTrue(bot.chat().isEncryptedAttachment(received), "what arrived is an encrypted attachment");

            RoomId group = bot.createRoom("mirror", true, person.id());
            assertTrue(bot.chat().awaitJoined(group, person.id(), Duration.ofSeconds(30)));
            EventId card = bot.say(group, "card: a voice from the picket");
            SharedFile shared = SharedFile.from(received);
            EventId forwarded = bot.chat().files().forwardFile(group, "forward-1", shared, card);

            ChatEvent.File seen = (ChatEvent.File) person.awaitEvent(e -> e.id().equals(forwarded),
                    Duration.ofSeconds(30));
            assertEquals(group, seen.room());
            assertEquals("m.audio", seen.msgtype());
            assertEquals(card, seen.threadRoot());
            assertTrue(seen.encrypted(), "the event, which carries the key, is encrypted");
            assertEquals("voice-note.ogg", seen.fileName());
            assertEquals("audio/ogg", seen.mimeType());
            assertEquals(Long.valueOf(voice.length), seen.size());
            assertEquals(received.media(), seen.media(), "the same stored media: nothing was uploaded again");
            assertArrayEquals(voice, person.chat().download(seen), "decrypted: the bytes the person sent");

            // M1: the same transaction id again is the same event.
            assertEquals(forwarded, bot.chat().files().forwardFile(group, "forward-1", shared, card));

            // Its key must not be published in an unencrypted room; a plain file may go there.
            RoomId open = person.createRoom("open", false, bot.id());
            assertTrue(person.chat().awaitJoined(open, bot.id(), Duration.ofSeconds(30)));
            assertTrue(bot.chat().awaitJoined(open, bot.id(), Duration.ofSeconds(30)));
            assertFalse(bot.chat().isEncrypted(open));
            ChatRefusedException refused = assertThrows(ChatRefusedException.class,
                    () -> bot.chat().files().forwardFile(open, "forward-2", shared, null));
            assertTrue(refused.getMessage().contains("is not encrypted"), refused.getMessage());
            assertFalse(refused.getMessage().contains("voice-note"), refused.getMessage());
            EventId minutes = person.chat().files().sendFile(open, "plain-1", new Attachment("minutes.txt",
                    "text/plain", "minutes".getBytes(UTF_8)), null);
            ChatEvent.File plain = (ChatEvent.File) bot.awaitEvent(e -> e.id().equals(minutes),
                    Duration.ofSeconds(30));
            EventId again = bot.chat().files().forwardFile(open, "forward-3", SharedFile.from(plain), minutes);
            ChatEvent.File plainSeen = (ChatEvent.File) person.awaitEvent(e -> e.id().equals(again),
                    Duration.ofSeconds(30));
            assertFalse(plainSeen.encrypted());
            assertEquals(minutes, plainSeen.threadRoot());
            assertArrayEquals("minutes".getBytes(UTF_8), person.chat().download(plainSeen));
        }
    }

    /** Local room state follows the sync: wait for it, bounded. */
    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
