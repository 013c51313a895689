package org.assemblybot.core.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CountriesTest {
    private final Countries countries = Countries.instance();

    private String resolved(String typed) {
        return countries.resolve(typed).map(Country::alpha2).orElse("-");
    }

    private List<String> closest(String typed, int n) {
        return countries.closest(typed, n).stream().map(Country::alpha2).toList();
    }

    @Test
    void holdsTheIsoCountriesAndKosovoButNoGroupingsNorCldrOnlyCodes() {
        assertEquals(250, countries.all().size(), "249 ISO 3166-1 entries and Kosovo");
        for (String notACountry : List.of("ZZ", "QO", "EU", "UN", "EZ", "AC", "CP", "CQ", "DG", "EA", "IC", "TA")) {
            assertTrue(countries.all().stream().noneMatch(c -> c.alpha2().equals(notACountry)), notACountry);
        }
        // Kosovo: CLDR's "XK", a user-assigned code, not ISO's; alpha-3 as ICU has it.
        Country kosovo = countries.resolve("XK").orElseThrow();
        assertEquals("XKK", kosovo.alpha3());
        assertEquals("Kosovo", kosovo.englishName());
        assertEquals("039", kosovo.subRegion().orElseThrow().code());
    }

    @ParameterizedTest
    @CsvSource({"BR, BR", "br, BR", "BRA, BR", "bra, BR", " DE , DE", "DEU, DE", "USA, US", "GBR, GB", "PSE, PS",
            "ESH, EH", "XK, XK"})
    void knowsAlpha2AndAlpha3Codes(String typed, String alpha2) {
        assertEquals(alpha2, resolved(typed));
    }

    @ParameterizedTest
    @CsvSource({"Brazil, BR", "Brasil, BR", "Brésil, BR", "Brasilien, BR", "البرازيل, BR", "Бразилия, BR",
            "Germany, DE", "Alemania, DE", "Allemagne, DE", "Alemanha, DE", "Deutschland, DE", "ألمانيا, DE",
            "Германия, DE", "Egypt, EG", "Égypte, EG", "مصر, EG", "Египет, EG", "Mexiko, MX", "México, MX",
            "Inde, IN", "Индия, IN", "Sverige, SE", "Polska, PL"})
    void knowsNamesInTheSevenLanguagesAndTheCountrysOwn(String typed, String alpha2) {
        assertEquals(alpha2, resolved(typed));
    }

    @ParameterizedTest
    @CsvSource({"cote divoire, CI", "COTE-D'IVOIRE, CI", "Côte d’Ivoire, CI", "BRASIL, BR", "bresil, BR",
            "deutschland, DE", "  mexico  , MX", "Trinidad and Tobago, TT", "trinidad & tobago, TT",
            "Saint Lucia, LC", "St. Lucia, LC", "Bosnia and Herzegovina, BA", "sao tome and principe, ST",
            "турция, TR", "Curacao, CW", "aland islands, AX", "Belarus, BY"})
    void ignoresCaseAccentsAndPunctuation(String typed, String alpha2) {
        assertEquals(alpha2, resolved(typed));
    }

    @ParameterizedTest
    @CsvSource({"USA, US", "US, US", "EE. UU., US", "США, US", "UK, GB", "United Kingdom, GB",
            "Ivory Coast, CI", "Costa de Marfil, CI", "Elfenbeinküste, CI", "ساحل العاج, CI",
            "Turkey, TR", "Türkiye, TR", "Turquía, TR", "Czechia, CZ", "Czech Republic, CZ", "Tschechien, CZ",
            "Myanmar, MM", "Burma, MM", "Birmania, MM", "Palestine, PS", "Palestinian Territories, PS",
            "فلسطين, PS", "Palästina, PS", "Western Sahara, EH", "Sahara Occidental, EH", "Kosovo, XK",
            "Косово, XK", "East Timor, TL", "Swaziland, SZ", "Eswatini, SZ", "Cabo Verde, CV",
            "Congo - Kinshasa, CD", "DRC, CD", "RDC, CD", "Congo-Brazzaville, CG", "China, CN", "Hong Kong, HK"})
    void knowsCldrsShortAndVariantNames(String typed, String alpha2) {
        assertEquals(alpha2, resolved(typed));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Congo", "Kongo", "Конго", "Saint Martin", "", "  ", "Atlantis", "ZZ", "EU", "QO", "Republic"})
    void refusesWhatIsAmbiguousOrUnknown(String typed) {
        assertEquals(Optional.empty(), countries.resolve(typed));
    }

    @Test
    void theAmbiguousNamesAreFewAndKnown() {
        // A piece shared by two countries ("Congo - Kinshasa", "Congo - Brazzaville") fits both; a country in
        // another's brackets ("RAE de Hong Kong (China)") does not make "China" ambiguous.
        assertEquals(List.of("CD", "CG"), List.copyOf(countries.ambiguousNames().get("congo")));
        assertEquals(List.of("MF", "SX"), List.copyOf(countries.ambiguousNames().get("stmartin")));
        assertFalse(countries.ambiguousNames().containsKey("china"));
        assertTrue(countries.ambiguousNames().size() < 15, countries.ambiguousNames().toString());
    }

    @ParameterizedTest
    @CsvSource({"BR, 005, South America, 019, Americas", "DE, 155, Western Europe, 150, Europe",
            "NG, 011, Western Africa, 002, Africa", "EG, 015, Northern Africa, 002, Africa",
            "IN, 034, Southern Asia, 142, Asia", "PS, 145, Western Asia, 142, Asia",
            "MX, 013, Central America, 019, Americas", "CA, 021, Northern America, 019, Americas",
            "AU, 053, Australasia, 009, Oceania", "FJ, 054, Melanesia, 009, Oceania",
            "PH, 035, Southeast Asia, 142, Asia", "CD, 017, Middle Africa, 002, Africa"})
    void placesCountriesInTheirUnSubRegionAndRegion(String alpha2, String subCode, String subName,
            String regionCode, String regionName) {
        Country country = countries.resolve(alpha2).orElseThrow();
        Region sub = country.subRegion().orElseThrow();
        assertEquals(subCode + " " + subName, sub.code() + " " + sub.englishName());
        Region region = country.region().orElseThrow();
        assertEquals(regionCode + " " + regionName, region.code() + " " + region.englishName());
    }

    @Test
    void antarcticaIsInNoUnRegionAndEveryOtherCountryIs() {
        List<String> withoutRegion = countries.all().stream().filter(c -> c.region().isEmpty())
                .map(Country::alpha2).toList();
        assertEquals(List.of("AQ"), withoutRegion);
    }

    @Test
    void listsTheFiveRegionsEachFollowedByItsSubRegions() {
        List<Region> regions = countries.regions();
        assertEquals(List.of("Africa", "Americas", "Asia", "Europe", "Oceania"),
                regions.stream().filter(r -> !r.isSubRegion()).map(Region::englishName).toList());
        assertEquals(22, regions.stream().filter(Region::isSubRegion).count());
        assertEquals("Africa", regions.get(0).englishName());
        assertEquals(regions.get(0), regions.get(1).parent().orElseThrow());
        Region southAmerica = regions.stream().filter(r -> r.code().equals("005")).findFirst().orElseThrow();
        assertTrue(countries.in(southAmerica).contains(countries.resolve("BR").orElseThrow()));
        Region americas = southAmerica.parent().orElseThrow();
        assertTrue(countries.in(americas).containsAll(countries.in(southAmerica)));
        assertEquals(countries.all().size() - 1, regions.stream().filter(Region::isSubRegion)
                .mapToInt(r -> countries.in(r).size()).sum(), "every country but Antarctica in one sub-region");
    }

    @Test
    void showsNamesInAnyLanguage() {
        Country brazil = countries.resolve("BR").orElseThrow();
        assertEquals("Brazil", brazil.englishName());
        assertEquals("Brasil", brazil.name(Locale.forLanguageTag("pt")));
        assertEquals("Бразилия", brazil.name(Locale.forLanguageTag("ru")));
        assertEquals("Sudamérica", brazil.subRegion().orElseThrow().name(Locale.forLanguageTag("es")));
    }

    @Test
    void suggestsTheClosestNamesBestFirst() {
        assertEquals(List.of("BR"), closest("Brazl", 3));
        assertEquals(List.of("CO"), closest("Colmbia", 3));
        assertEquals("DE", closest("Germny", 3).get(0));
        assertEquals("DE", closest("Deutchland", 3).get(0));
        assertEquals(List.of("CD", "CG"), closest("Congo", 2).stream().sorted().toList());
        assertEquals("VE", closest("Venez", 3).get(0), "a name that begins with what was typed");
        assertEquals(List.of(), closest("xyzzy", 3));
        assertEquals(List.of(), closest("", 3));
        assertEquals(2, closest("Guinea", 2).size());
    }

    @Test
    void buildsQuickly() {
        long start = System.nanoTime();
        Countries built = Countries.build();
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out.printf("Countries: %d countries and %d regions built in %d ms (%s)%n",
                built.all().size(), built.regions().size(), millis, Countries.dataVersion());
        assertEquals(countries.all(), built.all());
        assertTrue(Countries.dataVersion().startsWith("ICU "), Countries.dataVersion());
    }
}
