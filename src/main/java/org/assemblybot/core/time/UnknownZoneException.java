package org.assemblybot.core.time;

import java.util.List;
import java.util.Optional;
import org.assemblybot.core.command.UserFacingException;
import org.assemblybot.core.text.UserText;

/**
 * Typed text that names no usable zone, with why and what was probably meant. The message is for a room
 * (Markdown code spans); {@link #configProblem()} says the same for the operator of the config file.
 */
public final class UnknownZoneException extends UserFacingException {
    private static final int MAX_ECHOED = 40;
    private static final String UNKNOWN_EXAMPLES = "`Europe/Berlin` or `America/New_York`";

    /** Why the text was refused. */
    public enum Kind {
        OFFSET(" is a fixed offset."),
        ABBREVIATION(" is an abbreviation, not a region."),
        LOOKS_LIKE_ABBREVIATION(" looks like an abbreviation, not a region."),
        MISSPELT(" is not a time zone id."),
        UNKNOWN("");

        private final String what;

        Kind(String what) {
            this.what = what;
        }
    }

    private final Kind kind;
    private final List<String> suggestions;

    UnknownZoneException(String typed, Kind kind, List<String> suggestions) {
        super(roomMessage(UserText.quotable(typed, MAX_ECHOED), kind, suggestions));
        this.kind = kind;
        this.suggestions = List.copyOf(suggestions);
    }

    /** The region id to offer first, e.g. for a {@code !tz Europe/Berlin} hint; empty when there is no guess. */
    public Optional<String> suggestion() {
        return suggestions.stream().findFirst();
    }

    /** What a config key must be instead, e.g. "must be a region id like Europe/Berlin (…)"; the caller adds the value. */
    public String configProblem() {
        String like = "must be a region id like " + String.join(" or ", suggestions);
        return switch (kind) {
            case OFFSET -> like + " (a fixed offset is wrong for half the year)";
            case ABBREVIATION, LOOKS_LIKE_ABBREVIATION -> like + " (an abbreviation is wrong for half the year)";
            case MISSPELT -> like;
            case UNKNOWN -> "must be a region id like Europe/Berlin or America/New_York";
        };
    }

    private static String roomMessage(String typed, Kind kind, List<String> suggestions) {
        return switch (kind) {
            case OFFSET, ABBREVIATION, LOOKS_LIKE_ABBREVIATION -> "`" + typed + "`" + kind.what
                    + " Use a region id such as `" + suggestions.get(0) + "` instead: it keeps daylight-saving time"
                    + " right all year.";
            case MISSPELT -> "`" + typed + "`" + kind.what + " Did you mean " + orList(suggestions) + "?";
            case UNKNOWN -> "I don't know the time zone `" + typed + "`. Use a region id such as " + UNKNOWN_EXAMPLES
                    + " (the place is usually the largest city in your time zone).";
        };
    }

    private static String orList(List<String> ids) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < ids.size(); i++) {
            out.append(i == 0 ? "" : i == ids.size() - 1 ? " or " : ", ").append('`').append(ids.get(i)).append('`');
        }
        return out.toString();
    }
}
