package org.assemblybot.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.OutgoingMessage;
import org.assemblybot.core.chat.Polls;
import org.assemblybot.core.chat.RoomId;
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
}
