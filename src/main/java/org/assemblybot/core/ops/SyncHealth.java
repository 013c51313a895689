package org.assemblybot.core.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.assemblybot.core.chat.ChatObserver;

/**
 * Whether the bot is connected and working, from what the chat adapter reports about its sync loop: the
 * answer of {@code /healthz}, the sync lag metric, and whether the systemd watchdog is fed. Times come from
 * the injected clock. Thread-safe: the adapter reports from its threads, the HTTP server reads from its own.
 *
 * <ul>
 *   <li>unhealthy until the first sync completed (the bot is starting);</li>
 *   <li>unhealthy when no sync succeeded for longer than {@code unhealthyAfter}, whether the loop says it is
 *       failing (homeserver away) or says nothing at all (stalled);</li>
 *   <li>healthy otherwise.</li>
 * </ul>
 */
public final class SyncHealth implements ChatObserver {
    /** The answer: healthy or not, and one line for people. */
    public record Status(boolean healthy, String text) {
    }

    private final Clock clock;
    private final Duration unhealthyAfter;
    private volatile Instant firstSync;
    private volatile Instant lastSync;
    private volatile Instant failingSince;

    public SyncHealth(Clock clock, Duration unhealthyAfter) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.unhealthyAfter = Objects.requireNonNull(unhealthyAfter, "unhealthyAfter");
    }

    @Override
    public synchronized void syncCompleted() {
        Instant now = clock.instant();
        if (firstSync == null) {
            firstSync = now;
        }
        lastSync = now;
        failingSince = null;
    }

    @Override
    public synchronized void syncFailing() {
        if (failingSince == null) {
            failingSince = clock.instant();
        }
    }

    public boolean firstSyncDone() {
        return firstSync != null;
    }

    /** How long ago the last sync succeeded; empty before the first. */
    public Optional<Duration> lag() {
        Instant last = lastSync;
        return last == null ? Optional.empty() : Optional.of(Duration.between(last, clock.instant()));
    }

    public Status status() {
        Instant last = lastSync;
        Instant failing = failingSince;
        if (last == null) {
            return new Status(false, "starting: no sync with the homeserver completed yet");
        }
        Duration lag = Duration.between(last, clock.instant());
        if (lag.compareTo(unhealthyAfter) <= 0) {
            return new Status(true, "ok: last sync " + seconds(lag) + " ago");
        }
        if (failing != null) {
            return new Status(false, "sync failing for " + seconds(Duration.between(failing, clock.instant()))
                    + " (last success " + seconds(lag) + " ago)");
        }
        return new Status(false, "no sync for " + seconds(lag) + " and no error reported: the sync loop is stalled");
    }

    /**
     * Whether the systemd watchdog should be fed: the bot has synced once and its sync loop is not stalled.
     * A loop that reports failures is alive (the homeserver is away; a restart would not help and the bot
     * recovers by itself), so only a loop that neither syncs nor fails — a hung bot — stops the pings.
     */
    public boolean alive() {
        Instant last = lastSync;
        if (last == null) {
            return false;
        }
        return failingSince != null || Duration.between(last, clock.instant()).compareTo(unhealthyAfter) <= 0;
    }

    private static String seconds(Duration duration) {
        return Math.max(0, duration.toSeconds()) + " s";
    }
}
