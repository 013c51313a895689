package org.assemblybot.core.geo;

import com.ibm.icu.text.LocaleDisplayNames;
import com.ibm.icu.util.ULocale;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A UN M49 region ("019" Americas) or sub-region ("005" South America, whose {@code parent} is the Americas).
 * Names follow CLDR, which sometimes words them unlike the UN list ("Southeast Asia" for the UN's
 * "South-eastern Asia", "Micronesian Region" for "Micronesia").
 */
public record Region(String code, String englishName, Optional<Region> parent) {
    public Region {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(englishName, "englishName");
        Objects.requireNonNull(parent, "parent");
    }

    /** A sub-region has a region above it; the five regions (Africa, Americas, Asia, Europe, Oceania) do not. */
    public boolean isSubRegion() {
        return parent.isPresent();
    }

    /** The name in the given language, as CLDR has it ("Sudamérica" in Spanish). */
    public String name(Locale locale) {
        return LocaleDisplayNames.getInstance(ULocale.forLocale(locale)).regionDisplayName(code);
    }
}
