package org.assemblybot.adapter.ops;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.ops.Metrics;
import org.assemblybot.core.ops.SyncHealth;
import org.assemblybot.core.store.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Metrics} as Prometheus metrics, through the Prometheus Java client, in a registry of its own (plus the
 * client's JVM metrics: memory, GC, threads). Counters count as the core reports; the sync lag, health and
 * outbox backlog are read when scraped. Labels come from small fixed sets; the one exception is the room of
 * a GO's lateness (see {@link Metrics#goLateness}): room ids are opaque, hold no message text, and the rooms
 * a bot serves are few, so the operator gets the id itself rather than a hash nobody can map back.
 */
public final class PrometheusMetrics implements Metrics {
    private static final Logger log = LoggerFactory.getLogger(PrometheusMetrics.class);

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter events;
    private final Counter sent;
    private final Counter sendFailures;
    private final Counter dropped;
    private final Counter rateLimited;
    private final Counter undecryptable;
    private final Counter steps;
    private final Gauge goLateness;

    /**
     * @param health  the sync loop's health, read at each scrape
     * @param backlog the outbox's length and oldest entry, read at each scrape (a tiny query)
     * @param version the bot's version, shown as {@code assemblybot_build_info}
     */
    public PrometheusMetrics(SyncHealth health, Supplier<Outbox.Backlog> backlog, Clock clock, String version) {
        events = Counter.builder().name("assemblybot_events_handled")
                .help("Inbound events that reached the bot, by kind").labelNames("kind").register(registry);
        sent = Counter.builder().name("assemblybot_outbox_sent")
                .help("Messages, edits, polls and other outbox entries the homeserver accepted, by kind")
                .labelNames("kind").register(registry);
        sendFailures = Counter.builder().name("assemblybot_outbox_send_failures")
                .help("Attempts to send an outbox entry that failed; the entry stays queued").register(registry);
        dropped = Counter.builder().name("assemblybot_outbox_dropped")
                .help("Outbox entries dropped unsent: too late for their deadline, or refused for good")
                .labelNames("reason").register(registry);
        rateLimited = Counter.builder().name("assemblybot_rate_limited")
                .help("Answers 429 (rate limited) from the homeserver").register(registry);
        undecryptable = Counter.builder().name("assemblybot_undecryptable_events")
                .help("Events the bot could not decrypt").register(registry);
        steps = Counter.builder().name("assemblybot_schedule_steps")
                .help("Scheduled steps that came due, by feature and outcome (on_time, late, missed)")
                .labelNames("feature", "outcome").register(registry);
        goLateness = Gauge.builder().name("assemblybot_go_lateness_seconds").unit(Unit.SECONDS)
                .help("How late the last GO of a synchronized action reached the homeserver, per room (negative: early)")
                .labelNames("room").register(registry);
        Gauge.builder().name("assemblybot_build_info").help("The bot's version").labelNames("version")
                .register(registry).labelValues(version).set(1);
        GaugeWithCallback.builder().name("assemblybot_sync_lag_seconds").unit(Unit.SECONDS)
                .help("Seconds since the last successful sync with the homeserver (absent before the first)")
                .callback(cb -> health.lag().ifPresent(lag -> cb.call(seconds(lag))))
                .register(registry);
        GaugeWithCallback.builder().name("assemblybot_healthy")
                .help("1 when /healthz answers 200, else 0")
                .callback(cb -> cb.call(health.status().healthy() ? 1 : 0))
                .register(registry);
        GaugeWithCallback.builder().name("assemblybot_outbox_depth")
                .help("Outbox entries waiting to be sent")
                .callback(cb -> read(backlog).ifPresent(b -> cb.call(b.depth())))
                .register(registry);
        GaugeWithCallback.builder().name("assemblybot_outbox_oldest_age_seconds").unit(Unit.SECONDS)
                .help("Age of the oldest outbox entry waiting to be sent (0 when none waits)")
                .callback(cb -> read(backlog).ifPresent(b -> cb.call(b.oldest() == null ? 0
                        : seconds(Duration.between(b.oldest(), clock.instant())))))
                .register(registry);
        JvmMetrics.builder().register(registry);
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    @Override
    public void eventHandled(String kind) {
        events.labelValues(kind).inc();
    }

    @Override
    public void sent(String kind) {
        sent.labelValues(kind).inc();
    }

    @Override
    public void sendFailed() {
        sendFailures.inc();
    }

    @Override
    public void sendDropped(String reason) {
        dropped.labelValues(reason).inc();
    }

    @Override
    public void rateLimited() {
        rateLimited.inc();
    }

    @Override
    public void undecryptable() {
        undecryptable.inc();
    }

    @Override
    public void stepOnTime(String feature) {
        steps.labelValues(feature, "on_time").inc();
    }

    @Override
    public void stepLate(String feature) {
        steps.labelValues(feature, "late").inc();
    }

    @Override
    public void stepMissed(String feature) {
        steps.labelValues(feature, "missed").inc();
    }

    @Override
    public void goLateness(RoomId room, Duration lateness) {
        goLateness.labelValues(room.value()).set(seconds(lateness));
    }

    private static double seconds(Duration duration) {
        return duration.toNanos() / 1e9;
    }

    /** The backlog, or nothing when the database cannot answer now (e.g. while stopping): a scrape never fails. */
    private static java.util.Optional<Outbox.Backlog> read(Supplier<Outbox.Backlog> backlog) {
        try {
            return java.util.Optional.of(backlog.get());
        } catch (RuntimeException e) {
            log.debug("outbox backlog not available for metrics: {}", e.toString());
            return java.util.Optional.empty();
        }
    }
}
