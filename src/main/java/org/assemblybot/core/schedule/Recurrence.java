package org.assemblybot.core.schedule;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * A rule for the occurrences of a recurring item, at local times in an IANA zone (T3): correct across
 * daylight-saving changes. Implementations: daily, weekly, monthly (on a day or on the nth weekday) and on
 * new-moon days at a local time, and cron.
 */
public interface Recurrence {
    /** The first occurrence strictly after {@code after}; empty if there is none. */
    Optional<Instant> next(Instant after);

    ZoneId zone();

    /** A stable text form for storage, read back by {@code Recurrences.parse}. */
    String encode();
}
