package org.assemblybot.core.feature;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.assemblybot.adapter.sqlite.Database;
import org.assemblybot.adapter.sqlite.SqliteLiveMessageStore;
import org.assemblybot.adapter.sqlite.SqliteOutbox;
import org.assemblybot.adapter.sqlite.SqliteRoomSettings;
import org.assemblybot.adapter.sqlite.SqliteScheduleStore;
import org.assemblybot.core.chat.Attachment;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.SharedFile;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.live.LiveMessages;
import org.assemblybot.core.outbox.OutboxSender;
import org.assemblybot.core.schedule.Recurrences;
import org.assemblybot.core.schedule.Scheduler;
import org.assemblybot.core.store.Outbox;
import org.assemblybot.testkit.FakeChat;
import org.assemblybot.testkit.FakeDirectRooms;
import org.assemblybot.testkit.FakeFiles;
import org.assemblybot.testkit.FakePolls;
import org.assemblybot.testkit.FakeRoomPins;
import org.assemblybot.testkit.Kits;
import org.assemblybot.testkit.ManualJobScheduler;
import org.assemblybot.testkit.MutableClock;
import org.assemblybot.testkit.TestDb;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link FeatureKit#postFile} and {@link FeatureKit#forwardFile}: a file leaves through the outbox after the commit,
 * like a message.
 */
class FeatureKitFilesTest {
    private static final RoomId ROOM = new RoomId("!room:example.org");
    private static final UserId BOT = new UserId("@bot:example.org");

    @RegisterExtension
    final TestDb testDb = new TestDb();

    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T10:00:00Z"));
    private final FakeChat chat = new FakeChat(BOT, "DEVICE");
    private final FakeFiles files = new FakeFiles();
    private final List<String> told = new ArrayList<>();
    private Database db;
    private Outbox outbox;
    private OutboxSender relay;
    private FeatureKit kit;

    @BeforeEach
    void setUp() {
        db = testDb.db();
        outbox = new SqliteOutbox(db);
        relay = new OutboxSender(outbox, db, new OutboxSender.Edges(chat, new FakePolls(), new FakeDirectRooms(chat),
                new FakeRoomPins(), files), () -> { }, clock);
        relay.addListener((txnId, room, eventId) -> told.add(txnId + " " + eventId.value()));
        Scheduler scheduler = new Scheduler(new SqliteScheduleStore(db, Recurrences::parse, clock),
                new ManualJobScheduler(), db, clock, relay::flush);
        LiveMessages live = new LiveMessages(new SqliteLiveMessageStore(db), outbox, db, clock);
        kit = Kits.featureKit(BOT, clock, new SqliteRoomSettings(db), outbox, live, scheduler, db, chat,
                new FakeDirectRooms(chat));
    }

    @Test
    void aPostedFileIsQueuedInTheTransactionAndSentByTheRelay() {
        Attachment history = Attachment.markdown("chair-history.md", "# Chair\n", null);
        db.run(() -> kit.postFile(ROOM, "history:1", history, new EventId("$command")));
        assertEquals(List.of(), files.sent(), "nothing leaves inside the transaction");

        relay.flush();
        FakeFiles.Sent sent = files.onlyFile();
        assertEquals(ROOM, sent.room());
        assertEquals(history, sent.file());
        assertEquals(new EventId("$command"), sent.threadRoot());
        assertEquals(List.of("history:1 " + sent.eventId().value()), told);
    }

    @Test
    void aForwardedFileIsQueuedInTheTransactionAndSentByTheRelay() {
        SharedFile voice = new SharedFile("m.audio", "voice.ogg", "audio/ogg", 4096L, "{\"url\":\"mxc://x/y\"}", null);
        db.run(() -> kit.forwardFile(ROOM, "mirror:1", voice, new EventId("$card")));
        assertEquals(List.of(), files.forwarded(), "nothing leaves inside the transaction");

        relay.flush();
        FakeFiles.Forwarded forwarded = files.onlyForward();
        assertEquals(ROOM, forwarded.room());
        assertEquals(voice, forwarded.file());
        assertEquals(new EventId("$card"), forwarded.threadRoot());
        assertEquals(List.of("mirror:1 " + forwarded.eventId().value()), told);
    }

    @Test
    void theSameDecisionTwiceIsOneFile() {
        Attachment history = Attachment.markdown("chair-history.md", "# Chair\n", null);
        String txnId = FeatureKit.once("rotation:1", "history", ROOM);
        db.run(() -> kit.postFile(ROOM, txnId, history, null));
        db.run(() -> kit.postFile(ROOM, txnId, history, null));
        relay.flush();
        db.run(() -> kit.postFile(ROOM, txnId, history, null)); // again after it was sent: the same event
        relay.flush();
        assertEquals(1, files.sent().size());
        assertEquals(List.of(txnId, txnId), files.attempts());
    }
}
