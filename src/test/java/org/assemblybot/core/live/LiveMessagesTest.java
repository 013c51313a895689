package org.assemblybot.core.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.assemblybot.adapter.sqlite.Database;
import org.assemblybot.adapter.sqlite.SqliteLiveMessageStore;
import org.assemblybot.adapter.sqlite.SqliteOutbox;
import org.assemblybot.adapter.sqlite.Sql;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.outbox.OutboxSender;
import org.assemblybot.core.store.Outbox;
import org.assemblybot.core.text.RichText;
import org.assemblybot.testkit.FakeChat;
import org.assemblybot.testkit.FakeChat.Sent;
import org.assemblybot.testkit.FakeDirectRooms;
import org.assemblybot.testkit.FakePolls;
import org.assemblybot.testkit.FakeRoomPins;
import org.assemblybot.testkit.MutableClock;
import org.assemblybot.testkit.TestDb;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live messages on the production relay over a fake chat edge and real SQLite: posted once, edited in place
 * when the content changed, bursts coalesced with never two versions on their way, and nothing lost or sent
 * twice across a restart (new instances over the same database).
 */
class LiveMessagesTest {
    private static final RoomId ROOM = new RoomId("!room:example.org");
    private static final RoomId OTHER = new RoomId("!other:example.org");
    private static final LiveKey KEY = new LiveKey("test", "7:board");

    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T10:00:00Z"));
    private final FakeChat chat = new FakeChat();
    private final FakeRoomPins pins = new FakeRoomPins();
    private Database db;
    private Outbox outbox;
    private OutboxSender relay;
    private LiveMessages live;

