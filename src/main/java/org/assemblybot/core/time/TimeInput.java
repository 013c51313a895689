package org.assemblybot.core.time;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assemblybot.core.command.UserFacingException;
import org.assemblybot.core.text.UserText;

/**
 * Reads the times people type, shared by every feature (issue: "Time input"): ISO-8601
 * ({@code 2026-12-10T18:00Z}, {@code 2026-12-10 19:00 Europe/Berlin}), relative ({@code in 2h},
 * {@code in 3 days}) and phrases ({@code tomorrow 19:00}, {@code friday 18:30}, {@code 7pm}) in the room's
 * zone, each optionally followed by a zone id that overrides the room's. A local time that does not exist
 * (DST gap) or exists twice (DST overlap) is refused rather than guessed (T3); "now" is the injected clock.
 */
public final class TimeInput {
    private static final String EXAMPLES = "`tomorrow 19:00`, `friday 18:30 Europe/Berlin`, `in 2h` or "
            + "`2026-12-10 19:00`";
    private static final int MAX_ECHOED = 40;

    private static final String DATE = "(\\d{4})-(\\d{1,2})-(\\d{1,2})";
    private static final Pattern OFFSET_DATE_TIME = Pattern.compile(
            DATE + "[t ](\\d{1,2}):(\\d{2})(?::(\\d{2}))?\\s?(z|[+-]\\d{2}:?\\d{2})");
    private static final Pattern LOCAL_DATE_TIME = Pattern.compile(DATE + "[t ](.+)");
    private static final Pattern RELATIVE = Pattern.compile("in (.+)");
    private static final Pattern DAY_AND_TIME = Pattern.compile("(\\S+) (?:at )?(.+)");
    private static final Pattern TIME_ALONE = Pattern.compile("(?:at )?(.+)");

