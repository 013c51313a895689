package org.assemblybot.core.schedule;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assemblybot.core.command.UserFacingException;
import org.assemblybot.core.text.UserText;
import org.assemblybot.core.time.TimeWords;
import org.assemblybot.core.time.ZoneResolver;

/** Reads recurrences: back from storage ({@link Recurrence#encode()}) and from what people type. */
public final class Recurrences {
    private static final Pattern STORED_DAILY = Pattern.compile("daily (\\S+) (\\S+)");
    private static final Pattern STORED_WEEKLY = Pattern.compile("weekly (MON|TUE|WED|THU|FRI|SAT|SUN) (\\S+) (\\S+)");
    private static final Pattern STORED_MONTHLY = Pattern.compile("monthly (\\d{1,2}) (\\S+) (\\S+)");
    private static final Pattern STORED_NTH_WEEKDAY = Pattern.compile(
            "monthly-nth (-1|[1-4]) (MON|TUE|WED|THU|FRI|SAT|SUN) (\\S+) (\\S+)");
    private static final Pattern STORED_NEW_MOON = Pattern.compile("newmoon (\\S+) (\\S+)");
    private static final Pattern STORED_CRON = Pattern.compile("cron \"([^\"]*)\" (\\S+)");

    private static final Pattern EVERY_DAY = Pattern.compile("(?:every day|daily)(?: at)? (.+)");
    private static final Pattern EVERY_MONTH = Pattern.compile(
            "(?:every month|monthly)(?: on)?(?: the)? (\\d{1,2})(?:st|nd|rd|th)?(?: at)? (.+)");
    private static final Pattern EVERY_NTH_WEEKDAY = Pattern.compile(
            "(?:every|each|(?:every month|monthly)(?: on)?(?: the)?) (\\d(?:st|nd|rd|th)|first|second|third|fourth|fifth|last)"
                    + " (\\S+)(?: of (?:the|every|each) month)?(?: at)? (.+)");
    private static final Pattern EVERY_NEW_MOON = Pattern.compile("(?:every|each) new ?moon(?: day)?(?: at)? (.+)");
    private static final List<String> ORDINALS = List.of("first", "second", "third", "fourth", "fifth");
    private static final Pattern EVERY_WEEKDAY = Pattern.compile("(?:every|weekly(?: on)?) (\\S+)(?: at)? (.+)");
    private static final Pattern CRON = Pattern.compile("cron (.+)");
    private static final String EXAMPLES = "`every day 19:00`, `every friday 18:30`, `every 2nd tuesday 19:00`,"
            + " `every last friday 18:00`, `every new moon 19:00`, `every month on the 1st 09:00` or `cron 0 18 * * 5`";
    private static final int MAX_ECHOED = 60;

    private Recurrences() {
    }

    /**
     * Reads back the output of {@link Recurrence#encode()}, e.g. {@code daily 19:00 Europe/Berlin},
     * {@code weekly MON 18:30 America/New_York}, {@code monthly 1 09:00 UTC},
     * {@code monthly-nth 2 TUE 19:00 Europe/Berlin} ({@code -1}: the last), {@code newmoon 19:00 Europe/Berlin},
     * {@code cron "0 18 * * 5" Europe/Berlin}.
     *
     * @throws IllegalArgumentException for anything else: stored data that does not read back is a bug
     */
    public static Recurrence parse(String encoded) {
        try {
            Matcher m;
            if ((m = STORED_DAILY.matcher(encoded)).matches()) {
                return new DailyRecurrence(LocalTime.parse(m.group(1)), ZoneId.of(m.group(2)));
            }
            if ((m = STORED_WEEKLY.matcher(encoded)).matches()) {
                return new WeeklyRecurrence(weekday(m.group(1)), LocalTime.parse(m.group(2)), ZoneId.of(m.group(3)));
            }
            if ((m = STORED_MONTHLY.matcher(encoded)).matches()) {
                return new MonthlyRecurrence(Integer.parseInt(m.group(1)), LocalTime.parse(m.group(2)),
                        ZoneId.of(m.group(3)));
            }
            if ((m = STORED_NTH_WEEKDAY.matcher(encoded)).matches()) {
                return new NthWeekdayRecurrence(Integer.parseInt(m.group(1)), weekday(m.group(2)),
                        LocalTime.parse(m.group(3)), ZoneId.of(m.group(4)));
            }
            if ((m = STORED_NEW_MOON.matcher(encoded)).matches()) {
                return new NewMoonRecurrence(LocalTime.parse(m.group(1)), ZoneId.of(m.group(2)));
            }
            if ((m = STORED_CRON.matcher(encoded)).matches()) {
                return new CronRecurrence(m.group(1), ZoneId.of(m.group(2)));
            }
        } catch (DateTimeException | UserFacingException e) {
            throw new IllegalArgumentException("Unreadable stored recurrence: " + encoded, e);
        }
        throw new IllegalArgumentException("Unreadable stored recurrence: " + encoded);
    }

