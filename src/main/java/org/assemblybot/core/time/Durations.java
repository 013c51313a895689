package org.assemblybot.core.time;

import java.time.DateTimeException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assemblybot.core.command.UserFacingException;
import org.assemblybot.core.text.UserText;

/**
 * The one reader of typed durations, for commands ({@code --close 5m}, {@code --notices 24h,1h}) and the
 * config file alike: {@code 90s}, {@code 10m}, {@code 1h30m}, {@code 2d}, {@code 1w}, {@code 2 weeks},
 * {@code 1 hour and 30 minutes} or ISO-8601 {@code PT1M}. Days and weeks are exact multiples of 24 hours.
 * Each caller words its own errors: a room gets Markdown examples, the operator a key name.
 */
public final class Durations {
    private static final String COMMAND_EXAMPLES = "`10m`, `1h30m` or `90 seconds`";
    private static final int MAX_ECHOED = 40;
    private static final Pattern PART = Pattern.compile("\\G\\s*(\\d{1,9})\\s*([a-z]+)");
    private static final Map<String, Duration> UNITS = Map.ofEntries(
            Map.entry("s", Duration.ofSeconds(1)), Map.entry("sec", Duration.ofSeconds(1)),
            Map.entry("secs", Duration.ofSeconds(1)), Map.entry("second", Duration.ofSeconds(1)),
            Map.entry("seconds", Duration.ofSeconds(1)),
            Map.entry("m", Duration.ofMinutes(1)), Map.entry("min", Duration.ofMinutes(1)),
            Map.entry("mins", Duration.ofMinutes(1)), Map.entry("minute", Duration.ofMinutes(1)),
            Map.entry("minutes", Duration.ofMinutes(1)),
            Map.entry("h", Duration.ofHours(1)), Map.entry("hr", Duration.ofHours(1)),
            Map.entry("hrs", Duration.ofHours(1)), Map.entry("hour", Duration.ofHours(1)),
            Map.entry("hours", Duration.ofHours(1)),
            Map.entry("d", Duration.ofDays(1)), Map.entry("day", Duration.ofDays(1)),
            Map.entry("days", Duration.ofDays(1)),
            Map.entry("w", Duration.ofDays(7)), Map.entry("week", Duration.ofDays(7)),
            Map.entry("weeks", Duration.ofDays(7)));

    private Durations() {
    }

    /**
     * The duration {@code text} names, of any sign ({@code -5m} and {@code PT-1M} are negative, so each caller
     * can say why it refuses them); empty when it is not shaped like a duration at all (a bare {@code 30},
     * {@code soon}, an overflow).
     */
    public static Optional<Duration> parse(String text) {
        Objects.requireNonNull(text, "text");
        String input = text.strip().toLowerCase(Locale.ROOT);
        boolean negative = input.startsWith("-");
        String unsigned = negative ? input.substring(1).strip() : input;
        if (unsigned.startsWith("p")) {
            return iso(input);
        }
        return sumOfParts(unsigned).map(total -> negative ? total.negated() : total);
    }

    /**
     * A duration typed into a command: longer than zero.
     *
     * @throws UserFacingException for text it cannot read, or zero or less — each with examples
     */
    public static Duration fromCommand(String text) {
        Duration total = parse(text).orElseThrow(() -> new UserFacingException("I can't read `"
                + UserText.quotable(text, MAX_ECHOED) + "` as a duration. Try " + COMMAND_EXAMPLES + "."));
        if (total.isZero() || total.isNegative()) {
            throw new UserFacingException("A duration must be longer than zero, e.g. " + COMMAND_EXAMPLES + ".");
        }
        return total;
    }

    /**
     * The shortest form this class reads back: the largest unit that divides it evenly ({@code 90s}, {@code 10m},
     * {@code 24h}, {@code 2d}); days only from two days on, since "24h" is how people write a day ahead.
     */
    public static String format(Duration duration) {
        long seconds = duration.getSeconds();
        if (duration.getNano() != 0) {
            return duration.toString();
        }
        String sign = seconds < 0 ? "-" : "";
        long size = Math.abs(seconds);
        if (size != 0 && size % 86_400 == 0 && size >= 2 * 86_400) {
            return sign + size / 86_400 + "d";
        }
        if (size != 0 && size % 3_600 == 0) {
            return sign + size / 3_600 + "h";
        }
        if (size != 0 && size % 60 == 0) {
            return sign + size / 60 + "m";
        }
        return sign + size + "s";
    }

    private static Optional<Duration> iso(String input) {
        try {
            return Optional.of(Duration.parse(input.toUpperCase(Locale.ROOT)));
        } catch (DateTimeException | ArithmeticException e) {
            return Optional.empty();
        }
    }

    /** "1h30m", "1 hour, 30 minutes", "1 hour and 5 min": numbers each followed by a known unit, nothing else. */
    private static Optional<Duration> sumOfParts(String input) {
        String parts = input.replace(',', ' ').replaceAll("\\band\\b", " ").strip();
        Matcher part = PART.matcher(parts);
        Duration total = Duration.ZERO;
        int end = 0;
        try {
            while (part.find()) {
                Duration unit = UNITS.get(part.group(2));
                if (unit == null) {
                    return Optional.empty();
                }
                total = total.plus(unit.multipliedBy(Long.parseLong(part.group(1))));
                end = part.end();
            }
        } catch (ArithmeticException e) {
            return Optional.empty();
        }
        return end == 0 || end != parts.length() ? Optional.empty() : Optional.of(total);
    }
}
