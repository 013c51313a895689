package org.assemblybot.core.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Matches typed words to declared arguments. */
final class ArgumentBinder {
    private ArgumentBinder() {
    }

    /**
     * One value per given argument, in declaration order, the rest-argument joined with single spaces;
     * empty when a required argument is missing or words are left over (the caller shows the usage).
     */
    static Optional<List<String>> bind(List<ArgSpec> specs, List<String> tokens) {
        List<String> bound = new ArrayList<>();
        int next = 0;
        for (ArgSpec spec : specs) {
            boolean available = next < tokens.size();
            if (!available) {
                if (spec.required()) {
                    return Optional.empty();
                }
                break;
            }
            if (spec.rest()) {
                bound.add(String.join(" ", tokens.subList(next, tokens.size())));
                next = tokens.size();
            } else {
                bound.add(tokens.get(next++));
            }
        }
        boolean leftOver = next < tokens.size();
        return leftOver ? Optional.empty() : Optional.of(bound);
    }

    /**
     * Refuses declarations the binder cannot honour, so a mistake fails at startup rather than in a room:
     * a rest-argument must come last, and a required argument cannot follow an optional one.
     */
    static void checkDeclaration(CommandSpec spec) {
        List<ArgSpec> args = spec.args();
        boolean sawOptional = false;
        for (int i = 0; i < args.size(); i++) {
            ArgSpec arg = args.get(i);
            if (arg.rest() && i != args.size() - 1) {
                throw new IllegalArgumentException("command '" + spec.name() + "': rest argument '"
                        + arg.name() + "' must be the last");
            }
            if (arg.required() && sawOptional) {
                throw new IllegalArgumentException("command '" + spec.name() + "': required argument '"
                        + arg.name() + "' follows an optional one");
            }
            sawOptional |= !arg.required();
        }
    }
}
