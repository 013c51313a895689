package org.assemblybot.core.command;

import java.util.List;
import java.util.Objects;

/**
 * A command declared as data: help, usage and the permission gate are generated from it.
 *
 * @param name       lower-case word after the prefix
 * @param aliases    other words that run it
 * @param args       declared arguments, in order
 * @param summary    one line for {@code !help}
 * @param example    a full example without the prefix, e.g. {@code tz Europe/Berlin}
 * @param permission who may run it
 */
public record CommandSpec(String name, List<String> aliases, List<ArgSpec> args, String summary, String example,
                          Permission permission) {
    public CommandSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(summary, "summary");
        Objects.requireNonNull(example, "example");
        Objects.requireNonNull(permission, "permission");
        aliases = List.copyOf(aliases);
        args = List.copyOf(args);
    }
}
