package org.assemblybot.feature.mirror;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.assemblybot.core.command.UserFacingException;
import org.assemblybot.core.geo.Countries;
import org.assemblybot.core.geo.Country;
import org.assemblybot.core.text.UserText;

/**
 * What a researcher types after {@code !mirror set}: {@code <country> | <struggle> | <links> | <echo>}. Every part
 * is checked before anything is stored, and each refusal says what to fix with an example.
 */
record SpotlightInput(Country country, String struggle, List<String> links, String echo) {
    static final String FORMAT = "mirror set <country> | <struggle> | <links> | <echo>";
    static final String EXAMPLE = "mirror set Chile | Water defenders in Petorca resist avocado plantations that "
            + "drain the rivers | https://example.org/petorca | How does our water march echo theirs?";
    static final int MAX_STRUGGLE = 200;
    static final int MAX_ECHO = 300;
    static final int MAX_LINKS = 5;
    static final int MAX_LINK = 300;
    /** What a card may carry of the researcher's words, so it stays a card and not a wall of text. */
    static final int MAX_CARD_TEXT = 1000;
    private static final String[] PART_NAMES = {"the country", "the struggle in a line", "one or more links",
        "how our next action echoes theirs"};

    /** Reads the four parts; a clear refusal naming what is missing or wrong otherwise. */
    static SpotlightInput parse(String typed, String prefix) {
        String example = "`" + prefix + EXAMPLE + "`";
        List<String> parts = Arrays.stream((typed == null ? "" : typed).split("\\|", -1)).map(String::strip).toList();
        if (parts.size() > 4) {
            throw new UserFacingException("A spotlight has four parts separated by `|`: " + String.join(", ",
                    PART_NAMES) + "; you gave " + parts.size() + ". Example: " + example);
        }
        List<String> missing = new ArrayList<>();
        for (int i = 0; i < PART_NAMES.length; i++) {
            if (i >= parts.size() || parts.get(i).isEmpty()) {
                missing.add(PART_NAMES[i]);
            }
        }
        if (!missing.isEmpty()) {
            throw new UserFacingException("Missing: " + String.join(", ", missing) + ". Give four parts separated by "
                    + "`|`: `" + prefix + FORMAT + "`. Example: " + example);
        }
        Country country = country(parts.get(0));
        String struggle = line("The struggle", parts.get(1), MAX_STRUGGLE, example);
        List<String> links = links(parts.get(2), example);
        String echo = line("The echo question", parts.get(3), MAX_ECHO, example);
        int length = struggle.length() + echo.length() + links.stream().mapToInt(String::length).sum();
        if (length > MAX_CARD_TEXT) {
            throw new UserFacingException("That is " + length + " characters; a card holds at most " + MAX_CARD_TEXT
                    + " of struggle, links and echo together. Shorten it or give fewer links.");
        }
        return new SpotlightInput(country, struggle, links, echo);
    }

    /** A country by its name in one of several languages, or its ISO code; the closest names when unknown. */
    static Country country(String typed) {
        Countries countries = Countries.instance();
        return countries.resolve(typed).orElseThrow(() -> {
            List<Country> closest = countries.closest(typed, 3);
            String shown = UserText.quotable(typed, 40);
            if (closest.isEmpty()) {
                return new UserFacingException("I don't know the country `" + shown + "`. Give its name (in English, "
                        + "Spanish, French…) or its ISO code, e.g. `Chile` or `CL`.");
            }
            return new UserFacingException("I don't know the country `" + shown + "`. Did you mean "
                    + closest.stream().map(c -> c.englishName() + " (`" + c.alpha2() + "`)")
                    .collect(Collectors.joining(", ")) + "?");
        });
    }

    private static String line(String what, String text, int max, String example) {
        String line = text.replaceAll("\\s+", " ").strip();
        if (line.codePointCount(0, line.length()) > max) {
            throw new UserFacingException(what + " is at most " + max + " characters (it has "
                    + line.codePointCount(0, line.length()) + "). Example: " + example);
        }
        return line;
    }

    /** One to five http(s) links, separated by spaces or commas. */
    private static List<String> links(String text, String example) {
        List<String> links = Arrays.stream(text.split("[\\s,]+")).filter(s -> !s.isEmpty()).toList();
        if (links.size() > MAX_LINKS) {
            throw new UserFacingException("At most " + MAX_LINKS + " links, separated by spaces. Example: " + example);
        }
        for (String link : links) {
            if (!isWebLink(link)) {
                throw new UserFacingException("`" + UserText.quotable(link, 60) + "` is not a web link: links start "
                        + "with `https://` or `http://`, e.g. `https://example.org/petorca`.");
            }
            if (link.length() > MAX_LINK) {
                throw new UserFacingException("A link is at most " + MAX_LINK + " characters; shorten `"
                        + UserText.quotable(link, 60) + "`.");
            }
        }
        return links;
    }

    static boolean isWebLink(String link) {
        try {
            URI uri = new URI(link);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null
                    && !uri.getHost().isBlank() && uri.getUserInfo() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