    @BeforeEach
    void open() {
        db = TestDb.open(tmp);
        outbox = new SqliteOutbox(db);
        relay = new OutboxSender(outbox, db, new OutboxSender.Edges(chat, new FakePolls(), new FakeDirectRooms(chat),
                pins), () -> { }, clock);
        live = new LiveMessages(new SqliteLiveMessageStore(db), outbox, db, clock);
        relay.addListener(live);
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** As after a crash: everything in memory is gone, the database stays. */
    private void restart() {
        db.close();
        open();
    }

    private static RichText text(String body) {
        return RichText.create().text(body);
    }

    /** A feature's change, in its own transaction, as a command or a scheduled step makes it. */
    private void show(String body) {
        db.run(() -> live.show(KEY, ROOM, text(body)));
    }

    private List<Sent> edits() {
        return chat.sent().stream().filter(s -> s.kind() == Sent.Kind.EDIT).toList();
    }

    private List<Sent> posts() {
        return chat.sent().stream().filter(s -> s.kind() == Sent.Kind.MESSAGE).toList();
    }

    private long unsent() {
        return db.inTransaction(() -> outbox.pending().size());
    }

    @Test
    void postsOnceAndEditsInPlaceWhenTheContentChanges() {
        show("3 signed up");
        relay.flush();
        assertEquals(1, posts().size());
        assertEquals("3 signed up", posts().get(0).message().body());
        EventId posted = posts().get(0).eventId();

        show("4 signed up");
        relay.flush();
        assertEquals(1, posts().size(), "posted once");
        assertEquals(1, edits().size());
        assertEquals(posted, edits().get(0).target(), "an edit in place (m.replace) of the post");
        assertEquals(posted, edits().get(0).message().replaces());
        assertEquals("4 signed up", edits().get(0).message().body());
        assertEquals(Optional.of(KEY), live.keyOf(ROOM, posted));
    }

    @Test
    void sendsNothingWhenTheContentDidNotChange() {
        show("3 signed up");
        relay.flush();
        show("3 signed up");
        relay.flush();
        show("3 signed up");
        relay.flush();
        assertEquals(1, chat.sent().size());
        assertEquals(0, unsent());
    }

    @Test
    void aBurstWhileThePostIsUnsentBecomesOnePostAndOneEditWithTheLastContent() {
        for (int i = 1; i <= 10; i++) {
            show(i + " signed up");
            assertEquals(1, unsent(), "only the post is queued; the rest waits parked");
        }
        relay.flush();
        assertEquals(2, chat.sent().size(), "one post and one edit");
        assertEquals("1 signed up", posts().get(0).message().body());
        assertEquals("10 signed up", edits().get(0).message().body());
        assertEquals(posts().get(0).eventId(), edits().get(0).target());
        assertEquals(0, unsent());
        assertEquals(0, rows("SELECT count(*) FROM outbox"), "nothing parked is left behind");
    }

    @Test
    void neverTwoEditsOnTheirWay() {
        show("v1");
        relay.flush();
        chat.failNextEdits(1);
        show("v2");
        relay.flush(); // the edit to v2 fails and stays queued
        assertEquals(0, edits().size());
        for (int i = 3; i <= 6; i++) {
            show("v" + i);
            assertEquals(1, unsent(), "still only the edit to v2 on its way");
        }
        relay.flush(); // v2 goes, then — in the same flush — one edit to the last wish
        assertEquals(List.of("v2", "v6"), edits().stream().map(s -> s.message().body()).toList());
        assertEquals(0, unsent());
    }

    @Test
    void aChangeBackWhileAnEditIsOnItsWayCostsNothingMore() {
        show("v1");
        relay.flush();
        show("v2");
        show("v3");
        show("v2"); // the wish is what is on its way already
        relay.flush();
        assertEquals(List.of("v2"), edits().stream().map(s -> s.message().body()).toList());
    }

    @Test
    void aFailedPostStaysQueuedWithItsTransactionIdAndGoesOnceLater() {
        chat.failNextSends(1);
        show("v1");
        assertEquals(1, relay.flush(), "one entry still waiting");
        assertTrue(chat.sent().isEmpty());
        show("v2");
        relay.flush();
        assertEquals(1, posts().size());
        assertEquals(List.of("v2"), edits().stream().map(s -> s.message().body()).toList());
        List<String> attempts = chat.sendAttempts();
        assertEquals(2, attempts.size());
        assertEquals(attempts.get(0), attempts.get(1), "the retry reused the transaction id (M1)");
    }

    @Test
    void aRestartBetweenShowAndSentLosesNothingAndSendsNothingTwice() {
        show("v1");
        show("v2"); // parked behind the unsent post
        restart();
        relay.flush();
        assertEquals(List.of("v1"), posts().stream().map(s -> s.message().body()).toList());
        assertEquals(List.of("v2"), edits().stream().map(s -> s.message().body()).toList());

        restart();
        show("v2");
        relay.flush();
        assertEquals(2, chat.sent().size(), "the new instance knows what the room shows");
        show("v3");
        relay.flush();
        assertEquals(List.of("v2", "v3"), edits().stream().map(s -> s.message().body()).toList());
        assertEquals(posts().get(0).eventId(), edits().get(1).target());
    }

    @Test
    void aRestartAfterTheHomeserverAcceptedButBeforeTheRecordYieldsOneEvent() {
        show("v1");
        // The homeserver takes the post, then the bot dies before the relay records it: the entry is still queued.
        chat.send(ROOM, db.inTransaction(() -> outbox.pending().get(0).txnId()), db.inTransaction(() ->
                outbox.pending().get(0).message()));
        restart();
        relay.flush();
        assertEquals(1, posts().size(), "the same transaction id gives the same event (M1)");
        show("v2");
        relay.flush();
        assertEquals(posts().get(0).eventId(), edits().get(0).target());
    }

    @Test
    void keepsNoTextInItsTable() {
        show("canary-7731 signed up");
        show("canary-7732 signed up");
        relay.flush();
        String everything = new Sql(db).list("SELECT * FROM live_messages", row -> {
            StringBuilder all = new StringBuilder();
            for (int i = 1; i <= row.getMetaData().getColumnCount(); i++) {
                all.append(row.getString(i)).append(' ');
            }
            return all.toString();
        }).toString();
        assertFalse(everything.contains("canary"), everything);
        assertEquals(0, rows("SELECT count(*) FROM outbox"), "and the outbox let go of it once sent");
    }

    @Test
    void eachRoomHasItsOwnMessageUnderTheKey() {
        db.run(() -> {
            live.show(KEY, ROOM, text("here"));
            live.show(KEY, OTHER, text("there"));
        });
        relay.flush();
        assertEquals(2, posts().size());
        db.run(() -> live.show(KEY, OTHER, text("there, changed")));
        relay.flush();
        assertEquals(1, edits().size());
        assertEquals(OTHER, edits().get(0).room());
    }

    @Test
    void updateEditsOnlyWhatWasShown() {
        assertFalse(db.inTransaction(() -> live.update(KEY, ROOM, text("GO now"))));
        relay.flush();
        assertTrue(chat.sent().isEmpty(), "nothing posted");
        show("GO in 10 s");
        relay.flush();
        assertTrue(db.inTransaction(() -> live.update(KEY, ROOM, text("GO now"))));
        relay.flush();
        assertEquals(List.of("GO now"), edits().stream().map(s -> s.message().body()).toList());
    }

    @Test
    void aPinnedMessageIsPinnedOncePostedWhereTheBotMay() {
        pins.allow(ROOM);
        db.run(() -> {
            live.showPinned(KEY, ROOM, text("roster"));
            live.showPinned(KEY, OTHER, text("roster"));
        });
        relay.flush();
        EventId here = posts().get(0).eventId();
        assertEquals(List.of(ROOM.value() + " " + here.value()), pins.pinned());
        assertEquals(List.of("pin " + ROOM.value() + " " + here.value()), pins.calls(),
                "asked first (M8): no attempt in the other room");
        assertEquals(0, unsent(), "the skipped pin is not retried forever");

        db.run(() -> live.retire(KEY));
        relay.flush();
        assertEquals(List.of(), pins.pinned(), "a retired message is unpinned");
    }

    @Test
    void aFailedPinStaysQueued() {
        pins.allow(ROOM).failNext(1);
        db.run(() -> live.showPinned(KEY, ROOM, text("roster")));
        assertEquals(1, relay.flush());
        assertEquals(List.of(), pins.pinned());
        relay.flush();
        assertEquals(1, pins.pinned().size());
    }

    @Test
    void aRetiredMessageStillGetsWhatWasAskedForThenIsForgotten() {
        show("v1");
        show("final");
        db.run(() -> live.retire(KEY));
        show("after the end");
        relay.flush();
        assertEquals(List.of("final"), edits().stream().map(s -> s.message().body()).toList());
        assertEquals(0, rows("SELECT count(*) FROM live_messages"));
    }

    @Test
    void aRedactedMessageIsNoLongerEditedNorPostedAgain() {
        show("v1");
        relay.flush();
        db.run(() -> live.redacted(ROOM, posts().get(0).eventId()));
        show("v2");
        relay.flush();
        assertEquals(1, chat.sent().size());
        assertEquals(0, rows("SELECT count(*) FROM outbox"));
    }

    @Test
    void anEditTheRelayDroppedDoesNotStopTheNextOne() {
        show("v1");
        relay.flush();
        show("v2");
        // The relay drops an entry the homeserver refuses for good; simulate that it is gone unsent.
        db.run(() -> outbox.remove(outbox.pending().get(0).txnId()));
        show("v3");
        relay.flush();
        assertEquals(List.of("v3"), edits().stream().map(s -> s.message().body()).toList());
    }

    @Test
    void aPostTheRelayDroppedIsGivenUp() {
        chat.refuseNextSends(1);
        show("v1");
        relay.flush();
        show("v2");
        relay.flush();
        assertTrue(chat.sent().isEmpty(), "the room refused it for good (the bot is out, M6)");
        assertEquals(0, unsent());
    }

    private long rows(String select) {
        return new Sql(db).one(select, row -> row.getLong(1)).orElseThrow();
    }
}
