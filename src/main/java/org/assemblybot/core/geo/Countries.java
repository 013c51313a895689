package org.assemblybot.core.geo;

import com.ibm.icu.text.LocaleDisplayNames;
import com.ibm.icu.util.LocaleData;
import com.ibm.icu.util.ULocale;
import com.ibm.icu.util.VersionInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.assemblybot.core.text.EditDistance;

/**
 * Every country and territory with an ISO 3166-1 code, recognised from what someone types: a code ({@code BR},
 * {@code bra}) or a name in English, Spanish, French, Portuguese, German, Arabic or Russian, or in the
 * country's own main language ("Deutschland", "Sverige"), regardless of case, accents and punctuation.
 *
 * <p>The data is the Unicode CLDR as ICU4J ships it (ICU4J 78.1 = CLDR 48 when this was written; see
 * {@link #dataVersion()}): the territories are ICU's {@code Region}s of type TERRITORY that have a UN M49 number,
 * which leaves out the CLDR-only codes (Ascension "AC", Clipperton "CP", Sark "CQ", Diego Garcia "DG", Ceuta &
 * Melilla "EA", Canary Islands "IC", Tristan da Cunha "TA") and the groupings ("EU", "UN", "ZZ" …). Kosovo is
 * in, as CLDR has it: "XK", a code reserved for users rather than assigned by ISO, with alpha-3 "XKK". The names
 * follow CLDR, standard ones and CLDR's alternatives ("UK", "Ivory Coast", "Turkey", "Czech Republic"), and the
 * sub-regions and regions are the UN M49 ones as ICU's region containment gives them.
 *
 * <p>Built once ({@link #instance()}), immutable and safe to share between threads.
 */
public final class Countries {
    /** How far a suggestion may be from what was typed, in edits per letter typed. */
    private static final int LETTERS_PER_EDIT = 3;
    private static final int MIN_PREFIX = 3;

    private final List<Country> all;
    private final List<Region> regions;
    private final Map<String, Country> byCode;
    /** Normalised name → the countries it names; more than one makes the name ambiguous. */
    private final Map<String, Set<Country>> byName;

    private Countries(List<Country> all, List<Region> regions, Map<String, Set<Country>> byName) {
        this.all = List.copyOf(all);
        this.regions = List.copyOf(regions);
        Map<String, Country> codes = new HashMap<>();
        for (Country country : all) {
            codes.put(country.alpha2(), country);
            codes.put(country.alpha3(), country);
        }
        this.byCode = Map.copyOf(codes);
        Map<String, Set<Country>> names = new HashMap<>();
        byName.forEach((key, countries) -> names.put(key, Set.copyOf(countries)));
        this.byName = Map.copyOf(names);
    }

    private static final class Holder {
        static final Countries INSTANCE = build();
    }

    /** The one shared set, built on first use. */
    public static Countries instance() {
        return Holder.INSTANCE;
    }

    /** Builds the set afresh from ICU's data; {@link #instance()} is what callers want. */
    static Countries build() {
        Map<String, Region> regionsByCode = new TreeMap<>();
        List<Country> all = new ArrayList<>();
        LocaleDisplayNames english = LocaleDisplayNames.getInstance(ULocale.ENGLISH);
        for (com.ibm.icu.util.Region territory : com.ibm.icu.util.Region.getAvailable(
                com.ibm.icu.util.Region.RegionType.TERRITORY)) {
            String alpha2 = territory.toString();
            String alpha3 = new ULocale("und_" + alpha2).getISO3Country();
            if (territory.getNumericCode() <= 0 || alpha3.isEmpty()) {
                continue;
            }
            Optional<Region> subRegion = subRegionOf(territory, regionsByCode, english);
            all.add(new Country(alpha2, alpha3, english.regionDisplayName(alpha2), subRegion));
        }
        all.sort(Comparator.comparing(Country::englishName));
        return new Countries(all, regionsInOrder(regionsByCode.values()), namesOf(all));
    }

    /** The UN sub-region (whose parent is the region) holding the territory; none if it is not a UN one. */
    private static Optional<Region> subRegionOf(com.ibm.icu.util.Region territory, Map<String, Region> known,
            LocaleDisplayNames english) {
        com.ibm.icu.util.Region sub = territory.getContainingRegion();
        com.ibm.icu.util.Region top = sub == null ? null : sub.getContainingRegion();
        if (sub == null || top == null || !isM49(sub) || !isM49(top)) {
            return Optional.empty(); // Antarctica: CLDR puts it in "Outlying Oceania" (QO), the UN nowhere
        }
        Region region = known.computeIfAbsent(top.toString(),
                code -> new Region(code, english.regionDisplayName(code), Optional.empty()));
        return Optional.of(known.computeIfAbsent(sub.toString(),
                code -> new Region(code, english.regionDisplayName(code), Optional.of(region))));
    }

    /** A UN M49 area: three digits ("005"), not a CLDR grouping such as "QO" (Outlying Oceania). */
    private static boolean isM49(com.ibm.icu.util.Region area) {
        return area.toString().matches("\\d{3}");
    }

    /** Each region by English name, followed by its sub-regions by English name. */
    private static List<Region> regionsInOrder(Iterable<Region> unordered) {
        List<Region> tops = new ArrayList<>();
        List<Region> subs = new ArrayList<>();
        unordered.forEach(r -> (r.isSubRegion() ? subs : tops).add(r));
        tops.sort(Comparator.comparing(Region::englishName));
        subs.sort(Comparator.comparing(Region::englishName));
        List<Region> ordered = new ArrayList<>();
        for (Region top : tops) {
            ordered.add(top);
            subs.stream().filter(s -> s.parent().orElseThrow().equals(top)).forEach(ordered::add);
        }
        return ordered;
    }

