package org.assemblybot.core.time;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assemblybot.core.command.UserFacingException;
import org.assemblybot.core.text.UserText;

/** The words of typed times that one-shot times ({@link TimeInput}) and repeating ones share. */
public final class TimeWords {
    private static final Pattern H24 = Pattern.compile("(\\d{1,2}):(\\d{2})");
    private static final Pattern H12 = Pattern.compile("(\\d{1,2})(?::(\\d{2}))?\\s*([ap])\\.?m\\.?");
    private static final Pattern ZONE_SHAPE = Pattern.compile("[a-z][a-z0-9_+\\-]*(/[a-z0-9_+\\-]+)+");
    private static final int MAX_ECHOED = 40;

    private TimeWords() {
    }

    /**
     * A time of day: {@code 19:00}, {@code 7pm}, {@code 7:30 pm}; empty if the text is not shaped like one.
     *
     * @throws UserFacingException when it is shaped like one but out of range ({@code 25:00}, {@code 13pm})
     */
    public static Optional<LocalTime> clockTime(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        Matcher h24 = H24.matcher(t);
        if (h24.matches()) {
            return Optional.of(time(text, Integer.parseInt(h24.group(1)), Integer.parseInt(h24.group(2)), 23));
        }
        Matcher h12 = H12.matcher(t);
        if (h12.matches()) {
            int hour = Integer.parseInt(h12.group(1));
            int minute = h12.group(2) == null ? 0 : Integer.parseInt(h12.group(2));
            if (hour < 1 || hour > 12) {
                throw notATime(text, "on a 12-hour clock the hour is 1 to 12");
            }
            int hour24 = hour % 12 + (h12.group(3).equals("p") ? 12 : 0);
            return Optional.of(time(text, hour24, minute, 23));
        }
        return Optional.empty();
    }

    private static LocalTime time(String text, int hour, int minute, int maxHour) {
        if (hour > maxHour || minute > 59) {
            throw notATime(text, "use 00:00 to 23:59");
        }
        return LocalTime.of(hour, minute);
    }

    private static UserFacingException notATime(String text, String hint) {
        return new UserFacingException("`" + UserText.quotable(text, MAX_ECHOED) + "` is not a time of day: "
                + hint + ", e.g. `19:00` or `7pm`.");
    }

    /** {@code friday}, {@code fri} (any case); empty otherwise. */
    public static Optional<DayOfWeek> weekday(String word) {
        String w = word.strip().toUpperCase(Locale.ROOT);
        if (w.length() < 3) {
            return Optional.empty();
        }
        for (DayOfWeek day : DayOfWeek.values()) {
            if (day.name().equals(w) || day.name().substring(0, 3).equals(w)) {
                return Optional.of(day);
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a word is meant as a zone id: shaped like {@code Area/Place} ({@code Europe/Berlin}, not a cron
     * step such as {@code 1/2}) or {@code UTC}.
     */
    public static boolean looksLikeZone(String token) {
        String t = token.strip().toLowerCase(Locale.ROOT);
        return ZONE_SHAPE.matcher(t).matches() || t.equals("utc");
    }
}