    /** {@code 2nd}, {@code second} → 2; {@code last} → -1. */
    private static int nth(String ordinal, DayOfWeek day) {
        int nth = ordinal.equals("last") ? NthWeekdayRecurrence.LAST
                : Character.isDigit(ordinal.charAt(0)) ? ordinal.charAt(0) - '0' : ORDINALS.indexOf(ordinal) + 1;
        if (nth != NthWeekdayRecurrence.LAST && (nth < 1 || nth > NthWeekdayRecurrence.MAX_NTH)) {
            String name = day.name().toLowerCase(Locale.ROOT);
            throw new UserFacingException("A month's " + name + "s are the 1st to the 4th and the last, not the "
                    + ordinal + " (not every month has a 5th). Try `every last " + name + " 19:00` or `every 1st "
                    + name + " 19:00`.");
        }
        return nth;
    }

    private static DayOfWeek weekday(String abbreviation) {
        return TimeWords.weekday(abbreviation).orElseThrow();
    }

    /**
     * Reads a repeating time as typed, in {@code roomZone} unless a zone id ends the text: {@code every day
     * 19:00}, {@code daily at 7pm}, {@code every friday 18:30}, {@code every fri 6:30pm America/Bogota},
     * {@code every month on the 1st 09:00} (29th–31st: the last day in shorter months), {@code every 2nd tuesday
     * 19:00}, {@code every last friday at 6pm}, {@code every new moon 19:00} (on the new-moon day in the zone,
     * see {@link NewMoonRecurrence}), {@code cron 0 18 * * 5} (quotes around the five fields optional).
     *
     * @throws UserFacingException for text it cannot read, with examples
     */
    public static Recurrence fromUserText(String text, ZoneId roomZone) {
        String input = text.strip().replaceAll("\\s+", " ");
        List<String> tokens = Arrays.asList(input.split(" "));
        ZoneId zone = roomZone;
        String rest = input;
        if (tokens.size() > 1 && TimeWords.looksLikeZone(tokens.get(tokens.size() - 1))) {
            zone = ZoneResolver.resolve(tokens.get(tokens.size() - 1));
            rest = String.join(" ", tokens.subList(0, tokens.size() - 1));
        }
        String lower = rest.toLowerCase(Locale.ROOT);
        Matcher m;
        if ((m = CRON.matcher(lower)).matches()) {
            String fields = m.group(1).strip();
            if (fields.length() >= 2 && fields.startsWith("\"") && fields.endsWith("\"")) {
                fields = fields.substring(1, fields.length() - 1);
            }
            return new CronRecurrence(fields, zone);
        }
        if ((m = EVERY_DAY.matcher(lower)).matches()) {
            Optional<LocalTime> at = TimeWords.clockTime(m.group(1));
            if (at.isPresent()) {
                return new DailyRecurrence(at.get(), zone);
            }
        }
        if ((m = EVERY_MONTH.matcher(lower)).matches()) {
            Optional<LocalTime> at = TimeWords.clockTime(m.group(2));
            if (at.isPresent()) {
                int day = Integer.parseInt(m.group(1));
                if (day < 1 || day > 31) {
                    throw new UserFacingException("A month has days 1 to 31, not " + day
                            + ". Example: `every month on the 1st 09:00`.");
                }
                return new MonthlyRecurrence(day, at.get(), zone);
            }
        }
        if ((m = EVERY_NEW_MOON.matcher(lower)).matches()) {
            Optional<LocalTime> at = TimeWords.clockTime(m.group(1));
            if (at.isPresent()) {
                return new NewMoonRecurrence(at.get(), zone);
            }
        }
        if ((m = EVERY_NTH_WEEKDAY.matcher(lower)).matches()) {
            Optional<DayOfWeek> day = TimeWords.weekday(m.group(2));
            Optional<LocalTime> at = TimeWords.clockTime(m.group(3));
            if (day.isPresent() && at.isPresent()) {
                return new NthWeekdayRecurrence(nth(m.group(1), day.get()), day.get(), at.get(), zone);
            }
        }
        if ((m = EVERY_WEEKDAY.matcher(lower)).matches()) {
            Optional<DayOfWeek> day = TimeWords.weekday(m.group(1));
            Optional<LocalTime> at = TimeWords.clockTime(m.group(2));
            if (day.isPresent() && at.isPresent()) {
                return new WeeklyRecurrence(day.get(), at.get(), zone);
            }
        }
        throw new UserFacingException("I can't read `" + UserText.quotable(text, MAX_ECHOED)
                + "` as a repeating time. Try " + EXAMPLES + ".");
    }
}
