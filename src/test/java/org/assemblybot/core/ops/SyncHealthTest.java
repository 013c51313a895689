package org.assemblybot.core.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.assemblybot.testkit.MutableClock;
import org.junit.jupiter.api.Test;

/** /healthz and the watchdog's view of the sync loop, on a fake clock. */
class SyncHealthTest {
    private final MutableClock clock = MutableClock.at("2026-06-01T10:00:00Z");
    private final SyncHealth health = new SyncHealth(clock, Duration.ofMinutes(2));

    @Test
    void unhealthyUntilTheFirstSync() {
        assertFalse(health.status().healthy());
        assertTrue(health.status().text().startsWith("starting"), health.status().text());
        assertEquals(Optional.empty(), health.lag());
        assertFalse(health.alive(), "no READY, no watchdog before the first sync");
        health.syncFailing(); // the first attempts fail: still starting
        assertFalse(health.status().healthy());

        health.syncCompleted();

        assertTrue(health.firstSyncDone());
        assertEquals(new SyncHealth.Status(true, "ok: last sync 0 s ago"), health.status());
    }

    @Test
    void aFailingSyncIsHealthyUntilItFailedLongerThanTheLimit() {
        health.syncCompleted();
        clock.advance(Duration.ofSeconds(10));
        health.syncFailing();
        clock.advance(Duration.ofSeconds(110));
        assertTrue(health.status().healthy(), "two minutes without a sync are still fine");
        assertEquals(Optional.of(Duration.ofMinutes(2)), health.lag());

        clock.advance(Duration.ofSeconds(1));

        assertEquals(new SyncHealth.Status(false, "sync failing for 111 s (last success 121 s ago)"), health.status());
        assertTrue(health.alive(), "a loop that reports failures is alive: the homeserver is away, not the bot hung");

        health.syncCompleted();
        assertTrue(health.status().healthy(), "recovered");
    }

    @Test
    void aStalledLoopIsUnhealthyAndStopsFeedingTheWatchdog() {
        health.syncCompleted();
        clock.advance(Duration.ofMinutes(2));
        assertTrue(health.alive());

        clock.advance(Duration.ofSeconds(1));

        assertFalse(health.alive());
        assertFalse(health.status().healthy());
        assertTrue(health.status().text().contains("stalled"), health.status().text());
    }
}
