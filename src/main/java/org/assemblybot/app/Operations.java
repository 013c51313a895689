package org.assemblybot.app;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.assemblybot.adapter.ops.OpsConfig;
import org.assemblybot.adapter.ops.OpsException;
import org.assemblybot.adapter.ops.OpsServer;
import org.assemblybot.adapter.ops.PrometheusMetrics;
import org.assemblybot.adapter.ops.SdNotify;
import org.assemblybot.core.chat.ChatObserver;
import org.assemblybot.core.ops.Metrics;
import org.assemblybot.core.ops.SyncHealth;
import org.assemblybot.core.store.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the people who run the bot see of it: the sync health, the metrics and the ops endpoint
 * ({@code ops.listen}), and systemd's notifications (READY=1 after the first sync, WATCHDOG=1 while the sync
 * loop is alive). Started before the Matrix client, so that {@code /healthz} already answers 503 while the
 * bot is starting.
 */
final class Operations implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Operations.class);

    private final SyncHealth health;
    private final Metrics metrics;
    private final OpsServer server;
    private final SdNotify systemd;
    private ScheduledExecutorService watchdog;

    private Operations(SyncHealth health, Metrics metrics, OpsServer server, SdNotify systemd) {
        this.health = health;
        this.metrics = metrics;
        this.server = server;
        this.systemd = systemd;
    }

    /**
     * @param backlog the outbox's length and age, read at each scrape
     * @throws OpsException when {@code ops.listen} cannot be bound
     */
    static Operations start(OpsConfig config, Map<String, String> env, Clock clock, String version,
                            Supplier<Outbox.Backlog> backlog) {
        // The health is kept either way: the systemd watchdog needs it even without the endpoint.
        SyncHealth health = new SyncHealth(clock, config.unhealthyAfter());
        SdNotify systemd = SdNotify.fromEnvironment(env, ProcessHandle.current().pid()).orElse(null);
        if (config.listen().isEmpty()) {
            return new Operations(health, Metrics.NOOP, null, systemd);
        }
        PrometheusMetrics metrics = new PrometheusMetrics(health, backlog, clock, version);
        try {
            OpsServer server = OpsServer.start(config.listen().get(), health::status, metrics.registry());
            return new Operations(health, metrics, server, systemd);
        } catch (IOException e) {
            throw new OpsException("cannot serve ops.listen " + config.listen().get() + ": " + e.getMessage(), e);
        }
    }

    /** What the Matrix adapter tells: syncs feed the health, rate limits the metrics. */
    ChatObserver chatObserver() {
        return new ChatObserver() {
            @Override
            public void syncCompleted() {
                health.syncCompleted();
            }

            @Override
            public void syncFailing() {
                health.syncFailing();
            }

            @Override
            public void rateLimited() {
                metrics.rateLimited();
            }
        };
    }

    SyncHealth health() {
        return health;
    }

    Metrics metrics() {
        return metrics;
    }

    /**
     * The first sync has been processed: tells systemd the bot is ready and, when it set a watchdog, feeds it
     * every half period while the sync loop is alive. A hung bot stops feeding it and systemd restarts it.
     */
    void ready() {
        if (systemd == null) {
            return;
        }
        systemd.ready();
        Optional<Duration> interval = systemd.watchdogInterval();
        if (interval.isEmpty()) {
            return;
        }
        watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "systemd-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        boolean[] starved = {false};
        long millis = Math.max(100, interval.get().toMillis());
        watchdog.scheduleAtFixedRate(() -> {
            if (health.alive()) {
                starved[0] = false;
                systemd.watchdog();
            } else if (!starved[0]) {
                starved[0] = true;
                log.error("the sync loop is stalled ({}); no longer feeding the systemd watchdog, so systemd "
                        + "restarts the bot", health.status().text());
            }
        }, 0, millis, TimeUnit.MILLISECONDS);
        log.info("feeding the systemd watchdog every {} ms while the sync loop is alive", millis);
    }

    @Override
    public void close() {
        if (systemd != null) {
            systemd.stopping();
        }
        if (watchdog != null) {
            watchdog.shutdownNow();
        }
        if (server != null) {
            server.close();
        }
    }
}
