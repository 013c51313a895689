package org.assemblybot.adapter.config;

import java.time.Duration;
import java.util.Objects;

/**
 * The {@code commands} section.
 *
 * @param prefix what starts a command, e.g. {@code !} in {@code !vote}
 * @param maxAge commands older than this are never run (M4), e.g. after the bot was down for a while
 */
public record CommandsConfig(String prefix, Duration maxAge) {
    public static final String DEFAULT_PREFIX = "!";
    public static final Duration DEFAULT_MAX_AGE = Duration.ofMinutes(5);

    public CommandsConfig {
        if (!isValidPrefix(prefix)) {
            throw new IllegalArgumentException("a prefix is 1 to 3 characters without spaces");
        }
        Objects.requireNonNull(maxAge, "maxAge");
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
