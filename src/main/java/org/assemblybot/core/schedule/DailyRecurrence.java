package org.assemblybot.core.schedule;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Every day at {@code at} in {@code zone}; see {@link LocalSchedule} for daylight-saving days. */
public record DailyRecurrence(LocalTime at, ZoneId zone) implements Recurrence {
    public DailyRecurrence {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(zone, "zone");
    }

    @Override
    public Optional<Instant> next(Instant after) {
        return LocalSchedule.firstAfter(after, zone, 2, day -> true, List.of(at));
    }

    @Override
    public String encode() {
        return "daily " + LocalSchedule.clock(at) + " " + zone.getId();
    }
}
