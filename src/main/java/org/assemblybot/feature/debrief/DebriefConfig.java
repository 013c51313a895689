package org.assemblybot.feature.debrief;

import java.time.Duration;
import org.assemblybot.core.config.ConfigSection;
import org.assemblybot.core.config.ConfigValues;
import org.assemblybot.core.config.SectionValues;
import org.assemblybot.core.config.Setting;
import org.assemblybot.core.config.ValueType;

/**
 * How long debrief data is kept, and when the room is reminded.
 *
 * @param retention how long after a debrief's micro-roles end its signups and skill tags are deleted (only
 *                  anonymous counts stay)
 * @param reminder  how long before a debrief, a skill share or a care gathering the room is reminded
 */
public record DebriefConfig(Duration retention, Duration reminder) {
    static final Setting<Duration> RETENTION = Setting.of("retention", ValueType.duration().positive()
                    .atMost(Duration.ofDays(366)))
            .byDefault(Duration.ofDays(30))
            .comment("How long after a debrief's micro-roles end its signups and skill tags are kept; then they are"
                    + " deleted and only anonymous counts stay for the summaries.");
    static final Setting<Duration> REMINDER = Setting.of("reminder", ValueType.duration().positive()
                    .atMost(Duration.ofDays(2)))
            .byDefault(Duration.ofHours(1))
            .comment("How long before a debrief, a skill share or a care gathering the room is reminded.");

    /** The {@code debrief} section of bot.yaml. */
    public static final ConfigSection SECTION = ConfigSection.optional("debrief", RETENTION, REMINDER);

    public static DebriefConfig defaults() {
        return from(SECTION.defaults());
    }

    public static DebriefConfig from(ConfigValues config) {
        return from(config.of(SECTION));
    }

    static DebriefConfig from(SectionValues values) {
        return new DebriefConfig(values.get(RETENTION), values.get(REMINDER));
    }
}
