package org.assemblybot.core.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Every week on {@code day} at {@code at} in {@code zone}; see {@link LocalSchedule} for daylight-saving days. */
public record WeeklyRecurrence(DayOfWeek day, LocalTime at, ZoneId zone) implements Recurrence {
    public WeeklyRecurrence {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(zone, "zone");
    }

    @Override
    public Optional<Instant> next(Instant after) {
        return LocalSchedule.firstAfter(after, zone, 8, date -> date.getDayOfWeek() == day, List.of(at));
    }

    @Override
    public String encode() {
        return "weekly " + day.name().substring(0, 3) + " " + LocalSchedule.clock(at) + " " + zone.getId();
    }
}
