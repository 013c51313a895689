package org.assemblybot.core.time;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Terms of a moon, for roles that rotate "in moons": a term runs from the local start of a new-moon day in
 * the room's zone to the local start of the next new-moon day, so a handover falls at midnight on the day
 * the new-moon assemblies meet ({@code every new moon 19:00}) and a term is 29 or 30 local days, as the moon
 * has it, never a fixed length. The new-moon day is the local date on which the instant of new moon
 * ({@link MoonPhases}) falls; its start is the first instant of that date (00:00, or the end of a
 * daylight-saving gap at midnight).
 */
public final class MoonTerms {
    /** New moons are at least 29 days apart. */
    private static final Duration WITHIN_THE_NEXT_TERM = Duration.ofDays(2);

    private MoonTerms() {
    }

    /** A term: {@code start} inclusive, {@code end} exclusive; the next term starts at {@code end}. */
    public record Term(Instant start, Instant end) {
        public Term {
            Objects.requireNonNull(start, "start");
            Objects.requireNonNull(end, "end");
            if (!start.isBefore(end)) {
                throw new IllegalArgumentException("a term ends after it starts: " + start + " " + end);
            }
        }

        public boolean contains(Instant instant) {
            return !instant.isBefore(start) && instant.isBefore(end);
        }
    }

    /** The term that {@code instant} falls in, with new-moon days counted in {@code zone}. */
    public static Term termContaining(Instant instant, ZoneId zone) {
        Instant moon = MoonPhases.newMoonOnOrAfter(instant);
        Instant dayStart = startOfDay(moon, zone);
        if (!dayStart.isAfter(instant)) {
            return new Term(dayStart, startOfDay(MoonPhases.newMoonOnOrAfter(moon.plus(WITHIN_THE_NEXT_TERM)), zone));
        }
        return new Term(startOfDay(MoonPhases.newMoonBefore(moon), zone), dayStart);
    }

    /** The term after {@code term}, which must be a term of {@code zone}. */
    public static Term next(Term term, ZoneId zone) {
        return termContaining(term.end(), zone);
    }

    private static Instant startOfDay(Instant instant, ZoneId zone) {
        return LocalDate.ofInstant(instant, zone).atStartOfDay(zone).toInstant();
    }
}
