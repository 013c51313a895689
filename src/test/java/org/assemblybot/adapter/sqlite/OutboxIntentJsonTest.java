package org.assemblybot.adapter.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.assemblybot.core.chat.Attachment;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.OutgoingMessage;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.SharedFile;
import org.assemblybot.core.store.Outbox;
import org.assemblybot.testkit.TestDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The stored form of outbox intents: files, re-posted files, and rows written before files existed. */
class OutboxIntentJsonTest {
    private static final RoomId ROOM = new RoomId("!room:example.org");
    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");

    @RegisterExtension
    final TestDb testDb = new TestDb();

    /** An encrypted file's reference as the Matrix adapter writes it (opaque here). */
    private static final String ENCRYPTED_MEDIA = "{\"url\":\"mxc://example.org/abc\",\"key\":{\"k\":\"qcHVMSgYg\"},"
            + "\"iv\":\"X85+XgHN+HEAAAAAAAAAAA\",\"hashes\":{\"sha256\":\"2f6I\"},\"v\":\"v2\"}";

    private static byte[] everyByte() {
        byte[] bytes = new byte[512];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    @Test
    void aFileRoundTripsWithItsBytesThreadAndCaption() {
        Outbox.File file = new Outbox.File(new Attachment("history.md", "text/markdown; charset=utf-8", everyByte(),
                "The rotation so far"), new EventId("$root"));
        Outbox.Intent read = OutboxIntentJson.read(OutboxIntentJson.write(file));
        assertEquals(file, read);
        assertArrayEquals(everyByte(), ((Outbox.File) read).file().bytes());
    }

    @Test
    void aFileWithoutThreadOrCaptionRoundTrips() {
        Outbox.File file = new Outbox.File(new Attachment("note.ogg", "audio/ogg", new byte[] {1, 2, 3}), null);
        assertEquals(file, OutboxIntentJson.read(OutboxIntentJson.write(file)));
    }

    @Test
    void theBytesAreStoredAsBase64() {
        String json = OutboxIntentJson.write(new Outbox.File(Attachment.markdown("a.md", "# Roles", null), null));
        assertTrue(json.contains("\"content\":\"IyBSb2xlcw==\""), json);
        assertTrue(json.contains("\"type\":\"file\""), json);
    }

    @Test
    void aReForwardedFileRoundTripsWithItsMediaReferenceThreadAndCaption() {
        Outbox.Forward forward = new Outbox.Forward(new SharedFile("m.audio", "voice.ogg", "audio/ogg", 4096L,
                ENCRYPTED_MEDIA, "From the assembly in Lyon"), new EventId("$card"));
        assertEquals(forward, OutboxIntentJson.read(OutboxIntentJson.write(forward)));

        Outbox.Forward bare = new Outbox.Forward(new SharedFile("m.file", "minutes.pdf", null, null,
                "mxc://example.org/plain", null), null);
        assertEquals(bare, OutboxIntentJson.read(OutboxIntentJson.write(bare)));
        assertTrue(OutboxIntentJson.write(bare).contains("\"type\":\"forward\""));
    }

    @Test
    void rowsWrittenBeforeFilesExistedStillRead() {
        String old = "{\"type\":\"pin\",\"pollEvent\":\"$board\"}";
        assertEquals(new Outbox.Pin(new EventId("$board")), OutboxIntentJson.read(old));
        String message = "{\"kind\":\"NOTICE\",\"body\":\"hi\",\"mentions\":[]}";
        assertEquals("hi", ((Outbox.Message) OutboxIntentJson.read(message)).message().body());
    }

    @Test
    void aQueuedFileComesBackFromTheDatabaseAndLeavesItWhenRemoved() {
        SqliteOutbox outbox = new SqliteOutbox(testDb.db());
        Outbox.File file = new Outbox.File(new Attachment("history.md", "text/markdown", everyByte()),
                new EventId("$root"));
        testDb.db().run(() -> {
            outbox.enqueue("f", ROOM, file, T0);
            outbox.enqueue("m", ROOM, OutgoingMessage.notice("after", null), T0);
        });
        List<Outbox.Pending> pending = testDb.db().inTransaction(outbox::pending);
        assertEquals(List.of("f", "m"), pending.stream().map(Outbox.Pending::txnId).toList());
        assertEquals(file, pending.get(0).intent());

        testDb.db().run(() -> outbox.remove("f"));
        assertFalse(testDb.db().inTransaction(() -> outbox.isPending("f")));
    }

    @Test
    void aQueuedForwardComesBackFromTheDatabase() {
        SqliteOutbox outbox = new SqliteOutbox(testDb.db());
        Outbox.Forward forward = new Outbox.Forward(new SharedFile("m.audio", "voice.ogg", "audio/ogg", 4096L,
                ENCRYPTED_MEDIA, null), new EventId("$card"));
        testDb.db().run(() -> outbox.enqueue("fwd", ROOM, forward, T0));
        assertEquals(List.of(forward), testDb.db().inTransaction(outbox::pending).stream()
                .map(Outbox.Pending::intent).toList());
    }
}
