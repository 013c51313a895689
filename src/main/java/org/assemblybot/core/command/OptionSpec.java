package org.assemblybot.core.command;

import java.util.Locale;
import java.util.Objects;

/**
 * One declared {@code --option} of a command. The router takes declared options out of the typed words
 * before the arguments are bound, wherever they stand, and hands them to the handler by name.
 *
 * @param name    without the dashes, lower case, e.g. {@code close}
 * @param value   how its value is shown in usage, e.g. {@code 5m|at <time>}; null for a flag without value
 * @param summary one line for {@code !help <command>}
 * @param words   whether the value runs until the next option (e.g. {@code --close at friday 18:00}) instead of
 *                being one word
 */
public record OptionSpec(String name, String value, String summary, boolean words) {
    public OptionSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(summary, "summary");
        if (name.isBlank() || name.startsWith("-") || !name.equals(name.toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("option '" + name + "' must be a lower-case name without dashes");
        }
        if (words && value == null) {
            throw new IllegalArgumentException("option '" + name + "': a flag takes no words");
        }
    }

    /** {@code --multi N}: the next word is the value. */
    public static OptionSpec value(String name, String value, String summary) {
        return new OptionSpec(name, value, summary, false);
    }

    /** {@code --close at friday 18:00}: every word up to the next option is the value. */
    public static OptionSpec words(String name, String value, String summary) {
        return new OptionSpec(name, value, summary, true);
    }

    /** {@code --secret}: present or not. */
    public static OptionSpec flag(String name, String summary) {
        return new OptionSpec(name, null, summary, false);
    }

    public boolean flag() {
        return value == null;
    }

    /** {@code [--close 5m|at <time>]} or {@code [--secret]}. */
    public String usage() {
        return "[--" + name + (flag() ? "" : " " + value) + "]";
    }
}
