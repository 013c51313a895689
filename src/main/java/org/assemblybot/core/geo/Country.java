package org.assemblybot.core.geo;

import com.ibm.icu.text.LocaleDisplayNames;
import com.ibm.icu.util.ULocale;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A country or territory: its ISO 3166-1 codes ({@code BR}, {@code BRA}), its English name as CLDR has it, and
 * the UN M49 sub-region it lies in (South America, whose region is the Americas). Antarctica alone has none:
 * the UN puts it in no region.
 */
public record Country(String alpha2, String alpha3, String englishName, Optional<Region> subRegion) {
    public Country {
        Objects.requireNonNull(alpha2, "alpha2");
        Objects.requireNonNull(alpha3, "alpha3");
        Objects.requireNonNull(englishName, "englishName");
        Objects.requireNonNull(subRegion, "subRegion");
    }

    /** The UN region above the sub-region: the Americas for Brazil, Europe for Germany. */
    public Optional<Region> region() {
        return subRegion.flatMap(Region::parent);
    }

    /** The name in the given language, as CLDR has it ("Brasil" in Portuguese, "Бразилия" in Russian). */
    public String name(Locale locale) {
        return LocaleDisplayNames.getInstance(ULocale.forLocale(locale)).regionDisplayName(alpha2);
    }
}
