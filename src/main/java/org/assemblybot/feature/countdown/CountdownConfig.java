package org.assemblybot.feature.countdown;

import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import org.assemblybot.core.config.ConfigSection;
import org.assemblybot.core.config.ConfigValues;
import org.assemblybot.core.config.SectionValues;
import org.assemblybot.core.config.Setting;
import org.assemblybot.core.config.ValueType;
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
    static final Setting<Integer> MAX_ROOMS = Setting.of("max_rooms", ValueType.integer().atLeast(1))
            .byDefault(20)
            .comment("How many rooms one synchronized action may span (this room included).");
    static final Setting<Duration> MAX_GO_LATENESS = Setting.of("max_go_lateness", ValueType.duration().positive())
            .byDefault(Duration.ofMinutes(1))
            .comment("A GO that would go out later than this is not sent at all (a late GO would split the groups);"
                    + " every room is told that it was missed and why.");
    /** At most 30 days ahead, as for {@code --notices}: a notice is scheduled work kept for that long. */
    static final Setting<List<Duration>> DEFAULT_NOTICES = Setting.of("default_notices",
                    ValueType.list(ValueType.duration().positive().atMost(Duration.ofDays(30))))
            .byDefault(List.of(Duration.ofHours(24), Duration.ofHours(1), Duration.ofMinutes(10), Duration.ofMinutes(1)))
            .comment("T-minus notices when the organizer names none with --notices.");

    /** The {@code countdown} section of bot.yaml. */
    public static final ConfigSection SECTION = ConfigSection.optional("countdown",
            MAX_ROOMS, MAX_GO_LATENESS, DEFAULT_NOTICES);

    public CountdownConfig {
        defaultNotices = List.copyOf(defaultNotices);
    }

    public static CountdownConfig defaults() {
        return from(SECTION.defaults());
    }

    /** The countdown's part of a loaded config. */
    public static CountdownConfig from(ConfigValues config) {
        return from(config.of(SECTION));
    }

    /** The configured keys; timings that only tests change are fixed here. */
    static CountdownConfig from(SectionValues values) {
        List<Duration> notices = values.get(DEFAULT_NOTICES).stream().distinct()
                .sorted(Comparator.reverseOrder()).toList();
        return new CountdownConfig(values.get(MAX_ROOMS), TextLimits.TITLE, notices, values.get(MAX_GO_LATENESS),
                Duration.ofMillis(25), Duration.ofSeconds(2), Duration.ofSeconds(20));
    }

    /** The final stretch in which a live countdown message is edited in place. */
    static final Duration COUNTDOWN_WINDOW = Duration.ofMinutes(10);
}
