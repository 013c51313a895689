package org.assemblybot.core.time;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.assemblybot.core.text.EditDistance;

/**
 * Turns what someone typed into an IANA region id. Only region ids (Europe/Berlin) are accepted, because
 * only they know when daylight-saving time starts and ends there; abbreviations (CET) and offsets (+02:00)
 * are wrong for half the year. Everything else is refused with an explanation and, where possible, the
 * region id that was probably meant. The one resolver for {@code !tz}, zones inside typed times
 * ({@code friday 18:30 Europe/Berlin}), {@code --zones} and the config file.
 */
public final class ZoneResolver {
    private static final Pattern OFFSET = Pattern.compile(
            "(?i)(utc|gmt|ut|z)?\\s*[+\\-\u2212]\\s*\\d{1,2}(:?\\d{2})?|etc/gmt[+\\-]\\d{1,2}");
    private static final Pattern LOOKS_LIKE_ABBREVIATION = Pattern.compile("[A-Z]{2,5}(\\d[A-Z]{3})?");
    /** UTC has no daylight-saving time to get wrong, and international rooms sometimes want exactly that. */
    private static final Set<String> UTC_NAMES = Set.of("utc", "etc/utc");
    private static final ZoneId UTC = ZoneId.of("Etc/UTC");
    /** Examples for common abbreviations; each stands for many regions, so they are offered, never chosen. */
    private static final Map<String, String> EXAMPLE_FOR_ABBREVIATION = Map.ofEntries(
            Map.entry("CET", "Europe/Berlin"), Map.entry("CEST", "Europe/Berlin"), Map.entry("MET", "Europe/Berlin"),
            Map.entry("MEZ", "Europe/Berlin"), Map.entry("EET", "Europe/Athens"), Map.entry("EEST", "Europe/Athens"),
            Map.entry("WET", "Europe/Lisbon"), Map.entry("WEST", "Europe/Lisbon"), Map.entry("GMT", "Europe/London"),
            Map.entry("BST", "Europe/London"), Map.entry("EST", "America/New_York"),
            Map.entry("EDT", "America/New_York"), Map.entry("CST", "America/Chicago"),
            Map.entry("CDT", "America/Chicago"), Map.entry("MST", "America/Denver"),
            Map.entry("MDT", "America/Denver"), Map.entry("PST", "America/Los_Angeles"),
            Map.entry("PDT", "America/Los_Angeles"), Map.entry("EST5EDT", "America/New_York"),
            Map.entry("CST6CDT", "America/Chicago"), Map.entry("MST7MDT", "America/Denver"),
            Map.entry("PST8PDT", "America/Los_Angeles"));
    private static final String DEFAULT_EXAMPLE = "Europe/Berlin";
    private static final int MAX_TYPO_DISTANCE = 2;
    private static final int MAX_SUGGESTIONS = 3;

    /**
     * Where one place has several ids, the current tzdb name goes first: continent areas before legacy ones
     * (US/, Canada/ …), and the more specific path before the old short link (America/Kentucky/Louisville
     * before America/Louisville, America/Argentina/Buenos_Aires before America/Buenos_Aires).
     */
    private static final Set<String> CONTINENT_AREAS = Set.of("Africa", "America", "Antarctica", "Arctic", "Asia",
            "Atlantic", "Australia", "Europe", "Indian", "Pacific");
    private static final Comparator<String> CURRENT_NAMES_FIRST =
            Comparator.<String>comparingInt(id -> CONTINENT_AREAS.contains(id.substring(0, id.indexOf('/'))) ? 0 : 1)
                    .thenComparing(id -> -id.split("/").length)
                    .thenComparing(Comparator.naturalOrder());

    private static final Map<String, String> regionByLowerId = new HashMap<>();
    private static final Map<String, String> otherByLowerId = new HashMap<>();
    private static final Map<String, List<String>> regionsByPlace = new HashMap<>();

