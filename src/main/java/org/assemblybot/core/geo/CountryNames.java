package org.assemblybot.core.geo;

import com.ibm.icu.impl.ICUData;
import com.ibm.icu.text.LocaleDisplayNames;
import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.util.ULocale;
import com.ibm.icu.util.UResourceBundle;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names a country goes by, gathered from CLDR through ICU, and the key that makes typed text comparable
 * with them regardless of case, accents and punctuation.
 */
final class CountryNames {
    /**
     * The languages whose names are understood, plus the Portuguese of Portugal and the Spanish of Latin
     * America where their spelling differs. Each country's own main language is added to these.
     */
    static final List<ULocale> LANGUAGES = List.of(ULocale.ENGLISH, new ULocale("es"), new ULocale("es_419"),
            ULocale.FRENCH, new ULocale("pt"), new ULocale("pt_PT"), ULocale.GERMAN, new ULocale("ar"),
            new ULocale("ru"));

    /**
     * Where ICU keeps CLDR's territory names, including the alternatives its public API does not offer
     * ("Countries%short": "UK"; "Countries%variant": "Ivory Coast", "Turkey"). A compile-time constant, so
     * it is the path of the ICU version this was compiled against; a missing bundle loses only the
     * alternatives (and CountriesTest says so).
     */
    private static final String REGION_BUNDLE = ICUData.ICU_REGION_BASE_NAME;
    private static final String TABLE_PREFIX = "Countries";

    /** Words that join two names: "Trinidad & Tobago" = "Trinidad and Tobago" = "Trinidad Tobago". */
    private static final Set<String> CONNECTORS = Set.of("and", "the", "y", "e", "et", "und", "и");
    private static final Pattern PARENTHESIS = Pattern.compile("\\s*\\(([^)]*)\\)\\s*");
    private static final Pattern DASH = Pattern.compile("\\s+[-\u2013]\\s+");
    private static final Pattern NOT_LETTER_OR_DIGIT = Pattern.compile("[^\\p{L}\\p{N}]+");
    private static final Normalizer2 DECOMPOSE = Normalizer2.getNFKDInstance();

    private CountryNames() {
    }

    /** "Côte d’Ivoire", "cote divoire" and "COTE-D'IVOIRE" all become "cotedivoire". */
    static String key(String text) {
        String plain = DECOMPOSE.normalize(text).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT)
                .replace("ß", "ss").replace("æ", "ae").replace("œ", "oe").replace("ø", "o").replace("ł", "l")
                .replace("đ", "d").replace("&", " and ");
        StringBuilder key = new StringBuilder();
        for (String word : NOT_LETTER_OR_DIGIT.split(plain)) {
            if (!CONNECTORS.contains(word)) {
                key.append(word.equals("saint") ? "st" : word);
            }
        }
        return key.toString();
    }

    /** Every name CLDR has for the country in the given language: the standard one and its alternatives. */
    static List<String> names(String alpha2, ULocale language) {
        Set<String> names = new LinkedHashSet<>();
        names.add(LocaleDisplayNames.getInstance(language).regionDisplayName(alpha2));
        try {
            UResourceBundle bundle = UResourceBundle.getBundleInstance(REGION_BUNDLE, language);
            for (int i = 0; i < bundle.getSize(); i++) {
                UResourceBundle table = bundle.get(i);
                if (table.getKey().startsWith(TABLE_PREFIX) && table.getType() == UResourceBundle.TABLE) {
                    addIfPresent(table, alpha2, names);
                }
            }
        } catch (MissingResourceException absent) {
            // Only the standard name, from the public API, is there to use.
        }
        return List.copyOf(names);
    }

    private static void addIfPresent(UResourceBundle table, String alpha2, Set<String> names) {
        try {
            names.add(table.getString(alpha2));
        } catch (MissingResourceException absent) {
            // This table has no alternative for the country.
        }
    }

    /** The name in the country's own main language ("Sverige" for Sweden), or nothing if CLDR knows none. */
    static List<String> ownNames(String alpha2) {
        ULocale own = ULocale.addLikelySubtags(new ULocale("und_" + alpha2));
        ULocale language = new ULocale(own.getLanguage());
        return language.getLanguage().isEmpty() ? List.of() : names(alpha2, language);
    }

    /**
     * The pieces of a two-part name, each of which also names the country: "Myanmar (Burma)" → "Myanmar",
     * "Burma"; "Congo - Kinshasa" → "Congo", "Kinshasa". Pieces that only say "republic" are left out. A
     * piece shared by two countries ("Congo") makes it ambiguous, which is what it is.
     */
    static List<String> parts(String name) {
        List<String> parts = new ArrayList<>();
        Matcher parenthesis = PARENTHESIS.matcher(name);
        if (parenthesis.find()) {
            parts.add(parenthesis.group(1));
            parts.add(parenthesis.replaceAll(" ").strip());
        }
        String[] dashed = DASH.split(name);
        if (dashed.length > 1) {
            parts.addAll(List.of(dashed));
        }
        parts.removeIf(part -> key(part).length() < 2 || key(part).contains("republ") || key(part).contains("респуб"));
        return parts;
    }
}
