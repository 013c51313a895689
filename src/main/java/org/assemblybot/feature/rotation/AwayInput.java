package org.assemblybot.feature.rotation;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.assemblybot.core.command.UserFacingException;
import org.assemblybot.core.time.Durations;
import org.assemblybot.core.time.TimeInput;

/**
 * Reads {@code !role away <until> [reason]}: the first words that make a date ({@code 2027-01-12}, {@code 12 Jan},
 * {@code Jan 12}: back at that day's local midnight), a length ({@code 2w}: from now) or a time ({@code friday
 * 18:00}); the words after it are the reason.
 */
final class AwayInput {
    /** The reason is the person's own words, stored and shown: keep it short (P1). */
    static final int MAX_REASON = 80;
    private static final List<DateTimeFormatter> DAYS = List.of(pattern("d MMM"), pattern("d MMMM"),
            pattern("MMM d"), pattern("MMMM d"));

    record Parsed(Instant until, String reason) {
    }

    private AwayInput() {
    }

    static Parsed parse(List<String> words, Instant now, ZoneId zone, TimeInput time) {
        for (int n = Math.min(3, words.size()); n >= 1; n--) {
            String head = String.join(" ", words.subList(0, n));
            Optional<Instant> until = read(head, now, zone, time);
            if (until.isPresent()) {
                if (!until.get().isAfter(now)) {
                    throw new UserFacingException("That is not in the future. Example: `role away 2w holiday`.");
                }
                String reason = String.join(" ", words.subList(n, words.size())).strip();
                if (reason.length() > MAX_REASON || reason.contains("\n")) {
                    throw new UserFacingException("Keep the reason to one line of " + MAX_REASON + " characters: it is "
                            + "stored and shown with your away period.");
                }
                return new Parsed(until.get(), reason.isEmpty() ? null : reason);
            }
        }
        throw new UserFacingException("I can't read when you are back. Try `role away 2027-01-12`, `role away 12 Jan "
                + "holiday` or `role away 3w`.");
    }

    private static Optional<Instant> read(String text, Instant now, ZoneId zone, TimeInput time) {
        try {
            return Optional.of(LocalDate.parse(text).atStartOfDay(zone).toInstant());
        } catch (DateTimeParseException e) {
            // not an ISO date
        }
        LocalDate today = now.atZone(zone).toLocalDate();
        for (DateTimeFormatter format : DAYS) {
            try {
                MonthDay day = MonthDay.parse(text, format);
                LocalDate date = day.atYear(today.getYear());
                return Optional.of((date.isAfter(today) ? date : day.atYear(today.getYear() + 1))
                        .atStartOfDay(zone).toInstant());
            } catch (DateTimeParseException e) {
                // not this shape
            }
        }
        Optional<Duration> length = Durations.parse(text).filter(d -> !d.isNegative() && !d.isZero());
        if (length.isPresent()) {
            return Optional.of(now.plus(length.get()));
        }
        try {
            return Optional.of(time.parse(text, zone));
        } catch (UserFacingException e) {
            return Optional.empty();
        }
    }

    private static DateTimeFormatter pattern(String pattern) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern).toFormatter(Locale.ENGLISH);
    }
}
