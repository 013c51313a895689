package org.assemblybot.core.command;

import java.util.List;
import java.util.Objects;

/**
 * A command (or a sub-command) declared as data: help, usage, option parsing and the permission gate are
 * generated from it.
 *
 * @param name       lower-case word after the prefix (or after the command, for a sub-command)
 * @param aliases    other words that run it
 * @param args       declared arguments, in order
 * @param options    declared {@code --options}; none means words starting with {@code --} are plain words
 * @param summary    one line for {@code !help}
 * @param example    a full example without the prefix, e.g. {@code tz Europe/Berlin}
 * @param permission who may run it
 */
public record CommandSpec(String name, List<String> aliases, List<ArgSpec> args, List<OptionSpec> options,
                          String summary, String example, Permission permission) {
    public CommandSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(example, "example");
        Objects.requireNonNull(permission, "permission");
        aliases = List.copyOf(aliases);
        args = List.copyOf(args);
        options = List.copyOf(options);
    }

    /** A command without options. */
    public CommandSpec(String name, List<String> aliases, List<ArgSpec> args, String summary, String example,
                       Permission permission) {
        this(name, aliases, args, List.of(), summary, example, permission);
    }
}
