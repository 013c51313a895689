package org.assemblybot.adapter.config;

import java.time.Duration;
import java.util.Objects;
import org.assemblybot.core.config.ConfigSection;
import org.assemblybot.core.config.SectionValues;
import org.assemblybot.core.config.Setting;
import org.assemblybot.core.config.ValueType;

/**
 * The {@code commands} section.
 *
 * @param prefix what starts a command, e.g. {@code !} in {@code !vote}
 * @param maxAge commands older than this are never run (M4), e.g. after the bot was down for a while
 */
public record CommandsConfig(String prefix, Duration maxAge) {
    public static final String DEFAULT_PREFIX = "!";
    public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(5);

    static final Setting<String> PREFIX = Setting.of("prefix", ValueType.text()
                    .check(CommandsConfig::isValidPrefix, "must be 1 to 3 characters without spaces, like \"!\" (quote it)"))
            .byDefault(DEFAULT_PREFIX)
            .comment("What starts a command, 1 to 3 characters without spaces. Quote it: YAML reads a bare ! as a tag.");
    static final Setting<Duration> MAX_AGE = Setting.of("max_age", ValueType.duration().positive())
            .byDefault(DEFAULT_MAX_AGE)
            .comment("Commands older than this are never run, e.g. after the bot was down for a while.");
    static final ConfigSection SECTION = ConfigSection.optional("commands", PREFIX, MAX_AGE);

    public CommandsConfig {
        if (!isValidPrefix(prefix)) {
            throw new IllegalArgumentException("a prefix is 1 to 3 characters without spaces");
        }
        Objects.requireNonNull(maxAge, "maxAge");
    }

    static CommandsConfig from(SectionValues values) {
        return new CommandsConfig(values.get(PREFIX), values.get(MAX_AGE));
    }

    /** One to three characters (code points, so an emoji counts as one), none of them white space. */
    public static boolean isValidPrefix(String prefix) {
        if (prefix == null) {
            return false;
        }
        long length = prefix.codePoints().count();
        return length >= 1 && length <= 3 && prefix.codePoints().noneMatch(Character::isWhitespace);
    }
}
