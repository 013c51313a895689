package org.assemblybot.core.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

/**
 * Reads the times people type, shared by every feature (issue: "Time input"). To be implemented:
 * ISO-8601 ({@code 2026-12-10T18:00Z}, {@code 2026-12-10 19:00 Europe/Berlin}), relative ({@code in 2h},
 * {@code in 3 days}) and phrases ({@code tomorrow 19:00}, {@code friday 18:30}) in the room's zone.
 */
public final class TimeInput {
    private final Clock clock;

    public TimeInput(Clock clock) {
        this.clock = clock;
    }

    /**
     * The instant meant by {@code text}, read in {@code zone} where the text names none.
     *
     * @throws org.assemblybot.core.command.UserFacingException for a past, impossible (DST gap) or
     *         ambiguous (DST overlap) time, or text it cannot read — with examples of what it accepts
     */
    public Instant parse(String text, ZoneId zone) {
        throw new IllegalStateException("placeholder until the time-input work lands");
    }

    /** A duration like {@code 60s}, {@code 10m}, {@code 1h30m}, {@code 2d}. */
    public static Duration parseDuration(String text) {
        throw new IllegalStateException("placeholder until the time-input work lands");
    }

    /** How the bot echoes an instant: in {@code zone} and in UTC, e.g. "Thu 10 Dec 2026, 19:00 Europe/Berlin (18:00 UTC)". */
    public static String describe(Instant instant, ZoneId zone) {
        throw new IllegalStateException("placeholder until the time-input work lands");
    }

    Clock clock() {
        return clock;
    }
}
