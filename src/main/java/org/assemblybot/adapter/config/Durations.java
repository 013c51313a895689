package org.assemblybot.adapter.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the duration forms the config accepts: {@code 30s}, {@code 5m}, {@code 2h}, {@code 1d}, ISO {@code PT30S}. */
final class Durations {
    static final String FORMS = "a duration like 30s, 5m, 2h, 1d or PT30S";

    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})([smhd])");

    private Durations() {
    }

    static Optional<Duration> parse(String text) {
        Matcher m = SHORT.matcher(text.strip());
        if (m.matches()) {
            long amount = Long.parseLong(m.group(1));
            return Optional.of(switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            });
        }
        try {
            return Optional.of(Duration.parse(text.strip()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
