package org.assemblybot.core.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every month on {@code dayOfMonth} (1–31) at {@code at} in {@code zone}. In a month too short for the day
 * (the 31st in April, the 29th–31st in February) it runs on the month's last day instead, so "monthly on
 * the 31st" means "at the end of every month" rather than skipping months. See {@link LocalSchedule} for
 * daylight-saving days.
 */
public record MonthlyRecurrence(int dayOfMonth, LocalTime at, ZoneId zone) implements Recurrence {
    public MonthlyRecurrence {
        if (dayOfMonth < 1 || dayOfMonth > 31) {
            throw new IllegalArgumentException("day of month must be 1 to 31: " + dayOfMonth);
        }
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(zone, "zone");
    }

    @Override
    public Optional<Instant> next(Instant after) {
        return LocalSchedule.firstAfter(after, zone, 63, this::runsOn, List.of(at));
    }

    private boolean runsOn(LocalDate date) {
        return date.getDayOfMonth() == Math.min(dayOfMonth, date.lengthOfMonth());
    }

    @Override
    public String encode() {
        return "monthly " + dayOfMonth + " " + LocalSchedule.clock(at) + " " + zone.getId();
    }
}
