package org.assemblybot.app;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.assemblybot.adapter.config.BotConfig;
import org.assemblybot.adapter.config.PasswordSource;
import org.assemblybot.adapter.matrix.MatrixSettings;
import org.assemblybot.adapter.matrix.TrixnityChat;
import org.assemblybot.adapter.ops.OpsConfig;
import org.assemblybot.adapter.quartz.QuartzJobScheduler;
import org.assemblybot.adapter.sqlite.DataDirLock;
import org.assemblybot.adapter.sqlite.Database;
import org.assemblybot.adapter.sqlite.SqliteLiveMessageStore;
import org.assemblybot.adapter.sqlite.SqliteOutbox;
import org.assemblybot.adapter.sqlite.SqliteProcessedEvents;
import org.assemblybot.adapter.sqlite.SqliteRoomJoins;
import org.assemblybot.adapter.sqlite.SqliteRoomSettings;
import org.assemblybot.adapter.sqlite.SqliteScheduleStore;
import org.assemblybot.adapter.sqlite.SqliteUndecryptableCounts;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.command.Command;
import org.assemblybot.core.command.CommandParser;
import org.assemblybot.core.command.CommandRouter;
import org.assemblybot.core.command.OrganizerCheck;
import org.assemblybot.core.feature.Feature;
import org.assemblybot.core.feature.FeatureHooks;
import org.assemblybot.core.inbound.CommandThrottle;
import org.assemblybot.core.inbound.HandledMarkPruning;
import org.assemblybot.core.inbound.InboundFilter;
import org.assemblybot.core.live.LiveMessages;
import org.assemblybot.core.outbox.OutboxSender;
import org.assemblybot.core.schedule.Recurrences;
import org.assemblybot.core.schedule.Scheduler;
import org.assemblybot.core.store.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The only place that builds adapters and connects them to the core. */
final class Wiring {
    private static final Logger log = LoggerFactory.getLogger(Wiring.class);

    /** A started bot; closing it shuts everything down in order (T5). */
    static final class Running implements AutoCloseable {
        private final DataDirLock lock;
        private final Database database;
        private final TrixnityChat chat;
        private final Bot bot;
        private final ScheduledExecutorService outboxRetry;
        private final Scheduler scheduler;
        private final OutboxSender outboxSender;
        private final Housekeeping housekeeping;
        private final Operations ops;

        private Running(DataDirLock lock, Database database, TrixnityChat chat, Bot bot,
                        ScheduledExecutorService outboxRetry, Scheduler scheduler, OutboxSender outboxSender,
                        Housekeeping housekeeping, Operations ops) {
            this.ops = ops;
            this.scheduler = scheduler;
            this.outboxSender = outboxSender;
            this.housekeeping = housekeeping;
            this.lock = lock;
            this.database = database;
            this.chat = chat;
            this.bot = bot;
            this.outboxRetry = outboxRetry;
        }

        @Override
        public void close() {
            ops.close(); // systemd hears STOPPING=1; the endpoint goes
            // Then: no new firings, and a running one finishes its transaction (T5).
            try {
                scheduler.shutdown();
            } catch (RuntimeException e) {
                log.warn("stopping the scheduler failed: {}", e.toString());
            }
            bot.stopAccepting();
            outboxRetry.shutdownNow();
            // What was decided is sent if the homeserver takes it within a few seconds; the rest stays queued
            // for the next start (M1), never lost.
            try {
                int left = outboxSender.drain(SHUTDOWN_DRAIN);
                if (left > 0) {
                    log.warn("{} queued messages could not be sent before stopping; they go out at the next start",
                            left);
                }
            } catch (RuntimeException e) {
                log.warn("sending queued messages at shutdown failed: {}", e.toString());
            }
            closeQuietly("housekeeping", housekeeping);
            closeQuietly("Matrix client", chat);
            closeQuietly("database", database);
            closeQuietly("data dir lock", lock);
        }

