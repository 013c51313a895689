package org.assemblybot.testkit;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.assemblybot.adapter.sqlite.Database;
import org.assemblybot.adapter.sqlite.SqliteLiveMessageStore;
import org.assemblybot.adapter.sqlite.SqliteOutbox;
import org.assemblybot.adapter.sqlite.SqliteRoomSettings;
import org.assemblybot.adapter.sqlite.SqliteScheduleStore;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.command.Outcome;
import org.assemblybot.core.feature.Feature;
import org.assemblybot.core.feature.FeatureHooks;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.live.LiveMessages;
import org.assemblybot.core.outbox.OutboxSender;
import org.assemblybot.core.schedule.Recurrences;
import org.assemblybot.core.schedule.Scheduler;
import org.assemblybot.core.store.Outbox;

/**
 * Features on the production parts, wired as the app wires them: real SQLite with the real migrations, the real
 * Scheduler over a manual trigger runner, the production outbox relay and live messages over a FakeChat, every
 * feature connected to the scheduler and the relay by {@link FeatureHooks}, as the app connects them,
 * the real command router. A restart builds new instances over the same database; the chat, clock and database
 * stay. The scenes of the feature tests add their cast and their own helpers on top.
 */
public final class FeatureRig {
    public final MutableClock clock;
    public final FakeChat chat;
    public final FakeDirectRooms directRooms;
    public final FakeFiles files = new FakeFiles();
    public final Database db;
    public final Outbox outbox;
    private final UserId bot;
    private final Function<FeatureKit, List<Feature>> wiring;
    private ManualJobScheduler jobs;
    private Scheduler scheduler;
    private OutboxSender relay;
    private LiveMessages live;
    private List<Feature> features;
    private CommandDriver driver;

    /** @param wiring builds the features under test from a kit, as {@code Features} does in the app */
    public FeatureRig(Database db, Instant start, UserId bot, Function<FeatureKit, List<Feature>> wiring) {
        this.db = db;
        this.bot = bot;
        this.wiring = wiring;
        this.clock = new MutableClock(start);
        this.chat = new FakeChat(bot, "BOTDEVICE");
        this.directRooms = new FakeDirectRooms(chat);
        this.outbox = new SqliteOutbox(db);
    }

    /** Builds the parts and the features and starts the scheduler; once, then {@link #restart()}. */
    public FeatureRig start() {
        jobs = new ManualJobScheduler();
        relay = new OutboxSender(outbox, db, new OutboxSender.Edges(chat, new FakePolls(), directRooms,
                new FakeRoomPins(), files), () -> { }, clock);
        scheduler = new Scheduler(new SqliteScheduleStore(db, Recurrences::parse, clock), jobs, db, clock, relay::flush);
        live = new LiveMessages(new SqliteLiveMessageStore(db), outbox, db, clock);
        relay.addListener(live);
        features = wiring.apply(kit());
        FeatureHooks.connect(features, scheduler, relay);
        scheduler.start();
        driver = new CommandDriver(features.stream().flatMap(f -> f.commands().stream()).toList(), chat, clock);
        return this;
    }

    /** New instances over the same database, as after a restart; what was due meanwhile is found again. */
    public void restart() {
        scheduler.shutdown();
        start();
        scheduler.rehydrate();
    }

    /** A kit on the current parts, for a test that builds one more piece as the app would. */
    public FeatureKit kit() {
        return Kits.featureKit(bot, clock, new SqliteRoomSettings(db), outbox, live, scheduler, db, chat, directRooms);
    }

    /** A command from {@code sender} in {@code room}, run in its transaction as the bot runs it; its reply. */
    public String sayIn(RoomId room, UserId sender, String body) {
        Outcome outcome = db.inTransaction(() -> driver.say(room, sender, body));
        assertFalse(outcome.internalError(), outcome.reply().body());
        relay.flush();
        return outcome.reply().body();
    }

    /** An event every feature sees, in one transaction (as the bot handles it); then what they queued goes. */
    public void event(ChatEvent event) {
        db.run(() -> features.forEach(f -> f.onEvent(event)));
        relay.flush();
    }

    /** A plain direct message to the bot, which the bot hands to every feature. */
    public void directMessage(ChatEvent.Message message) {
        db.run(() -> features.forEach(f -> f.onDirectMessage(message)));
        relay.flush();
    }

    /** The clock moves on to {@code instant}, running every step due on the way; then what they queued goes. */
    public void advanceTo(Instant instant) {
        jobs.advanceTo(clock, instant);
        relay.flush();
    }

    /** Messages (not edits) anywhere, direct rooms included, whose body contains {@code text}. */
    public List<FakeChat.Sent> posts(String text) {
        return chat.sent().stream().filter(s -> s.kind() == FakeChat.Sent.Kind.MESSAGE
                && s.message().body().contains(text)).toList();
    }

    public long postsIn(RoomId room, String text) {
        return posts(text).stream().filter(s -> s.room().equals(room)).count();
    }

    /** Messages to {@code person}'s direct room whose body contains {@code text}. */
    public List<String> told(UserId person, String text) {
        RoomId direct = directRooms.roomOf(person);
        return posts(text).stream().filter(s -> s.room().equals(direct)).map(s -> s.message().body()).toList();
    }

    public ManualJobScheduler jobs() {
        return jobs;
    }

    public Scheduler scheduler() {
        return scheduler;
    }

    public OutboxSender relay() {
        return relay;
    }

    public LiveMessages live() {
        return live;
    }

    public CommandDriver driver() {
        return driver;
    }

    public List<Feature> features() {
        return features;
    }
}
