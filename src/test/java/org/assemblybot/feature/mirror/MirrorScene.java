package org.assemblybot.feature.mirror;


import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.assemblybot.adapter.sqlite.Database;
import org.assemblybot.adapter.sqlite.SqliteRoomSettings;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.feature.Feature;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.schedule.Scheduler;
import org.assemblybot.feature.assembly.AssemblyFeature;
import org.assemblybot.feature.assembly.SqliteAssemblyStore;
import org.assemblybot.feature.rotation.RotationConfig;
import org.assemblybot.feature.rotation.RotationFeature;
import org.assemblybot.feature.rotation.SqliteRotationStore;
import org.assemblybot.testkit.CommandDriver;
import org.assemblybot.testkit.FakeChat;
import org.assemblybot.testkit.FeatureRig;
import org.assemblybot.testkit.FakeDirectRooms;
import org.assemblybot.testkit.FakeFiles;
import org.assemblybot.testkit.MutableClock;

/**
 * The mirror on the production parts, wired as the app wires it: the real assembly feature (the calendar), the real
 * rotation (the researcher's role and its holders), real SQLite with the real migrations, the real Scheduler over a
 * manual trigger runner, the production outbox relay over a FakeChat; restarts build new instances over the same
 * database.
 */
final class MirrorScene {
    static final RoomId ROOM = new RoomId("!assembly:example.org");
    static final RoomId PARTNER = new RoomId("!partner:example.org");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final UserId BOT = new UserId("@bot:example.org");
    static final UserId OLGA = new UserId("@olga:example.org");
    static final UserId DANA = new UserId("@dana:example.org");
    static final UserId ALI = new UserId("@ali:example.org");
    static final UserId KIM = new UserId("@kim:example.org");
    static final UserId EVE = new UserId("@eve:example.org");

    final FeatureRig rig;
    final MutableClock clock;
    final FakeChat chat;
    final FakeDirectRooms directRooms;
    final FakeFiles files;
    final Database db;
    MirrorFeature mirror;
    RotationFeature rotation;
    private int events;

    MirrorScene(Database db, Instant start) {
        this.db = db;
        this.rig = new FeatureRig(db, start, BOT, this::wire);
        this.clock = rig.clock;
        this.chat = rig.chat;
        this.directRooms = rig.directRooms;
        this.files = rig.files;
        for (UserId user : List.of(BOT, OLGA, DANA, ALI, KIM, EVE)) {
            chat.member(ROOM, user);
        }
        chat.member(PARTNER, BOT).member(PARTNER, OLGA).encrypted(ROOM, true).encrypted(PARTNER, true);
        chat.alias("#partner:example.org", PARTNER);
        chat.powerLevel(ROOM, OLGA, CommandDriver.ORGANIZER_LEVEL);
        new SqliteRoomSettings(db).setZone(ROOM, BERLIN);
        rig.start();
    }

    /** The calendar, rotation (the researcher's role and its holders) and the mirror, as the app wires them. */
    private List<Feature> wire(FeatureKit kit) {
        RotationFeature[] roles = new RotationFeature[1];
        AssemblyFeature assemblies = new AssemblyFeature(kit, new SqliteAssemblyStore(db),
                (room, at) -> roles[0].holdersAt(room, at));
        rotation = roles[0] = new RotationFeature(kit, new SqliteRotationStore(db), assemblies,
                RotationConfig.defaults());
        mirror = new MirrorFeature(kit, new SqliteMirrorStore(db), assemblies, rotation, rotation);
        return List.of(assemblies, rotation, mirror);
    }

    void restart() {
        rig.restart();
    }

    /** A command in the group room; its reply. */
    String say(UserId sender, String body) {
        return sayIn(ROOM, sender, body);
    }

    String sayIn(RoomId room, UserId sender, String body) {
        return rig.sayIn(room, sender, body);
    }

    /** A command in the person's direct room with the bot (opened as the relay would). */
    String sayDirect(UserId sender, String body) {
        return sayIn(directRooms.directRoomWith(sender), sender, body);
    }

    void event(ChatEvent event) {
        rig.event(event);
    }

    /** A voice note from {@code person} in their direct room; its event id. */
    EventId voiceNote(UserId person) {
        EventId id = new EventId("$voice" + (++events));
        event(new ChatEvent.File(directRooms.directRoomWith(person), id, person, clock.instant(), "m.audio",
                "voice-note.ogg", "audio/ogg", 4096L, "{\"url\":\"mxc://example.org/v" + events + "\",\"key\":\"k\"}",
                null, true));
        return id;
    }

    void advanceTo(Instant instant) {
        rig.advanceTo(instant);
    }

    List<FakeChat.Sent> posts(String text) {
        return rig.posts(text);
    }

    long postsIn(RoomId room, String text) {
        return rig.postsIn(room, text);
    }

    List<String> told(UserId person, String text) {
        return rig.told(person, text);
    }

    /** Everyone asked to take a role right now accepts. */
    void acceptAll() {
        for (UserId person : List.of(DANA, ALI, KIM, EVE)) {
            if (!told(person, "You are asked to take Mirror researcher").isEmpty()) {
                say(person, "!role accept \"Mirror researcher\"");
            }
        }
    }
}
