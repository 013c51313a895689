package org.assemblybot.feature.rotation;


import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.assemblybot.adapter.sqlite.Database;
import org.assemblybot.adapter.sqlite.SqliteRoomSettings;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.OutgoingMessage;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.schedule.Scheduler;
import org.assemblybot.testkit.CommandDriver;
import org.assemblybot.testkit.FakeChat;
import org.assemblybot.testkit.FeatureRig;
import org.assemblybot.testkit.FakeDirectRooms;
import org.assemblybot.testkit.FakeFiles;
import org.assemblybot.testkit.MutableClock;

/**
 * Rotation on the production parts: real SQLite with the real migrations, the real Scheduler over a manual trigger
 * runner, the production outbox relay and live messages over a FakeChat, the real command router; restarts build
 * new instances over the same database.
 */
final class RotationScene {
    static final RoomId ROOM = new RoomId("!assembly:example.org");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final UserId BOT = new UserId("@bot:example.org");
    static final UserId OLGA = new UserId("@olga:example.org");
    static final UserId DANA = new UserId("@dana:example.org");
    static final UserId ALI = new UserId("@ali:example.org");
    static final UserId KIM = new UserId("@kim:example.org");
    /** Monday 1 June 2026, 12:00 in Berlin; a first week term runs from that day's local midnight. */
    static final Instant START = Instant.parse("2026-06-01T10:00:00Z");
    /** Mon 8 Jun and Mon 15 Jun, local midnight in Berlin: week terms' handovers. */
    static final Instant T2 = Instant.parse("2026-06-07T22:00:00Z");
    static final Instant T3 = Instant.parse("2026-06-14T22:00:00Z");

    final FeatureRig rig;
    final MutableClock clock;
    final FakeChat chat;
    final FakeDirectRooms directRooms;
    final FakeCalendar calendar = new FakeCalendar();
    final Database db;
    final FakeFiles files;
    RotationConfig config = new RotationConfig(1);
    RotationFeature feature;
    private int events;

    RotationScene(Database db, Instant start) {
        this(db, start, BERLIN);
    }

    /** A scene whose room is in {@code zone}. */
    RotationScene(Database db, Instant start, ZoneId zone) {
        this.db = db;
        this.rig = new FeatureRig(db, start, BOT, kit -> List.of(feature = new RotationFeature(kit,
                new SqliteRotationStore(db), calendar, config)));
        this.clock = rig.clock;
        this.chat = rig.chat;
        this.directRooms = rig.directRooms;
        this.files = rig.files;
        for (UserId user : List.of(BOT, OLGA, DANA, ALI, KIM)) {
            chat.member(ROOM, user);
        }
        chat.powerLevel(ROOM, OLGA, CommandDriver.ORGANIZER_LEVEL);
        new SqliteRoomSettings(db).setZone(ROOM, zone);
        start();
    }

    /** New instances over the same database, as after a restart, without rehydrating the schedule. */
    void start() {
        rig.start();
    }

    void restart() {
        rig.restart();
    }

    String say(UserId sender, String body) {
        return rig.sayIn(ROOM, sender, body);
    }

    void event(ChatEvent event) {
        rig.event(event);
    }

    void react(UserId sender, EventId target, String key) {
        event(new ChatEvent.Reaction(ROOM, new EventId("$r" + (++events)), sender, clock.instant(), target, key));
    }

    void leave(UserId person) {
        event(new ChatEvent.Membership(ROOM, new EventId("$m" + (++events)), person, clock.instant(), person, "leave"));
    }

    void advanceTo(Instant instant) {
        rig.advanceTo(instant);
    }

    List<String> roomBodies() {
        return chat.messagesIn(ROOM).stream().map(OutgoingMessage::body).toList();
    }

    /** Messages (not edits) anywhere, direct rooms included, whose body contains {@code text}. */
    List<FakeChat.Sent> posts(String text) {
        return rig.posts(text);
    }

    long postsContaining(String text) {
        return posts(text).size();
    }

    /** Messages sent to {@code person}'s direct room whose body contains {@code text}. */
    long toldContaining(UserId person, String text) {
        return rig.told(person, text).size();
    }

    String allBodies() {
        return String.join("\n", chat.sent().stream().filter(s -> s.message() != null)
                .map(s -> s.room().value() + " " + s.kind() + ": " + s.message().body()).toList());
    }

    Map<String, List<UserId>> holdersAt(Instant at) {
        return db.inTransaction(() -> feature.holdersAt(ROOM, at));
    }

    /** Everyone asked right now accepts, by command; the roles they accepted, as "Role user". */
    List<String> acceptAll() {
        SqliteRotationStore store = new SqliteRotationStore(db);
        List<String> asked = db.inTransaction(() -> store.roles(ROOM).stream().flatMap(r -> store.terms(r.id()).stream()
                .filter(t -> t.state() == Term.State.ASKED).map(t -> r.name() + " " + t.holder().value())).toList());
        for (String pair : asked) {
            String[] parts = pair.split(" ");
            say(new UserId(parts[1]), "!role accept " + parts[0]);
        }
        return asked;
    }

    /** The roster as last posted or edited. */
    String lastRoster() {
        return chat.sent().stream().filter(s -> s.message() != null && s.message().body().startsWith("🔄 Roles"))
                .reduce((a, b) -> b).orElseThrow().message().body();
    }

    /** The room's request message asking {@code person} for {@code role}. */
    EventId request(String role, UserId person) {
        return chat.sent().stream().filter(s -> s.kind() == FakeChat.Sent.Kind.MESSAGE && s.room().equals(ROOM)
                && s.message().body().startsWith("🔄 " + role + " from") && s.message().body().contains(person.value()
                + ", you are next")).reduce((a, b) -> b).orElseThrow().eventId();
    }
}
