package org.assemblybot.feature.rotation;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assemblybot.core.command.UserFacingException;
import org.assemblybot.core.text.UserText;
import org.assemblybot.core.time.Durations;

/**
 * How long before a term the successor is picked and shadows the holder: a duration ({@code 1w}, {@code 3d}) or
 * a number of assemblies ({@code 1 assembly}, for per-assembly roles).
 *
 * @param lead       the duration, or null when counted in assemblies
 * @param assemblies the number of assemblies, or 0 when a duration
 */
record Shadow(Duration lead, int assemblies) {
    static final String USAGE = "a duration like `1w` or `3d`, or `1 assembly`";
    private static final Pattern ASSEMBLIES = Pattern.compile("(\\d{1,2})\\s*assembl(?:y|ies)");

    static final Shadow ONE_WEEK = new Shadow(Duration.ofDays(7), 0);
    static final Shadow ONE_ASSEMBLY = new Shadow(null, 1);

    /** The default for a term length: one assembly before per-assembly terms, one week before the others. */
    static Shadow defaultFor(TermLength term) {
        return term.kind() == TermLength.Kind.ASSEMBLY ? ONE_ASSEMBLY : ONE_WEEK;
    }

    static Shadow parse(String typed) {
        String text = typed.strip().toLowerCase(Locale.ROOT);
        Matcher m = ASSEMBLIES.matcher(text);
        if (m.matches() && Integer.parseInt(m.group(1)) >= 1) {
            return new Shadow(null, Integer.parseInt(m.group(1)));
        }
        Optional<Duration> lead = Durations.parse(text).filter(d -> !d.isNegative() && !d.isZero());
        return lead.map(d -> new Shadow(d, 0)).orElseThrow(() -> new UserFacingException("A shadow period is "
                + USAGE + ", not `" + UserText.quotable(typed, 20) + "`. Example: `--shadow 1w`."));
    }

    boolean inAssemblies() {
        return lead == null;
    }

    String stored() {
        if (inAssemblies()) {
            return assemblies + (assemblies == 1 ? " assembly" : " assemblies");
        }
        boolean weeks = lead.toSeconds() % Duration.ofDays(7).toSeconds() == 0;
        return weeks ? lead.toDays() / 7 + "w" : Durations.format(lead);
    }
}