    static {
        for (String id : ZoneId.getAvailableZoneIds()) {
            String lower = id.toLowerCase(Locale.ROOT);
            if (isRegion(id)) {
                regionByLowerId.put(lower, id);
                regionsByPlace.computeIfAbsent(placeKey(id), k -> new ArrayList<>()).add(id);
            } else {
                otherByLowerId.put(lower, id);
            }
        }
        regionsByPlace.values().forEach(ids -> ids.sort(CURRENT_NAMES_FIRST));
    }

    /** "Area/Place", but not the fixed-offset Etc/ zones nor the obsolete SystemV/ ones. */
    private static boolean isRegion(String id) {
        return id.contains("/") && !id.startsWith("Etc/") && !id.startsWith("SystemV/");
    }

    /** "America/Argentina/Buenos_Aires" and "buenos aires" both become "buenos_aires". */
    private static String placeKey(String text) {
        String place = text.substring(text.lastIndexOf('/') + 1);
        return place.toLowerCase(Locale.ROOT).replaceAll("[\\s_\\-]+", "_");
    }

    private ZoneResolver() {
    }

    /**
     * The zone {@code typed} names: a region id in any case ({@code europe/berlin}) or UTC.
     *
     * @throws UnknownZoneException for anything else, saying why and suggesting a region id where it can
     */
    public static ZoneId resolve(String typed) {
        String text = typed.strip();
        String lower = text.toLowerCase(Locale.ROOT);
        if (UTC_NAMES.contains(lower)) {
            return UTC;
        }
        String region = regionByLowerId.get(lower);
        if (region != null) {
            return ZoneId.of(region);
        }
        if (OFFSET.matcher(text).matches()) {
            throw refusal(text, UnknownZoneException.Kind.OFFSET);
        }
        String abbreviation = text.toUpperCase(Locale.ROOT);
        if (otherByLowerId.containsKey(lower) || EXAMPLE_FOR_ABBREVIATION.containsKey(abbreviation)) {
            throw refusal(text, UnknownZoneException.Kind.ABBREVIATION);
        }
        List<String> suggestions = suggestionsFor(text);
        if (!suggestions.isEmpty()) {
            throw new UnknownZoneException(text, UnknownZoneException.Kind.MISSPELT, suggestions);
        }
        if (LOOKS_LIKE_ABBREVIATION.matcher(text).matches()) {
            throw refusal(text, UnknownZoneException.Kind.LOOKS_LIKE_ABBREVIATION);
        }
        throw new UnknownZoneException(text, UnknownZoneException.Kind.UNKNOWN, List.of());
    }

    private static UnknownZoneException refusal(String text, UnknownZoneException.Kind kind) {
        String example = EXAMPLE_FOR_ABBREVIATION.getOrDefault(text.toUpperCase(Locale.ROOT), DEFAULT_EXAMPLE);
        return new UnknownZoneException(text, kind, List.of(example));
    }

    /** Region ids for the same place ("new york"), else those within a couple of typos of the place or id. */
    private static List<String> suggestionsFor(String text) {
        List<String> samePlace = regionsByPlace.getOrDefault(placeKey(text), List.of());
        if (!samePlace.isEmpty()) {
            return samePlace.stream().limit(MAX_SUGGESTIONS).toList();
        }
        String place = placeKey(text);
        String lower = text.toLowerCase(Locale.ROOT);
        record Near(String id, int distance) {
        }
        List<Near> near = new ArrayList<>();
        for (String id : regionByLowerId.values()) {
            int distance = Math.min(EditDistance.between(place, placeKey(id)),
                    EditDistance.between(lower, id.toLowerCase(Locale.ROOT)));
            // Short words are a couple of edits away from too many places to be a useful guess.
            if (distance <= MAX_TYPO_DISTANCE && distance * 2 < place.length()) {
                near.add(new Near(id, distance));
            }
        }
        return near.stream()
                .sorted(Comparator.comparingInt(Near::distance).thenComparing(Near::id))
                .limit(MAX_SUGGESTIONS)
                .map(Near::id)
                .toList();
    }
}
