package org.assemblybot.core.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.assemblybot.adapter.sqlite.Database;
import org.assemblybot.adapter.sqlite.SqliteOutbox;
import org.assemblybot.core.chat.Attachment;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.SharedFile;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.store.Outbox;
import org.assemblybot.testkit.FakeChat;
import org.assemblybot.testkit.FakeDirectRooms;
import org.assemblybot.testkit.FakeFiles;
import org.assemblybot.testkit.FakePolls;
import org.assemblybot.testkit.FakeRoomPins;
import org.assemblybot.testkit.LogCapture;
import org.assemblybot.testkit.MutableClock;
import org.assemblybot.testkit.TestDb;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Files, new and re-posted, through the production relay, on real SQLite with fake chat edges. */
class OutboxFilesTest {
    private static final RoomId ROOM = new RoomId("!room:example.org");
    private static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
    private static final Attachment HISTORY = Attachment.markdown("history.md", "# Chair\n- Ana\n", "Chair history");
    /** A voice note a person sent, encrypted: its media reference holds the key. */
    private static final SharedFile VOICE = new SharedFile("m.audio", "voice.ogg", "audio/ogg", 4096L,
            "{\"url\":\"mxc://example.org/abc\",\"key\":{\"k\":\"secretkey\"}}", null);

    @RegisterExtension
    final TestDb testDb = new TestDb();
    @RegisterExtension
    final LogCapture logs = new LogCapture(OutboxSender.class);

    private final MutableClock clock = new MutableClock(T0);
    private final FakeChat chat = new FakeChat(new UserId("@bot:example.org"), "DEVICE");
    private final FakeFiles files = new FakeFiles();
    private final List<String> told = new ArrayList<>();
    private Database db;
    private Outbox outbox;
    private OutboxSender relay;

    @BeforeEach
    void setUp() {
        db = testDb.db();
        outbox = new SqliteOutbox(db);
        relay = relay(new OutboxSender.Edges(chat, new FakePolls(), new FakeDirectRooms(chat), new FakeRoomPins(),
                files));
    }

    private OutboxSender relay(OutboxSender.Edges edges) {
        OutboxSender sender = new OutboxSender(outbox, db, edges, () -> { }, clock);
        sender.addListener((txnId, room, eventId) -> told.add(txnId + " " + room.value() + " " + eventId.value()));
        return sender;
    }

    private void queue(String txnId, EventId threadRoot) {
        db.run(() -> outbox.enqueue(txnId, ROOM, new Outbox.File(HISTORY, threadRoot), T0));
    }

    @Test
    void aFileGoesOutInItsThreadAndItsEventIdReachesTheListeners() {
        queue("f", new EventId("$command"));
        assertEquals(0, relay.flush());

        FakeFiles.Sent sent = files.onlyFile();
        assertEquals(HISTORY, sent.file());
        assertEquals(new EventId("$command"), sent.threadRoot());
        assertEquals(List.of("f " + ROOM.value() + " " + sent.eventId().value()), told);
        assertEquals(List.of(), db.inTransaction(outbox::pending), "sent: the bytes leave the database");
        assertEquals(List.of(), chat.sent(), "a file is not a message");
    }

    @Test
    void aFailedFileIsRetriedWithTheSameTransactionIdAndGivesOneEvent() {
        files.failNext(1);
        queue("f", null);
        assertEquals(1, relay.flush());
        assertEquals(List.of(), told);
        assertEquals(1, db.inTransaction(outbox::pending).size(), "still queued after a failure");

        assertEquals(0, relay.flush());
        assertEquals(List.of("f", "f"), files.attempts());
        assertEquals(1, files.sent().size());
        assertEquals(1, told.size());
    }

    @Test
    void sentAgainAfterACrashItIsTheSameEvent() {
        queue("f", null);
        relay.flush();
        EventId first = files.onlyFile().eventId();
        // A crash between the homeserver's answer and the commit: the entry is still there on restart.
        queue("f", null);
        relay.flush();
        assertEquals(List.of(first, first), told.stream().map(t -> new EventId(t.split(" ")[2])).toList());
        assertEquals(1, files.sent().size());
    }

    @Test
    void aRefusedFileIsDroppedNotRetriedForever() {
        files.refuseNext(1);
        queue("f", null);
        assertEquals(0, relay.flush());
        assertEquals(List.of(), db.inTransaction(outbox::pending));
        assertEquals(List.of(), told);
    }

    @Test
    void aForwardGoesOutInItsThreadAndItsEventIdReachesTheListeners() {
        db.run(() -> outbox.enqueue("fwd", ROOM, new Outbox.Forward(VOICE, new EventId("$card")), T0));
        assertEquals(0, relay.flush());

        FakeFiles.Forwarded forwarded = files.onlyForward();
        assertEquals(VOICE, forwarded.file());
        assertEquals(ROOM, forwarded.room());
        assertEquals(new EventId("$card"), forwarded.threadRoot());
        assertEquals(List.of("fwd " + ROOM.value() + " " + forwarded.eventId().value()), told);
        assertEquals(List.of(), db.inTransaction(outbox::pending), "sent: the media reference leaves the database");
        assertEquals(List.of(), files.sent(), "nothing was uploaded");
    }

    @Test
    void aFailedForwardIsRetriedWithTheSameTransactionIdAndGivesOneEvent() {
        files.failNext(1);
        db.run(() -> outbox.enqueue("fwd", ROOM, new Outbox.Forward(VOICE, null), T0));
        assertEquals(1, relay.flush());
        assertEquals(0, relay.flush());
        assertEquals(List.of("fwd", "fwd"), files.attempts());
        assertEquals(1, files.forwarded().size());
        assertEquals(1, told.size());
    }

    @Test
    void anEncryptedFileRefusedByAnUnencryptedRoomIsDroppedAndTheRestGoesOn() {
        RoomId plain = new RoomId("!plain:example.org");
        files.unencrypted(plain);
        db.run(() -> {
            outbox.enqueue("fwd", plain, new Outbox.Forward(VOICE, null), T0);
            outbox.enqueue("later", plain, new Outbox.Forward(new SharedFile("m.file", "minutes.pdf", null, null,
                    "mxc://example.org/plain", null), null), T0);
        });
        assertEquals(0, relay.flush());
        assertEquals(List.of(), db.inTransaction(outbox::pending), "refused for good: not retried forever");
        assertEquals(List.of("later"), files.forwarded().stream().map(FakeFiles.Forwarded::txnId).toList(),
                "a plain file may go anywhere");
        assertEquals(List.of("later " + plain.value() + " " + files.forwarded().get(0).eventId().value()), told);
        assertTrue(logs.messages().stream().anyMatch(m -> m.startsWith("dropped fwd to " + plain.value())),
                String.join("\n", logs.messages()));
        assertTrue(logs.messages().stream().noneMatch(m -> m.contains("secretkey") || m.contains("voice.ogg")),
                String.join("\n", logs.messages()));
    }

    @Test
    void edgesWithoutFilesStillBuildAndDropAQueuedFile() {
        OutboxSender old = relay(new OutboxSender.Edges(chat, new FakePolls(), new FakeDirectRooms(chat)));
        queue("f", null);
        db.run(() -> outbox.enqueue("fwd", ROOM, new Outbox.Forward(VOICE, null), T0));
        assertEquals(0, old.flush());
        assertEquals(List.of(), db.inTransaction(outbox::pending));
        assertEquals(List.of(), told);
        assertEquals(FilesUnavailable.INSTANCE,
                new OutboxSender.Edges(chat, new FakePolls(), new FakeDirectRooms(chat), new FakeRoomPins()).files());
    }
}
