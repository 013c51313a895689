package org.assemblybot.core.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.assemblybot.core.time.MoonPhases;

/**
 * On every new-moon day at {@code at} in {@code zone}: the new-moon day is the local date in {@code zone}
 * on which the instant of new moon ({@link MoonPhases}) falls. The assembly meets on that date at {@code at}
 * whether that is before or after the moon instant itself (a new moon at 03:00 and one at 22:00 both mean
 * "tonight at 19:00"), so rooms in different zones may meet on different dates for the same moon. See
 * {@link LocalSchedule} for daylight-saving days.
 */
public record NewMoonRecurrence(LocalTime at, ZoneId zone) implements Recurrence {
    /** New-moon days are at most 30 days apart (a lunation is under 29.9 days). */
    private static final int HORIZON_DAYS = 32;
    /** Covers the day before {@code after} and the day after the horizon that the search looks at. */
    private static final Duration MARGIN = Duration.ofDays(3);

    public NewMoonRecurrence {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(zone, "zone");
    }

    @Override
    public Optional<Instant> next(Instant after) {
        Set<LocalDate> moonDays = MoonPhases.newMoonsBetween(after.minus(MARGIN),
                        after.plus(Duration.ofDays(HORIZON_DAYS)).plus(MARGIN)).stream()
                .map(moon -> LocalDate.ofInstant(moon, zone))
                .collect(Collectors.toSet());
        return LocalSchedule.firstAfter(after, zone, HORIZON_DAYS, moonDays::contains, List.of(at));
    }

    @Override
    public String encode() {
        return "newmoon " + LocalSchedule.clock(at) + " " + zone.getId();
    }
}