    private static final DateTimeFormatter FULL = DateTimeFormatter.ofPattern("EEE d MMM uuuu, HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_AND_CLOCK = DateTimeFormatter.ofPattern("EEE d MMM, HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter WEEKDAY = DateTimeFormatter.ofPattern("EEE", Locale.ENGLISH);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm");

    private final Clock clock;

    public TimeInput(Clock clock) {
        this.clock = clock;
    }

    /**
     * The instant meant by {@code text}, read in {@code zone} where the text names none.
     *
     * @throws org.assemblybot.core.command.UserFacingException for a past, impossible (DST gap) or
     *         ambiguous (DST overlap) time, or text it cannot read — with examples of what it accepts
     */
    public Instant parse(String text, ZoneId zone) {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(zone, "zone");
        String typed = text.strip().replaceAll("\\s+", " ");
        if (typed.isEmpty()) {
            throw unreadable(text);
        }
        Instant now = clock.instant();
        Instant at = read(typed, zone, now);
        if (!at.isAfter(now)) {
            String when = at.equals(now) ? " is now, not in the future."
                    : " is in the past (it was " + relative(Duration.between(now, at)) + ").";
            throw new UserFacingException(describe(at, zone) + when + " Try e.g. " + EXAMPLES + ".");
        }
        return at;
    }

    /** {@code typed}: stripped, single spaces, case as typed (zone ids are echoed as typed). */
    private Instant read(String typed, ZoneId zone, Instant now) {
        String input = typed.toLowerCase(Locale.ROOT);
        Matcher iso = OFFSET_DATE_TIME.matcher(input);
        if (iso.matches()) {
            return withOffset(iso);
        }
        int lastSpace = input.lastIndexOf(' ');
        String last = typed.substring(lastSpace + 1);
        String allButLast = lastSpace < 0 ? "" : input.substring(0, lastSpace);
        if (lastSpace >= 0 && TimeWords.looksLikeZone(last)) {
            ZoneId named = ZoneResolver.resolve(last);
            return readLocal(allButLast, named, now).orElseThrow(() -> unreadable(typed));
        }
        Optional<Instant> local = readLocal(input, zone, now);
        if (local.isPresent()) {
            return local.get();
        }
        if (lastSpace >= 0 && readsWithoutLastWord(allButLast, zone, now)) {
            // The last word was meant as a zone ("friday 18:30 CET"): the resolver says why it is not one.
            ZoneResolver.resolve(last);
        }
        throw unreadable(typed);
    }

    /** Whether "friday 18:30 CET" would read without "CET": then that word was meant as a zone. */
    private boolean readsWithoutLastWord(String allButLast, ZoneId zone, Instant now) {
        try {
            return readLocal(allButLast, zone, now).isPresent();
        } catch (UserFacingException e) {
            return false;
        }
    }

    private static Instant withOffset(Matcher iso) {
        LocalDate date = date(iso.group(1), iso.group(2), iso.group(3));
        int hour = Integer.parseInt(iso.group(4));
        int minute = Integer.parseInt(iso.group(5));
        int second = iso.group(6) == null ? 0 : Integer.parseInt(iso.group(6));
        if (hour > 23 || minute > 59 || second > 59) {
            throw new UserFacingException("`" + iso.group(4) + ":" + iso.group(5) + "` is not a time of day: use "
                    + "00:00 to 23:59, e.g. `2026-12-10T18:00Z`.");
        }
        ZoneOffset offset;
        try {
            offset = ZoneOffset.of(iso.group(7).toUpperCase(Locale.ROOT));
        } catch (DateTimeException e) {
            throw new UserFacingException("`" + iso.group(7) + "` is not a UTC offset. Use e.g. `+01:00` or `Z`.");
        }
        return OffsetDateTime.of(date.atTime(hour, minute, second), offset).toInstant();
    }

    /** The text without a zone: empty when it is not shaped like any accepted form. */
    private static Optional<Instant> readLocal(String input, ZoneId zone, Instant now) {
        Matcher relative = RELATIVE.matcher(input);
        if (relative.matches()) {
            return Optional.of(now.plus(Durations.fromCommand(relative.group(1))));
        }
        Matcher dateTime = LOCAL_DATE_TIME.matcher(input);
        if (dateTime.matches()) {
            Optional<LocalTime> time = TimeWords.clockTime(dateTime.group(4));
            if (time.isEmpty()) {
                return Optional.empty();
            }
            LocalDate date = date(dateTime.group(1), dateTime.group(2), dateTime.group(3));
            return Optional.of(strictly(date.atTime(time.get()), zone));
        }
        LocalDateTime nowLocal = LocalDateTime.ofInstant(now, zone);
        Matcher dayAndTime = DAY_AND_TIME.matcher(input);
        if (dayAndTime.matches()) {
            Optional<LocalDate> day = day(dayAndTime.group(1), nowLocal);
            if (day.isPresent()) {
                Optional<LocalTime> time = TimeWords.clockTime(dayAndTime.group(2));
                if (time.isEmpty()) {
                    return Optional.empty();
                }
                LocalDate date = day.get();
                boolean weekday = TimeWords.weekday(dayAndTime.group(1)).isPresent();
                if (weekday && !date.atTime(time.get()).isAfter(nowLocal)) {
                    date = date.plusWeeks(1);
                }
                return Optional.of(strictly(date.atTime(time.get()), zone));
            }
        }
        Matcher alone = TIME_ALONE.matcher(input);
        if (alone.matches()) {
            Optional<LocalTime> time = TimeWords.clockTime(alone.group(1));
            if (time.isPresent()) {
                LocalDate today = nowLocal.toLocalDate();
                LocalDate date = today.atTime(time.get()).isAfter(nowLocal) ? today : today.plusDays(1);
                return Optional.of(strictly(date.atTime(time.get()), zone));
            }
        }
        return Optional.empty();
    }

    /** today, tomorrow, or the next such weekday on or after today. */
    private static Optional<LocalDate> day(String word, LocalDateTime nowLocal) {
        LocalDate today = nowLocal.toLocalDate();
        switch (word) {
            case "today":
                return Optional.of(today);
            case "tomorrow":
                return Optional.of(today.plusDays(1));
            default:
                Optional<DayOfWeek> weekday = TimeWords.weekday(word);
                return weekday.map(d -> today.with(TemporalAdjusters.nextOrSame(d)));
        }
    }

    private static LocalDate date(String year, String month, String day) {
        String typed = year + "-" + month + "-" + day;
        int y = Integer.parseInt(year);
        int m = Integer.parseInt(month);
        int d = Integer.parseInt(day);
        if (m < 1 || m > 12) {
            throw new UserFacingException("`" + typed + "` is not a date: the month is 01 to 12 (YYYY-MM-DD).");
        }
        YearMonth yearMonth = YearMonth.of(y, m);
        if (d < 1 || d > yearMonth.lengthOfMonth()) {
            throw new UserFacingException("`" + typed + "` is not a date: "
                    + yearMonth.getMonth().getDisplayName(TextStyle.FULL, Locale.ENGLISH) + " " + y + " has "
                    + yearMonth.lengthOfMonth() + " days.");
        }
        return LocalDate.of(y, m, d);
    }

    /** The one instant a local time names in {@code zone}; refused in a DST gap or overlap. */
    private static Instant strictly(LocalDateTime local, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.size() == 1) {
            return local.toInstant(offsets.get(0));
        }
        ZoneOffsetTransition transition = rules.getTransition(local);
        String time = CLOCK.format(local);
        LocalDate date = local.toLocalDate();
        if (offsets.isEmpty()) {
            throw new UserFacingException(time + " does not exist on " + date + " in " + zone.getId()
                    + ": clocks jump from " + CLOCK.format(transition.getDateTimeBefore()) + " to "
                    + CLOCK.format(transition.getDateTimeAfter()) + ". Pick a time outside that hour, e.g. "
                    + CLOCK.format(transition.getDateTimeAfter()) + ".");
        }
        throw new UserFacingException(time + " happens twice on " + date + " in " + zone.getId()
                + "; add the offset, e.g. " + date + "T" + time + transition.getOffsetBefore().getId()
                + " (the first) or " + date + "T" + time + transition.getOffsetAfter().getId() + " (the second).");
    }

