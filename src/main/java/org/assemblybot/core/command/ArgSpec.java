package org.assemblybot.core.command;

import java.util.Objects;

/**
 * One declared argument of a command.
 *
 * @param name     shown in usage, e.g. {@code zone} gives {@code <zone>}
 * @param summary  one line for {@code !help <command>}
 * @param required whether the command fails without it
 * @param rest     whether it takes all remaining words (only the last argument)
 * @param shown    how usage shows it when brackets around the name say too little (e.g.
 *                 {@code <time…> [rooms…]} for words the handler splits further); null for the default
 */
public record ArgSpec(String name, String summary, boolean required, boolean rest, String shown) {
    public ArgSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(summary, "summary");
    }

    public ArgSpec(String name, String summary, boolean required, boolean rest) {
        this(name, summary, required, rest, null);
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

    /** The same argument, shown in usage as {@code usage}. */
    public ArgSpec shownAs(String usage) {
        return new ArgSpec(name, summary, required, rest, usage);
    }

    /** {@code <name>}, {@code [name]} or what {@link #shown} says. */
    public String usage() {
        if (shown != null) {
            return shown;
        }
        return required ? "<" + name + ">" : "[" + name + "]";
    }
}
