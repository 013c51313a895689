package org.assemblybot.core.schedule;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every month on its {@code nth} {@code day} at {@code at} in {@code zone}: {@code nth} 1 to 4 counts from
 * the month's start (the 2nd Tuesday), {@link #LAST} (-1) is the month's last such day. There is no 5th: not
 * every month has one. See {@link LocalSchedule} for daylight-saving days.
 */
public record NthWeekdayRecurrence(int nth, DayOfWeek day, LocalTime at, ZoneId zone) implements Recurrence {
    public static final int LAST = -1;
    public static final int MAX_NTH = 4;

    public NthWeekdayRecurrence {
        if (nth != LAST && (nth < 1 || nth > MAX_NTH)) {
            throw new IllegalArgumentException("nth must be 1 to " + MAX_NTH + " or -1 (last): " + nth);
        }
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(zone, "zone");
    }

    @Override
    public Optional<Instant> next(Instant after) {
        return LocalSchedule.firstAfter(after, zone, 63, this::runsOn, List.of(at));
    }

    private boolean runsOn(LocalDate date) {
        if (date.getDayOfWeek() != day) {
            return false;
        }
        return nth == LAST ? date.getDayOfMonth() + 7 > date.lengthOfMonth() : (date.getDayOfMonth() + 6) / 7 == nth;
    }

    @Override
    public String encode() {
        return "monthly-nth " + nth + " " + day.name().substring(0, 3) + " " + LocalSchedule.clock(at) + " "
                + zone.getId();
    }
}
