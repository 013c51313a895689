package org.assemblybot.core.command;

import java.util.Objects;

/**
 * One declared argument of a command.
 *
 * @param name     shown in usage, e.g. {@code zone} gives {@code <zone>}
 * @param summary  one line for {@code !help <command>}
 * @param required whether the command fails without it
 * @param rest     whether it takes all remaining words (only the last argument)
 */
public record ArgSpec(String name, String summary, boolean required, boolean rest) {
    public ArgSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(summary, "summary");
    }

    public static ArgSpec required(String name, String summary) {
        return new ArgSpec(name, summary, true, false);
    }

    public static ArgSpec optional(String name, String summary) {
        return new ArgSpec(name, summary, false, false);
    }

    public static ArgSpec rest(String name, String summary, boolean required) {
        return new ArgSpec(name, summary, required, true);
    }
}
