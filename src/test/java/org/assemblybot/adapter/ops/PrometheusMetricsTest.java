package org.assemblybot.adapter.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.ops.SyncHealth;
import org.assemblybot.core.store.Outbox;
import org.assemblybot.testkit.MutableClock;
import org.junit.jupiter.api.Test;

/** The Prometheus adapter: names, labels and values as scraped, and the endpoint over HTTP. */
class PrometheusMetricsTest {
    private final MutableClock clock = MutableClock.at("2026-06-01T10:00:00Z");
    private final SyncHealth health = new SyncHealth(clock, Duration.ofMinutes(2));
    private final AtomicReference<Outbox.Backlog> backlog = new AtomicReference<>(new Outbox.Backlog(0, null));
    private final PrometheusMetrics metrics = new PrometheusMetrics(health, backlog::get, clock, "1.2.3");

    private String scrape() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, metrics.registry().scrape());
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void countsAndGaugesAreScrapedWithTheirLabels() throws IOException {
        metrics.eventHandled("message");
        metrics.eventHandled("message");
        metrics.eventHandled("reaction");
        metrics.sent("message");
        metrics.sent("edit");
        metrics.sendFailed();
        metrics.sendDropped("late");
        metrics.rateLimited();
        metrics.undecryptable();
        metrics.stepOnTime("sync");
        metrics.stepLate("assembly");
        metrics.stepMissed("sync");
        metrics.goLateness(new RoomId("!a:example.org"), Duration.ofMillis(42));
        backlog.set(new Outbox.Backlog(3, clock.instant().minusSeconds(90)));
        health.syncCompleted();
        clock.advance(Duration.ofSeconds(5));

        String text = scrape();

        for (String line : new String[] {
                "assemblybot_events_handled_total{kind=\"message\"} 2.0",
                "assemblybot_events_handled_total{kind=\"reaction\"} 1.0",
                "assemblybot_outbox_sent_total{kind=\"edit\"} 1.0",
                "assemblybot_outbox_send_failures_total 1.0",
                "assemblybot_outbox_dropped_total{reason=\"late\"} 1.0",
                "assemblybot_rate_limited_total 1.0",
                "assemblybot_undecryptable_events_total 1.0",
                "assemblybot_schedule_steps_total{feature=\"sync\",outcome=\"on_time\"} 1.0",
                "assemblybot_schedule_steps_total{feature=\"assembly\",outcome=\"late\"} 1.0",
                "assemblybot_schedule_steps_total{feature=\"sync\",outcome=\"missed\"} 1.0",
                "assemblybot_go_lateness_seconds{room=\"!a:example.org\"} 0.042",
                "assemblybot_outbox_depth 3.0",
                "assemblybot_outbox_oldest_age_seconds 95.0",
                "assemblybot_sync_lag_seconds 5.0",
                "assemblybot_healthy 1.0",
                "assemblybot_build_info{version=\"1.2.3\"} 1.0"}) {
            assertTrue(text.contains(line + "\n"), line + " in:\n" + text);
        }
        assertTrue(text.contains("jvm_memory_used_bytes{area=\"heap\"}"), "JVM memory");
    }

    @Test
    void beforeTheFirstSyncThereIsNoLagAndAnEmptyOutboxHasAgeZero() throws IOException {
        String text = scrape();
        assertFalse(text.contains("assemblybot_sync_lag_seconds "), text);
        assertTrue(text.contains("assemblybot_healthy 0.0\n"), text);
        assertTrue(text.contains("assemblybot_outbox_oldest_age_seconds 0.0\n"), text);
    }

    @Test
    void aDatabaseThatCannotAnswerLeavesTheOutboxGaugesOutButTheScrapeWorks() throws IOException {
        backlog.set(null);
        PrometheusMetrics failing = new PrometheusMetrics(health, () -> {
            throw new IllegalStateException("closed");
        }, clock, "1");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, failing.registry().scrape());
        assertFalse(out.toString(StandardCharsets.UTF_8).contains("assemblybot_outbox_depth "));
    }

    @Test
    void theEndpointServesHealthzAndMetrics() throws Exception {
        try (OpsServer server = OpsServer.start(new ListenAddress(java.net.InetAddress.getLoopbackAddress(), 0),
                health::status, metrics.registry())) {
            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + server.port();
            HttpResponse<String> starting = http.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(503, starting.statusCode());
            assertEquals("starting: no sync with the homeserver completed yet\n", starting.body());

            health.syncCompleted();
            metrics.eventHandled("message");
            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(URI.create(base + "/healthz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ok.statusCode());
            HttpResponse<String> scraped = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, scraped.statusCode());
            assertTrue(scraped.body().contains("assemblybot_events_handled_total{kind=\"message\"} 1.0"),
                    scraped.body());
        }
    }

    @Test
    void theLatenessOfAGoIsTheLastOnePerRoom() throws IOException {
        RoomId room = new RoomId("!a:example.org");
        metrics.goLateness(room, Duration.ofMillis(120));
        metrics.goLateness(room, Duration.ofMillis(-5));
        assertTrue(scrape().contains("assemblybot_go_lateness_seconds{room=\"!a:example.org\"} -0.005\n"));
        assertEquals(Instant.parse("2026-06-01T10:00:00Z"), clock.instant());
    }
}
