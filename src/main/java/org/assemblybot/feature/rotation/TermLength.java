package org.assemblybot.feature.rotation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assemblybot.core.command.UserFacingException;
import org.assemblybot.core.text.UserText;

/**
 * How long one term of a role lasts: one assembly (until the next), one moon, or 1 to 13 weeks. Week terms run
 * from local midnight to local midnight in the room's zone, counted in calendar days, so a daylight-saving
 * change never moves a boundary (T3).
 *
 * @param weeks the number of weeks for {@link Kind#WEEKS}, else 0
 */
record TermLength(Kind kind, int weeks) {
    enum Kind { ASSEMBLY, MOON, WEEKS }

    static final int MAX_WEEKS = 13;
    static final String USAGE = "`assembly`, `moon` or `1w` … `13w`";
    private static final Pattern WEEKS = Pattern.compile("(\\d{1,3})\\s*(?:w|wk|wks|week|weeks)");

    static final TermLength ONE_WEEK = new TermLength(Kind.WEEKS, 1);

    /** What people type ({@code assembly}, {@code moon}, {@code 2w}, {@code 2 weeks}); a refusal with usage otherwise. */
    static TermLength parse(String typed) {
        String word = typed.strip().toLowerCase(Locale.ROOT);
        if (word.equals("assembly") || word.equals("assemblies")) {
            return new TermLength(Kind.ASSEMBLY, 0);
        }
        if (word.equals("moon")) {
            return new TermLength(Kind.MOON, 0);
        }
        Matcher m = WEEKS.matcher(word);
        if (m.matches()) {
            int n = Integer.parseInt(m.group(1));
            if (n >= 1 && n <= MAX_WEEKS) {
                return new TermLength(Kind.WEEKS, n);
            }
        }
        throw new UserFacingException("A term is " + USAGE + ", not `" + UserText.quotable(typed, 20)
                + "`. Example: `--term 2w`.");
    }

    /** As stored and typed: {@code assembly}, {@code moon}, {@code 2w}. */
    String stored() {
        return switch (kind) {
            case ASSEMBLY -> "assembly";
            case MOON -> "moon";
            case WEEKS -> weeks + "w";
        };
    }

    /** For people: "every assembly", "a moon", "2 weeks". */
    String describe() {
        return switch (kind) {
            case ASSEMBLY -> "one assembly";
            case MOON -> "one moon";
            case WEEKS -> weeks == 1 ? "1 week" : weeks + " weeks";
        };
    }

    /** The end of a week term that starts at {@code start}: the same local time {@code weeks} calendar weeks on. */
    Instant endOfWeeks(Instant start, ZoneId zone) {
        return start.atZone(zone).toLocalDate().plusWeeks(weeks).atStartOfDay(zone).toInstant();
    }

    /** Local midnight of {@code now}'s day in {@code zone}: where a new week term starts. */
    static Instant midnightOf(Instant now, ZoneId zone) {
        LocalDate today = now.atZone(zone).toLocalDate();
        return today.atStartOfDay(zone).toInstant();
    }
}
