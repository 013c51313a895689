package org.assemblybot.core.schedule;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.assemblybot.core.command.UserFacingException;
import org.assemblybot.core.text.UserText;

/**
 * A five-field cron rule ({@code minute hour day-of-month month day-of-week}) at local times in
 * {@code zone}. Fields take {@code *}, numbers, lists ({@code 1,15}), ranges ({@code 1-5}), steps
 * ({@code *}{@code /15}, {@code 0-30/10}, {@code 5/15}) and names ({@code MON}–{@code SUN}, {@code JAN}–{@code DEC});
 * day-of-week 0 and 7 are both Sunday. As in Vixie cron, when both day fields are restricted (neither starts
 * with {@code *}) a day matches if either does. See {@link LocalSchedule} for daylight-saving days: several
 * times inside one gap run once, at the gap's end.
 */
public final class CronRecurrence implements Recurrence {
    /** Feb 29 comes back after at most eight years (2096 → 2104). */
    private static final int HORIZON_DAYS = 366 * 8 + 2;
    private static final String EXAMPLE = "`0 18 * * FRI` (Fridays at 18:00)";
    private static final int MAX_ECHOED = 60;
    private static final Map<String, Integer> MONTHS = Map.ofEntries(
            Map.entry("JAN", 1), Map.entry("FEB", 2), Map.entry("MAR", 3), Map.entry("APR", 4), Map.entry("MAY", 5),
            Map.entry("JUN", 6), Map.entry("JUL", 7), Map.entry("AUG", 8), Map.entry("SEP", 9), Map.entry("OCT", 10),
            Map.entry("NOV", 11), Map.entry("DEC", 12));
    private static final Map<String, Integer> DAYS = Map.of(
            "SUN", 0, "MON", 1, "TUE", 2, "WED", 3, "THU", 4, "FRI", 5, "SAT", 6);

    private final String expression;
    private final ZoneId zone;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean dayOfMonthRestricted;
    private final boolean dayOfWeekRestricted;
    private final List<LocalTime> times;

    /** @throws UserFacingException when the expression is not a valid five-field cron rule, or never runs */
    public CronRecurrence(String fiveFieldCron, ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
        this.expression = fiveFieldCron.strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
        String[] fields = expression.isEmpty() ? new String[0] : expression.split(" ");
        if (fields.length != 5) {
            throw new UserFacingException("A cron rule has five fields (minute hour day-of-month month day-of-week),"
                    + " e.g. " + EXAMPLE + "; `" + UserText.quotable(fiveFieldCron, MAX_ECHOED) + "` has "
                    + fields.length + ".");
        }
        BitSet minutes = field(fields[0], "minute", 0, 59, Map.of());
        BitSet hours = field(fields[1], "hour", 0, 23, Map.of());
        daysOfMonth = field(fields[2], "day-of-month", 1, 31, Map.of());
        months = field(fields[3], "month", 1, 12, MONTHS);
        daysOfWeek = field(fields[4], "day-of-week", 0, 7, DAYS);
        if (daysOfWeek.get(7)) {
            daysOfWeek.set(0);
        }
        dayOfMonthRestricted = !fields[2].startsWith("*");
        dayOfWeekRestricted = !fields[4].startsWith("*");
        List<LocalTime> all = new ArrayList<>();
        hours.stream().forEach(h -> minutes.stream().forEach(m -> all.add(LocalTime.of(h, m))));
        times = List.copyOf(all);
        if (dayOfMonthRestricted && !dayOfWeekRestricted && !someMonthHasADay()) {
            throw new UserFacingException("The cron rule `" + expression + "` never runs: none of its months has"
                    + " that day. Example: " + EXAMPLE + ".");
        }
    }

    private boolean someMonthHasADay() {
        return months.stream().anyMatch(m -> daysOfMonth.nextSetBit(1) <= Month.of(m).maxLength());
    }

    private BitSet field(String text, String name, int min, int max, Map<String, Integer> names) {
        BitSet values = new BitSet(max + 1);
        for (String part : text.split(",", -1)) {
            String range = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                step = number(part.substring(slash + 1), part, name);
                if (step < 1) {
                    throw invalid(name, part, "the step must be at least 1");
                }
            }
            int low;
            int high;
            if (range.equals("*")) {
                low = min;
                high = max;
            } else if (range.contains("-")) {
                String[] ends = range.split("-", -1);
                if (ends.length != 2) {
                    throw invalid(name, part, "a range is two values, e.g. 1-5");
                }
                low = value(ends[0], part, name, min, max, names);
                high = value(ends[1], part, name, min, max, names);
                if (names == DAYS && high == 0 && low > 0) {
                    high = 7;   // SAT-SUN
                }
                if (low > high) {
                    throw invalid(name, part, "the range runs backwards");
                }
            } else {
                low = value(range, part, name, min, max, names);
                high = slash >= 0 ? max : low;
            }
            for (int v = low; v <= high; v += step) {
                values.set(v);
            }
        }
        return values;
    }

    private int value(String token, String part, String name, int min, int max, Map<String, Integer> names) {
        Integer named = names.get(token);
        if (named != null) {
            return named;
        }
        int v = number(token, part, name);
        if (v < min || v > max) {
            throw invalid(name, part, "it must be " + min + " to " + max);
        }
        return v;
    }

    private int number(String token, String part, String name) {
        if (!token.matches("\\d{1,4}")) {
            throw invalid(name, part, "`" + UserText.quotable(token, MAX_ECHOED) + "` is not a number"
                    + (name.equals("month") || name.equals("day-of-week") ? " or name" : ""));
        }
        return Integer.parseInt(token);
    }

    private UserFacingException invalid(String name, String part, String why) {
        return new UserFacingException("In the cron rule `" + UserText.quotable(expression, MAX_ECHOED) + "`, the "
                + name + " `" + UserText.quotable(part, MAX_ECHOED) + "` is not valid: " + why + ". Example: "
                + EXAMPLE + ".");
    }

    private boolean runsOn(LocalDate date) {
        if (!months.get(date.getMonthValue())) {
            return false;
        }
        boolean dom = daysOfMonth.get(date.getDayOfMonth());
        boolean dow = daysOfWeek.get(date.getDayOfWeek().getValue() % 7);
        if (dayOfMonthRestricted && dayOfWeekRestricted) {
            return dom || dow;
        }
        return dom && dow;
    }

    @Override
    public Optional<Instant> next(Instant after) {
        return LocalSchedule.firstAfter(after, zone, HORIZON_DAYS, this::runsOn, times);
    }

    @Override
    public ZoneId zone() {
        return zone;
    }

    /** The five fields, normalized (single spaces, names in capitals). */
    public String expression() {
        return expression;
    }

    @Override
    public String encode() {
        return "cron \"" + expression + "\" " + zone.getId();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CronRecurrence that && expression.equals(that.expression) && zone.equals(that.zone);
    }

    @Override
    public int hashCode() {
        return Objects.hash(expression, zone);
    }

    @Override
    public String toString() {
        return encode();
    }
}