    /**
     * Normalised name → the countries it fits. A full name fits its country. A piece of a two-part name
     * ("Burma" of "Myanmar (Burma)") fits its country too, unless it is the full name of another country that
     * does not share it: the "China" of "RAE de Hong Kong (China)" only qualifies Hong Kong, so "China" stays
     * China, whereas Spanish calls Congo-Brazzaville just "Congo" and both Congos are "Congo - …" in English, so
     * "Congo" fits both.
     */
    private static Map<String, Set<Country>> namesOf(List<Country> all) {
        Map<String, Set<Country>> full = new HashMap<>();
        Map<String, Set<Country>> pieces = new HashMap<>();
        for (Country country : all) {
            List<String> names = new ArrayList<>(CountryNames.ownNames(country.alpha2()));
            for (ULocale language : CountryNames.LANGUAGES) {
                names.addAll(CountryNames.names(country.alpha2(), language));
            }
            for (String name : names) {
                add(full, CountryNames.key(name), country);
                CountryNames.parts(name).forEach(part -> add(pieces, CountryNames.key(part), country));
            }
        }
        Map<String, Set<Country>> byName = new HashMap<>(pieces);
        full.forEach((key, named) -> {
            Set<Country> shared = pieces.getOrDefault(key, Set.of());
            boolean stem = named.size() == 1 && shared.containsAll(named);
            byName.put(key, stem ? union(named, shared) : named);
        });
        return byName;
    }

    private static void add(Map<String, Set<Country>> names, String key, Country country) {
        if (!key.isEmpty()) {
            names.computeIfAbsent(key, k -> new HashSet<>()).add(country);
        }
    }

    private static Set<Country> union(Set<Country> a, Set<Country> b) {
        Set<Country> both = new HashSet<>(a);
        both.addAll(b);
        return both;
    }

    /** The ICU4J version and the CLDR version of its data, e.g. "ICU 78.1, CLDR 48". */
    public static String dataVersion() {
        VersionInfo icu = VersionInfo.ICU_VERSION;
        VersionInfo cldr = LocaleData.getCLDRVersion();
        return "ICU " + icu.getMajor() + "." + icu.getMinor() + ", CLDR " + cldr.getMajor()
                + (cldr.getMinor() > 0 ? "." + cldr.getMinor() : "");
    }

    /** Every country and territory, by English name. */
    public List<Country> all() {
        return all;
    }

    /** The UN regions, each followed by its sub-regions: Africa, Eastern Africa, Middle Africa, …, Americas, …. */
    public List<Region> regions() {
        return regions;
    }

    /** The countries in a region or sub-region, by English name. */
    public List<Country> in(Region region) {
        return all.stream()
                .filter(c -> c.subRegion().filter(region::equals).isPresent()
                        || c.region().filter(region::equals).isPresent())
                .toList();
    }

    /**
     * The country meant by a code or a name; empty if none is meant, or if the name fits more than one
     * ("Congo", "Guinea" in some languages): {@link #closest} then offers the candidates.
     */
    public Optional<Country> resolve(String typed) {
        String text = typed == null ? "" : typed.strip();
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Country byItsCode = byCode.get(text.toUpperCase(Locale.ROOT));
        if (byItsCode != null) {
            return Optional.of(byItsCode);
        }
        Set<Country> named = byName.getOrDefault(CountryNames.key(text), Set.of());
        return named.size() == 1 ? Optional.of(named.iterator().next()) : Optional.empty();
    }

    /**
     * Up to {@code n} countries whose names are closest to what was typed, best first, for "Did you mean …?":
     * names within one edit for every three letters typed (at least one), or names that begin with it. Those
     * an ambiguous name fits come first, at distance 0.
     */
    public List<Country> closest(String typed, int n) {
        String key = CountryNames.key(typed == null ? "" : typed);
        if (key.isEmpty() || n <= 0) {
            return List.of();
        }
        int limit = Math.max(1, key.length() / LETTERS_PER_EDIT);
        Map<Country, Integer> best = new HashMap<>();
        byName.forEach((name, countries) -> {
            int distance = distance(key, name);
            if (distance <= limit) {
                countries.forEach(c -> best.merge(c, distance, Math::min));
            }
        });
        return best.entrySet().stream()
                .sorted(Map.Entry.<Country, Integer>comparingByValue()
                        .thenComparing(e -> e.getKey().englishName()))
                .limit(n)
                .map(Map.Entry::getKey)
                .toList();
    }

    /** The normalised names that fit more than one country, with the alpha-2 codes they fit (for tests). */
    Map<String, Set<String>> ambiguousNames() {
        return byName.entrySet().stream().filter(e -> e.getValue().size() > 1)
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().stream().map(Country::alpha2)
                        .collect(Collectors.toCollection(java.util.TreeSet::new)), (a, b) -> a, TreeMap::new));
    }

    /** Edits between the typed key and a name; a name that begins with what was typed counts as one edit. */
    private static int distance(String typed, String name) {
        if (typed.length() >= MIN_PREFIX && name.startsWith(typed) && !name.equals(typed)) {
            return 1;
        }
        return EditDistance.between(typed, name);
    }
}