    private static UserFacingException unreadable(String text) {
        return new UserFacingException("I can't read `" + UserText.quotable(text, MAX_ECHOED) + "` as a time. Try "
                + EXAMPLES + ".");
    }

    /**
     * How the bot echoes an instant: in {@code zone} and in UTC, e.g. "Thu 10 Dec 2026, 19:00 Europe/Berlin
     * (18:00 UTC)"; the UTC part names its day when that differs ("… (Thu 10 Dec, 16:00 UTC)"); in a UTC
     * room just "Thu 10 Dec 2026, 18:00 UTC".
     */
    public static String describe(Instant instant, ZoneId zone) {
        ZonedDateTime utc = instant.atZone(ZoneOffset.UTC);
        if (isUtc(zone)) {
            return FULL.format(utc) + " UTC";
        }
        ZonedDateTime local = instant.atZone(zone);
        String utcPart = local.toLocalDate().equals(utc.toLocalDate()) ? CLOCK.format(utc) : DAY_AND_CLOCK.format(utc);
        return FULL.format(local) + " " + zone.getId() + " (" + utcPart + " UTC)";
    }

    /**
     * One compact line for rooms spread over several zones, e.g. "Kyiv 20:00 · Bogota 12:00 · Tokyo Fri 02:00":
     * each zone by its place name, with the weekday where the date differs from the first zone's.
     */
    public static String describeIn(Instant instant, List<ZoneId> zones) {
        if (zones.isEmpty()) {
            throw new IllegalArgumentException("no zones");
        }
        LocalDate firstDate = instant.atZone(zones.get(0)).toLocalDate();
        List<String> parts = new ArrayList<>();
        for (ZoneId zone : zones) {
            ZonedDateTime local = instant.atZone(zone);
            String day = local.toLocalDate().equals(firstDate) ? "" : WEEKDAY.format(local) + " ";
            parts.add(place(zone) + " " + day + CLOCK.format(local));
        }
        return String.join(" · ", parts);
    }

    /** "New York" for America/New_York, "UTC" for the UTC zones. */
    private static String place(ZoneId zone) {
        if (isUtc(zone)) {
            return "UTC";
        }
        String id = zone.getId();
        return id.substring(id.lastIndexOf('/') + 1).replace('_', ' ');
    }

    private static boolean isUtc(ZoneId zone) {
        String id = zone.getId();
        return zone.normalized().equals(ZoneOffset.UTC) && (!id.contains("/") || id.startsWith("Etc/"));
    }

    /** A length without direction, e.g. "60 seconds", "2 hours 5 minutes" — for durations and lateness. */
    public static String relativeLength(Duration length) {
        String text = relative(length.abs());
        return text.startsWith("in ") ? text.substring(3) : text;
    }

    /**
     * A duration as words for echoes: "in 2 hours 5 minutes", "3 minutes ago", "in 45 seconds", "now". The
     * largest unit (days, hours, minutes) and the next one when it is not zero, to the nearest minute.
     */
    public static String relative(Duration duration) {
        boolean past = duration.isNegative();
        Duration size = duration.abs();
        String words;
        if (size.compareTo(Duration.ofMinutes(1)) < 0) {
            long seconds = size.getSeconds();
            if (seconds == 0) {
                return "now";
            }
            words = plural(seconds, "second");
        } else {
            long minutes = size.plusSeconds(30).toMinutes();
            long[] amounts = {minutes / (24 * 60), minutes / 60 % 24, minutes % 60};
            String[] names = {"day", "hour", "minute"};
            int first = 0;
            while (amounts[first] == 0) {
                first++;
            }
            words = plural(amounts[first], names[first]);
            if (first < 2 && amounts[first + 1] != 0) {
                words += " " + plural(amounts[first + 1], names[first + 1]);
            }
        }
        return past ? words + " ago" : "in " + words;
    }

    private static String plural(long amount, String unit) {
        return amount + " " + unit + (amount == 1 ? "" : "s");
    }

    Clock clock() {
        return clock;
    }
}
