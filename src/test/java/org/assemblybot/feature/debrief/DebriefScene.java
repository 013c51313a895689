package org.assemblybot.feature.debrief;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.assemblybot.adapter.sqlite.Database;
import org.assemblybot.adapter.sqlite.SqliteLiveMessageStore;
import org.assemblybot.adapter.sqlite.SqliteOutbox;
import org.assemblybot.adapter.sqlite.SqliteRoomSettings;
import org.assemblybot.adapter.sqlite.SqliteScheduleStore;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.command.Command;
import org.assemblybot.core.command.Outcome;
import org.assemblybot.core.feature.Feature;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.live.LiveMessages;
import org.assemblybot.core.outbox.OutboxSender;
import org.assemblybot.core.schedule.Recurrences;
import org.assemblybot.core.schedule.Scheduler;
import org.assemblybot.core.store.Outbox;
import org.assemblybot.feature.assembly.AssemblyFeature;
import org.assemblybot.feature.assembly.SqliteAssemblyStore;
import org.assemblybot.feature.rotation.RotationConfig;
import org.assemblybot.feature.rotation.RotationFeature;
import org.assemblybot.feature.rotation.SqliteRotationStore;
import org.assemblybot.testkit.CommandDriver;
import org.assemblybot.testkit.FakeChat;
import org.assemblybot.testkit.FakeDirectRooms;
import org.assemblybot.testkit.FakeFiles;
import org.assemblybot.testkit.FakePolls;
import org.assemblybot.testkit.FakeRoomPins;
import org.assemblybot.testkit.Kits;
import org.assemblybot.testkit.ManualJobScheduler;
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

    final MutableClock clock;
    final FakeChat chat = new FakeChat(BOT, "BOTDEVICE");
    final FakeDirectRooms directRooms = new FakeDirectRooms(chat);
    final FakeFiles files = new FakeFiles();
    final Database db;
    final Outbox outbox;
    ManualJobScheduler jobs;
    Scheduler scheduler;
    OutboxSender relay;
    DebriefFeature debrief;
    final FakeFinishedActions actions = new FakeFinishedActions();
    LiveMessages live;
    RotationFeature rotation;
    List<Feature> features;
    CommandDriver driver;
    private int events;

    DebriefScene(Database db, Instant start) {
        this.db = db;
        this.clock = new MutableClock(start);
        this.outbox = new SqliteOutbox(db);
        for (UserId user : List.of(BOT, OLGA, DANA, ALI, KIM, EVE)) {
            chat.member(ROOM, user);
        }
        chat.member(PARTNER, BOT).member(PARTNER, OLGA).encrypted(ROOM, true).encrypted(PARTNER, true);
        chat.alias("#partner:example.org", PARTNER);
        chat.powerLevel(ROOM, OLGA, CommandDriver.ORGANIZER_LEVEL);
        new SqliteRoomSettings(db).setZone(ROOM, BERLIN);
        start();
    }

    /** New instances over the same database, as after a restart. */
    void start() {
        jobs = new ManualJobScheduler();
        relay = new OutboxSender(outbox, db, new OutboxSender.Edges(chat, new FakePolls(), directRooms,
                new FakeRoomPins(), files), () -> { }, clock);
        scheduler = new Scheduler(new SqliteScheduleStore(db, Recurrences::parse, clock), jobs, db, clock, relay::flush);
        live = new LiveMessages(new SqliteLiveMessageStore(db), outbox, db, clock);
        relay.addListener(live);
        FeatureKit kit = Kits.featureKit(BOT, clock, new SqliteRoomSettings(db), outbox, live, scheduler, db, chat,
                directRooms);
        RotationFeature[] roles = new RotationFeature[1];
        AssemblyFeature assemblies = new AssemblyFeature(kit, new SqliteAssemblyStore(db),
                (room, at) -> roles[0].holdersAt(room, at));
        rotation = roles[0] = new RotationFeature(kit, new SqliteRotationStore(db), assemblies,
                RotationConfig.defaults());
        debrief = new DebriefFeature(kit, new SqliteDebriefStore(db), actions, rotation, DebriefConfig.defaults());
        features = List.of(assemblies, rotation, debrief);
        for (Feature feature : features) {
            scheduler.register(feature.id(), feature.dueHandler());
        }
        scheduler.start();
        List<Command> commands = new ArrayList<>();
        features.forEach(f -> commands.addAll(f.commands()));
        driver = new CommandDriver(commands, chat, clock);
    }

    void restart() {
        scheduler.shutdown();
        start();
        scheduler.rehydrate();
    }

    /** A command in the group room; its reply. */
    String say(UserId sender, String body) {
        return sayIn(ROOM, sender, body);
    }

    String sayIn(RoomId room, UserId sender, String body) {
        Outcome outcome = db.inTransaction(() -> driver.say(room, sender, body));
        assertFalse(outcome.internalError(), outcome.reply().body());
        relay.flush();
        return outcome.reply().body();
    }

    /** A command in the person's direct room with the bot (opened as the relay would). */
    String sayDirect(UserId sender, String body) {
        return sayIn(directRooms.directRoomWith(sender), sender, body);
    }

    void event(ChatEvent event) {
        db.run(() -> features.forEach(f -> f.onEvent(event)));
        relay.flush();
    }

    void advanceTo(Instant instant) {
        jobs.advanceTo(clock, instant);
        relay.flush();
    }

    /** Messages (not edits) anywhere whose body contains {@code text}. */
    List<FakeChat.Sent> posts(String text) {
        return chat.sent().stream().filter(s -> s.kind() == FakeChat.Sent.Kind.MESSAGE
                && s.message().body().contains(text)).toList();
    }

    long postsIn(RoomId room, String text) {
        return posts(text).stream().filter(s -> s.room().equals(room)).count();
    }

    /** Messages to {@code person}'s direct room whose body contains {@code text}. */
    List<String> told(UserId person, String text) {
        RoomId direct = directRooms.roomOf(person);
        return posts(text).stream().filter(s -> s.room().equals(direct)).map(s -> s.message().body()).toList();
    }

    /** The action is over, as the countdown would tell it (in a transaction), and what it queued goes out. */
    void actionFinished(org.assemblybot.core.action.FinishedActions.Finished action) {
        db.run(() -> actions.finish(action));
        relay.flush();
    }
}
