package org.assemblybot.feature.assembly;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.assemblybot.core.command.UserFacingException;
import org.assemblybot.core.text.UserText;
import org.assemblybot.core.time.Durations;
import org.assemblybot.core.time.TimeInput;
import org.assemblybot.core.time.TimeWords;

/** Reads {@code --duration}, {@code --notices} and a date as typed; refusals carry the sub-command's usage. */
final class AssemblyOptions {
    static final Duration DEFAULT_DURATION = Duration.ofHours(2);
    static final List<Duration> DEFAULT_NOTICES = List.of(Duration.ofHours(24), Duration.ofHours(1));
    static final Duration SHORTEST = Duration.ofMinutes(15);
    static final Duration LONGEST = Duration.ofHours(12);
    static final int MAX_NOTICES = 10;
    static final Duration LONGEST_NOTICE = Duration.ofDays(30);

    private AssemblyOptions() {
    }

    /** {@code --duration}: 15 minutes to 12 hours; 2 hours when not given. */
    static Duration duration(String typed, String usage) {
        if (typed == null) {
            return DEFAULT_DURATION;
        }
        Duration duration = refusing(() -> Durations.fromCommand(typed), usage);
        if (duration.compareTo(SHORTEST) < 0 || duration.compareTo(LONGEST) > 0) {
            throw new UserFacingException("An assembly lasts 15 minutes to 12 hours, not "
                    + TimeInput.relativeLength(duration) + ".\n" + usage);
        }
        return duration;
    }

    /** {@code --notices 24h,1h} (largest first) or {@code none}; 24 hours and 1 hour when not given. */
    static List<Duration> notices(String typed, String usage) {
        if (typed == null) {
            return DEFAULT_NOTICES;
        }
        if (typed.strip().equalsIgnoreCase("none")) {
            return List.of();
        }
        List<Duration> offsets = new ArrayList<>(Arrays.stream(typed.split(",")).filter(s -> !s.isBlank())
                .map(s -> refusing(() -> Durations.fromCommand(s.strip()), usage)).distinct().toList());
        if (offsets.isEmpty()) {
            throw new UserFacingException("Which reminders? Give offsets like `24h,1h`, or `none`.\n" + usage);
        }
        if (offsets.size() > MAX_NOTICES) {
            throw new UserFacingException("At most " + MAX_NOTICES + " reminders an assembly.\n" + usage);
        }
        if (offsets.stream().anyMatch(offset -> offset.compareTo(LONGEST_NOTICE) > 0)) {
            throw new UserFacingException("Reminders go at most 30 days ahead.\n" + usage);
        }
        offsets.sort((a, b) -> b.compareTo(a));
        return offsets;
    }

    /** A local date: {@code 2026-06-12}, {@code today}, {@code tomorrow} or a weekday (the next one, today included). */
    static LocalDate date(String typed, LocalDate today, String usage) {
        String word = typed.strip().toLowerCase(Locale.ROOT);
        if (word.equals("today")) {
            return today;
        }
        if (word.equals("tomorrow")) {
            return today.plusDays(1);
        }
        Optional<DayOfWeek> weekday = TimeWords.weekday(word);
        if (weekday.isPresent()) {
            return today.with(TemporalAdjusters.nextOrSame(weekday.get()));
        }
        try {
            return LocalDate.parse(word);
        } catch (DateTimeParseException e) {
            throw new UserFacingException("`" + UserText.quotable(typed, 30) + "` is not a date I can read; write "
                    + "it as `2026-06-12`, `tomorrow` or `friday`.\n" + usage);
        }
    }

    /** Runs a reader whose refusal lacks the usage, and adds it. */
    static <T> T refusing(java.util.function.Supplier<T> reader, String usage) {
        try {
            return reader.get();
        } catch (UserFacingException e) {
            throw new UserFacingException(e.getMessage() + "\n" + usage);
        }
    }
}
