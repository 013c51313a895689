package org.assemblybot.core.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The daylight-saving policy of every recurrence (T3), in one place. A local time that falls in a gap (the
 * clocks jump over it) runs at the first instant after the gap: 02:30 on the Berlin spring-forward day runs
 * at 03:00, 02:15 on the Lord Howe one at 02:30. A local time that happens twice (the clocks fall back) runs
 * once, at the earlier offset — so an hourly rule skips the repeated hour rather than running twice.
 */
final class LocalSchedule {
    private LocalSchedule() {
    }

    /** The instant a recurring local time runs at in {@code zone}. */
    static Instant instantOf(LocalDateTime local, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.size() == 1) {
            return local.toInstant(offsets.get(0));
        }
        ZoneOffsetTransition transition = rules.getTransition(local);
        return offsets.isEmpty() ? transition.getInstant() : local.toInstant(transition.getOffsetBefore());
    }

    /**
     * The first occurrence strictly after {@code after}: on the days {@code runsOn} accepts, at each of
     * {@code times} (ascending), looking at most {@code horizonDays} ahead. Local times map to instants in
     * order (gaps collapse onto the gap's end, overlaps take their first instant), so the first candidate
     * after {@code after} in local order is the earliest one.
     */
    static Optional<Instant> firstAfter(Instant after, ZoneId zone, int horizonDays, Predicate<LocalDate> runsOn,
                                        List<LocalTime> times) {
        LocalDate start = LocalDate.ofInstant(after, zone).minusDays(1);
        for (int i = 0; i <= horizonDays + 1; i++) {
            LocalDate day = start.plusDays(i);
            if (!runsOn.test(day)) {
                continue;
            }
            for (LocalTime time : times) {
                Instant candidate = instantOf(day.atTime(time), zone);
                if (candidate.isAfter(after)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** "19:00" — the stored and shown form of a local time. */
    static String clock(LocalTime time) {
        return time.toString();
    }
}
