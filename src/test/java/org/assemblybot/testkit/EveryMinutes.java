package org.assemblybot.testkit;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.assemblybot.core.schedule.Recurrence;

/**
 * A test-only recurrence: every {@code minutes} minutes from {@code anchor}, in UTC. The real rules (daily,
 * weekly, cron, in an IANA zone) live in {@code core.time}; scheduler tests need only something that recurs.
 */
public record EveryMinutes(int minutes, Instant anchor) implements Recurrence {
    private static final String PREFIX = "test-every:";

    public EveryMinutes {
        if (minutes <= 0) {
            throw new IllegalArgumentException("minutes must be positive");
        }
    }

    @Override
    public Optional<Instant> next(Instant after) {
        if (after.isBefore(anchor)) {
            return Optional.of(anchor);
        }
        long step = Duration.ofMinutes(minutes).toMillis();
        long periods = (after.toEpochMilli() - anchor.toEpochMilli()) / step + 1;
        return Optional.of(anchor.plusMillis(periods * step));
    }

    @Override
    public ZoneId zone() {
        return ZoneOffset.UTC;
    }

    @Override
    public String encode() {
        return PREFIX + minutes + ":" + anchor;
    }

    /** The decoder for {@code SqliteScheduleStore}. */
    public static Recurrence decode(String text) {
        if (!text.startsWith(PREFIX)) {
            throw new IllegalArgumentException("not an EveryMinutes recurrence");
        }
        String[] parts = text.substring(PREFIX.length()).split(":", 2);
        return new EveryMinutes(Integer.parseInt(parts[0]), Instant.parse(parts[1]));
    }
}
