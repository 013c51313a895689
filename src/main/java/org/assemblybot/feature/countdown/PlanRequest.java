package org.assemblybot.feature.countdown;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.assemblybot.core.command.UserFacingException;
import org.assemblybot.core.text.TextLimits;
import org.assemblybot.core.text.UserText;
import org.assemblybot.core.time.Durations;
import org.assemblybot.core.time.ZoneResolver;

/**
 * The words of {@code !sync plan}: {@code "<title>" <time words…> [rooms…]}, and its options {@code --zones A,B},
 * {@code --duration 60s}, {@code --notices 24h,1h} (already taken out of the words by the command router). Rooms
 * start with {@code !} or {@code #}; everything between the title and the first room is the time.
 *
 * @param notices the notice offsets given, largest first, or null for the defaults
 */
record PlanRequest(String title, String time, List<String> rooms, List<ZoneId> zones, Duration duration,
                   List<Duration> notices) {
    private static final int MAX_NOTICES = 10;
    private static final Duration LONGEST_NOTICE = Duration.ofDays(30);

    static PlanRequest parse(List<String> words, Map<String, String> options, String prefix, CountdownConfig config) {
        String usage = "Usage: `" + prefix + "sync plan \"<title>\" <time> [rooms…] [--zones A,B] [--duration 60s] "
                + "[--notices 24h,1h,10m,1m|none]`\nExample: `" + prefix + CountdownFeature.EXAMPLE + "`";
        if (words.isEmpty()) {
            throw new UserFacingException(usage);
        }
        String title = words.get(0).strip();
        if (title.isEmpty()) {
            throw new UserFacingException("The title is empty.\n" + usage);
        }
        TextLimits.require("title", title, config.maxTitleLength(),
                "Example: `" + prefix + "sync plan \"Minute of silence\" friday 18:00`");
        int i = 1;
        List<String> time = new ArrayList<>();
        while (i < words.size() && !isRoom(words.get(i))) {
            time.add(words.get(i++));
        }
        if (time.isEmpty()) {
            throw new UserFacingException("When? Give a time after the title.\n" + usage);
        }
        List<String> rooms = new ArrayList<>();
        while (i < words.size()) {
            String word = words.get(i++);
            if (!isRoom(word)) {
                throw new UserFacingException("I don't understand `" + UserText.quotable(word, 32)
                        + "` there. The rooms come last.\n" + usage);
            }
            rooms.add(word);
        }
        List<ZoneId> zones = options.containsKey("zones") ? zones(options.get("zones")) : List.of();
        Duration duration = options.containsKey("duration") ? Durations.fromCommand(options.get("duration")) : null;
        List<Duration> notices = options.containsKey("notices") ? notices(options.get("notices")) : null;
        return new PlanRequest(title, String.join(" ", time), rooms, zones, duration, notices);
    }

    private static boolean isRoom(String word) {
        return (word.startsWith("!") || word.startsWith("#")) && word.indexOf(':') > 1;
    }

    private static List<ZoneId> zones(String value) {
        List<ZoneId> zones = new ArrayList<>();
        for (String id : value.split(",")) {
            if (id.isBlank()) {
                continue;
            }
            zones.add(ZoneResolver.resolve(id));
        }
        if (zones.size() > 6) {
            throw new UserFacingException("At most 6 extra zones fit on an announcement.");
        }
        return zones;
    }

    private static List<Duration> notices(String value) {
        if (value.equalsIgnoreCase("none")) {
            return List.of();
        }
        List<Duration> offsets = new ArrayList<>(Arrays.stream(value.split(","))
                .filter(s -> !s.isBlank()).map(s -> Durations.fromCommand(s.strip())).distinct().toList());
        if (offsets.size() > MAX_NOTICES) {
            throw new UserFacingException("At most " + MAX_NOTICES + " notices.");
        }
        for (Duration offset : offsets) {
            if (offset.compareTo(LONGEST_NOTICE) > 0) {
                throw new UserFacingException("Notices go at most 30 days ahead.");
            }
        }
        offsets.sort((a, b) -> b.compareTo(a));
        return offsets;
    }
}
