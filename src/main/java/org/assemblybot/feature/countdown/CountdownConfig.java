package org.assemblybot.feature.countdown;

import java.time.Duration;
import java.util.List;
import org.assemblybot.core.text.TextLimits;

/**
 * Limits and timings of synchronized actions.
 *
 * @param maxRooms        how many rooms one action may span (P5)
 * @param maxTitleLength  characters in a title
 * @param defaultNotices  T-minus notices when the organizer names none
 * @param maxGoLateness   a GO later than this is not sent at all (T2: a late GO is harmful)
 * @param goLead          how much before T0 the GO requests leave, so that they are stamped at T0
 * @param prepareAhead    how long before T0 the GO is encrypted for every room
 * @param minimumLead     how far ahead an action must be planned, to leave time for preparing
 */
public record CountdownConfig(int maxRooms, int maxTitleLength, List<Duration> defaultNotices, Duration maxGoLateness,
                              Duration goLead, Duration prepareAhead, Duration minimumLead) {
    public CountdownConfig {
        defaultNotices = List.copyOf(defaultNotices);
    }

    public static CountdownConfig defaults() {
        return new CountdownConfig(20, TextLimits.TITLE,
                List.of(Duration.ofHours(24), Duration.ofHours(1), Duration.ofMinutes(10), Duration.ofMinutes(1)),
                Duration.ofSeconds(60), Duration.ofMillis(25), Duration.ofSeconds(2), Duration.ofSeconds(20));
    }

    /** The final stretch in which a live countdown message is edited in place. */
    static final Duration COUNTDOWN_WINDOW = Duration.ofMinutes(10);
}
