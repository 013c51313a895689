package org.assemblybot.feature.debrief;


import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.assemblybot.adapter.sqlite.Database;
import org.assemblybot.adapter.sqlite.SqliteRoomSettings;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.feature.Feature;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.schedule.Scheduler;
import org.assemblybot.core.store.Outbox;
import org.assemblybot.feature.assembly.AssemblyFeature;
import org.assemblybot.feature.assembly.SqliteAssemblyStore;
import org.assemblybot.feature.rotation.RotationConfig;
import org.assemblybot.feature.rotation.RotationFeature;
import org.assemblybot.feature.rotation.SqliteRotationStore;
import org.assemblybot.testkit.CommandDriver;
import org.assemblybot.testkit.FakeChat;
import org.assemblybot.testkit.FeatureRig;
import org.assemblybot.testkit.FakeDirectRooms;
import org.assemblybot.testkit.MutableClock;

/**
 * The debrief commons on the production parts, wired as the app wires it: the real assembly and rotation features
 * (role holders for shadow seats), real SQLite with the real migrations, the real Scheduler over a manual trigger
 * runner, the production outbox relay and live messages over a FakeChat; synchronized actions end through a fake
 * {@link FakeFinishedActions} edge. Restarts build new instances over the same database.
 */
final class DebriefScene {
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
    final Database db;
    final Outbox outbox;
    final FakeFinishedActions actions = new FakeFinishedActions();
    DebriefFeature debrief;
    RotationFeature rotation;

    DebriefScene(Database db, Instant start) {
        this.db = db;
        this.rig = new FeatureRig(db, start, BOT, this::wire);
        this.clock = rig.clock;
        this.chat = rig.chat;
        this.directRooms = rig.directRooms;
        this.outbox = rig.outbox;
        for (UserId user : List.of(BOT, OLGA, DANA, ALI, KIM, EVE)) {
            chat.member(ROOM, user);
        }
        chat.member(PARTNER, BOT).member(PARTNER, OLGA).encrypted(ROOM, true).encrypted(PARTNER, true);
        chat.alias("#partner:example.org", PARTNER);
        chat.powerLevel(ROOM, OLGA, CommandDriver.ORGANIZER_LEVEL);
        new SqliteRoomSettings(db).setZone(ROOM, BERLIN);
        rig.start();
    }

    /** The calendar, rotation (role holders for shadow seats) and the debrief, as the app wires them. */
    private List<Feature> wire(FeatureKit kit) {
        RotationFeature[] roles = new RotationFeature[1];
        AssemblyFeature assemblies = new AssemblyFeature(kit, new SqliteAssemblyStore(db),
                (room, at) -> roles[0].holdersAt(room, at));
        rotation = roles[0] = new RotationFeature(kit, new SqliteRotationStore(db), assemblies,
                RotationConfig.defaults());
        debrief = new DebriefFeature(kit, new SqliteDebriefStore(db), actions, rotation, DebriefConfig.defaults());
        return List.of(assemblies, rotation, debrief);
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

    /** The action is over, as the countdown would tell it (in a transaction), and what it queued goes out. */
    void actionFinished(org.assemblybot.core.action.FinishedActions.Finished action) {
        db.run(() -> actions.finish(action));
        rig.relay().flush();
    }
}
