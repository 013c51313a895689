package org.assemblybot.feature.mirror;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.geo.Countries;
import org.assemblybot.core.geo.Country;
import org.assemblybot.core.geo.Region;

/**
 * Where the room has looked: a country seen within the last assemblies is flagged, and the regions it has not
 * looked at for the longest are suggested, so the mirror does not keep turning to the same places.
 */
final class Variety {
    /** How far back the history is read for the map and the suggestions (P5: a bounded query). */
    static final int HISTORY = 500;

    private final MirrorStore store;

    Variety(MirrorStore store) {
        this.store = store;
    }

    /** ICU's country data takes about a second to load: on first use, never at startup. */
    private static Countries countries() {
        return Countries.instance();
    }

    /** The spotlight on {@code country} within the room's last {@code assemblies} assemblies, if any. */
    Optional<Spotlight> recently(RoomId room, String country, int assemblies) {
        return store.closed(room, assemblies).stream()
                .filter(s -> s.state() == Spotlight.State.POSTED && s.content().country().equals(country)).findFirst();
    }

    /** The countries of the room's last {@code assemblies} spotlights, newest first, each once. */
    List<Country> recentCountries(RoomId room, int assemblies) {
        return store.closed(room, assemblies).stream().filter(s -> s.state() == Spotlight.State.POSTED)
                .map(s -> s.content().country()).distinct().map(countries()::resolve).flatMap(Optional::stream).toList();
    }

    /** One sub-region the room last looked at {@code when} (null: never). */
    record Suggestion(Region region, Instant when) {
    }

    /**
     * The {@code n} UN sub-regions the room has not looked at for the longest: never first (in an order that
     * changes with {@code seed}, so not always the same three), then the longest ago.
     */
    List<Suggestion> suggestions(RoomId room, int n, long seed) {
        Map<Region, Instant> last = lastLooked(room);
        return countries().regions().stream().filter(Region::isSubRegion)
                .filter(r -> !countries().in(r).isEmpty())
                .map(r -> new Suggestion(r, last.get(r)))
                .sorted(Comparator.comparing((Suggestion s) -> s.when() == null ? Instant.MIN : s.when())
                        .thenComparingLong(s -> mix(seed, s.region().code())))
                .limit(n).toList();
    }

    /** Per region, in the UN order: how many spotlights looked there, and per sub-region. */
    Map<Region, Map<Region, Integer>> coverage(RoomId room) {
        Map<Region, Map<Region, Integer>> counts = new LinkedHashMap<>();
        countries().regions().stream().filter(r -> !r.isSubRegion()).forEach(r -> counts.put(r, new LinkedHashMap<>()));
        for (Spotlight s : posted(room)) {
            countries().resolve(s.content().country()).flatMap(Country::subRegion).ifPresent(sub ->
                    sub.parent().ifPresent(top -> counts.computeIfAbsent(top, k -> new LinkedHashMap<>())
                            .merge(sub, 1, Integer::sum)));
        }
        return counts;
    }

    List<Spotlight> posted(RoomId room) {
        return store.closed(room, HISTORY).stream().filter(s -> s.state() == Spotlight.State.POSTED).toList();
    }

    private Map<Region, Instant> lastLooked(RoomId room) {
        Map<Region, Instant> last = new HashMap<>();
        for (Spotlight s : posted(room)) {
            countries().resolve(s.content().country()).flatMap(Country::subRegion)
                    .ifPresent(sub -> last.merge(sub, s.assemblyAt(), (a, b) -> a.isAfter(b) ? a : b));
        }
        return last;
    }

    private static long mix(long seed, String code) {
        long h = seed * 0x9E3779B97F4A7C15L + code.hashCode();
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        return h ^ (h >>> 33);
    }
}
