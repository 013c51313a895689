package org.assemblybot.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.OutgoingMessage;
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
}