        private static void closeQuietly(String what, AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                log.warn("closing the {} failed: {}", what, e.toString());
            }
        }
    }

    private static final java.time.Duration OUTBOX_RETRY = java.time.Duration.ofSeconds(30);
    /** How long a shutdown waits for the outbox to drain (the systemd unit allows more in total). */
    static final java.time.Duration SHUTDOWN_DRAIN = java.time.Duration.ofSeconds(5);
    static final String UNAUTHORIZED = "The homeserver no longer accepts the bot's access token (HTTP 401: the "
            + "token was revoked, or the device logged out or deleted). The bot stopped; queued messages stay "
            + "queued for the next start. If the device is gone, move the data directory's matrix/ folder aside "
            + "so that the bot logs in as a new device.";

    private Wiring() {
    }

    /** A daemon thread for one step of the start that runs alongside the others. */
    private static void startThread(Runnable step) {
        Thread thread = new Thread(step, "start");
        thread.setDaemon(true);
        thread.start();
    }

    /** The opened client, or the exception that stopped it, as thrown on the opening thread. */
    private static TrixnityChat await(CompletableFuture<TrixnityChat> connecting) {
        try {
            return connecting.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private static long millis(Instant from, Instant to) {
        return java.time.Duration.between(from, to).toMillis();
    }

    /**
     * @param onFatal told (possibly more than once, from any thread) when the bot cannot go on and must stop,
     *                with the message for the operator
     */
    static Running start(BotConfig config, Map<String, String> env, Clock clock, Consumer<String> onFatal) {
        Path dataDir = config.storage().dataDir();
        // A config error (no readable password) must stop the bot before it creates or locks anything.
        String password = PasswordSource.resolve(config.matrix(), env);
        DataDirLock lock = DataDirLock.acquire(dataDir);
        Database database = null;
        TrixnityChat chat = null;
        Scheduler scheduler = null;
        Operations ops = null;
        CompletableFuture<TrixnityChat> connecting = null;
        try {
            Instant startedAt = clock.instant();
            MatrixSettings matrix = new MatrixSettings(
                    config.matrix().homeserver().toString(),
                    config.matrix().userId().value(),
                    password,
                    config.matrix().deviceName(),
                    dataDir.resolve("matrix"),
                    config.matrix().decryptionWait());
            // Opening the Matrix store and client takes the longest part of a restart (H2, Trixnity's modules and
            // caches): it runs on its own thread while the database and the ops endpoint are prepared. Not on a
            // first start, which logs in (a new device): a bad config or a taken ops port must stop it before that.
            if (TrixnityChat.hasSession(matrix.getStoreDir())) {
                connecting = CompletableFuture.supplyAsync(() -> TrixnityChat.connect(matrix), Wiring::startThread);
            }
            database = Database.open(dataDir);
            Outbox outbox = new SqliteOutbox(database);
            // Before the first sync: /healthz answers 503 while the bot logs in and syncs the first time.
            ops = Operations.start(OpsConfig.from(config.sections()), env, clock, Main.version(), outbox::backlog);
            Instant localReady = clock.instant();
            chat = connecting != null ? await(connecting) : TrixnityChat.connect(matrix);
            Instant matrixReady = clock.instant();
            chat.observe(ops.chatObserver());

            SqliteProcessedEvents processed = new SqliteProcessedEvents(database);
            SqliteRoomJoins joins = new SqliteRoomJoins(database);
            SqliteRoomSettings settings = new SqliteRoomSettings(database);
            Bot.Stores stores = new Bot.Stores(database, processed, outbox, joins, settings,
                    new SqliteUndecryptableCounts(database));
            OutboxSender outboxSender = new OutboxSender(outbox, database, new OutboxSender.Edges(chat.messages(),
                    chat.polls(), chat.directRooms(), chat.pins(), chat.files()), database::checkpoint, clock);
            // One component keeps every feature's live messages; the relay tells it what it sent.
            LiveMessages live = new LiveMessages(new SqliteLiveMessageStore(database), outbox, database, clock);
            outboxSender.addListener(live);
            outboxSender.observe(ops.metrics());
            outboxSender.onUnauthorized(() -> onFatal.accept(UNAUTHORIZED));
            chat.onUnauthorized(() -> onFatal.accept(UNAUTHORIZED));

            // Scheduled items: the database is the source of truth; Quartz only holds the triggers (T1).
            // Scheduled steps queue messages; sending them must not occupy the scheduler's threads, or a GO
            // could wait behind a long flush. One flush at a time, requested as often as needed.
            ExecutorService flusher = Executors.newSingleThreadExecutor(r -> {
                Thread thread = new Thread(r, "outbox-flush");
                thread.setDaemon(true);
                return thread;
            });
            AtomicBoolean flushQueued = new AtomicBoolean();
            Runnable flushSoon = () -> {
                if (flushQueued.compareAndSet(false, true)) {
                    flusher.execute(() -> {
                        flushQueued.set(false);
                        try {
                            outboxSender.flush();
                        } catch (RuntimeException e) {
                            log.warn("sending queued messages failed: {}", e.toString());
                        }
                    });
                }
            };
            scheduler = new Scheduler(new SqliteScheduleStore(database, Recurrences::parse, clock),
                    new QuartzJobScheduler(), database, clock, flushSoon);
            scheduler.observe(ops.metrics());

            String prefix = config.commands().prefix();
            int organizerLevel = config.access().organizerPowerLevel();
            OrganizerCheck organizers = OrganizerCheck.byPowerLevel(chat.rooms(), organizerLevel);
            HttpDateClock serverClock = new HttpDateClock(chat.serverClock());
            List<Feature> features = Features.all(new Features.Parts(chat, database, settings, scheduler, outbox,
                    live, outboxSender, serverClock, organizers, clock, prefix, config.sections(), ops.metrics()));
            FeatureHooks.connect(features, scheduler, outboxSender);
            List<Command> commands = features.stream().flatMap(f -> f.commands().stream()).toList();
            CommandRouter router = new CommandRouter(prefix, commands, organizers, organizerLevel, clock);
            UserId self = chat.identity().userId();
            InboundFilter filter = new InboundFilter(self, config.commands().maxAge(), joins, processed, clock);
            Bot bot = new Bot(self, filter, new CommandParser(prefix), router, stores, outboxSender, chat.rooms(),
                    chat.directRooms(), config.access()::allowsInviteFrom, features, config.commands().maxAge(),
                    CommandThrottle.defaults(clock), clock);
            bot.observe(ops.metrics());

            int pending = outboxSender.flush(); // what a previous run queued but could not send (M1)
            if (pending > 0) {
                log.warn("{} queued messages could not be sent yet; they stay queued", pending);
            }
            // A reply that could not be sent (homeserver away) must not wait for the next command.
            ScheduledExecutorService outboxRetry = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread thread = new Thread(r, "outbox-retry");
                thread.setDaemon(true);
                return thread;
            });
            outboxRetry.scheduleWithFixedDelay(() -> {
                try {
                    outboxSender.flush();
                } catch (RuntimeException e) {
                    log.warn("outbox retry failed: {}", e.toString());
                }
            }, OUTBOX_RETRY.toSeconds(), OUTBOX_RETRY.toSeconds(), TimeUnit.SECONDS);
            // The coarse clock check needs only the homeserver: it runs alongside the rest of the start.
            startThread(() -> serverClock.check(config.matrix().homeserver(), clock));
            // Cross-signed before the first sync: that sync accepts waiting invites, and a client that shares room
            // keys only with cross-signed devices (Element's "exclude insecure devices") leaves a device that joined
            // before it was signed out of that room's keys for good. Trixnity needs no sync for this: the device
            // keys were uploaded at login and its key updates run without one. Restored sessions only read the store.
            boolean crossSigned = chat.ensureCrossSigned(dataDir.resolve("recovery-key.txt"));
            Instant beforeSync = clock.instant();
            chat.start(bot);
            Instant synced = clock.instant();
            scheduler.rehydrate();
            scheduler.start();
            Housekeeping housekeeping = Housekeeping.start(
                    new HandledMarkPruning(processed, database, config.commands().maxAge(), clock));
            long ms = java.time.Duration.between(startedAt, clock.instant()).toMillis();
            log.info("assembly-bot ready as {} (device {}, cross-signed: {}) in {} ms (database and ops {} ms, "
                            + "Matrix store and client {} ms, features and cross-signing check {} ms, first sync {} ms)",
                    self, chat.identity().deviceId(), crossSigned, ms, millis(startedAt, localReady),
                    millis(startedAt, matrixReady), millis(matrixReady, beforeSync), millis(beforeSync, synced));
            ops.ready(); // READY=1 for systemd, and its watchdog from now on
            return new Running(lock, database, chat, bot, outboxRetry, scheduler, outboxSender, housekeeping, ops);
        } catch (RuntimeException e) {
            if (scheduler != null) {
                try {
                    scheduler.shutdown();
                } catch (RuntimeException suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            if (chat == null && connecting != null) {
                // Failed while the Matrix client was still opening: let it finish, then close it.
                chat = connecting.handle((opened, failure) -> opened).join();
            }
            if (chat != null) {
                Running.closeQuietly("Matrix client", chat);
            }
            if (ops != null) {
                Running.closeQuietly("ops endpoint", ops);
            }
            if (database != null) {
                Running.closeQuietly("database", database);
            }
            Running.closeQuietly("data dir lock", lock);
            throw e;
        }
    }
}
