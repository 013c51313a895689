package org.assemblybot.core.command;

import java.util.List;
import java.util.Objects;

/**
 * A command as typed, before it is matched against a {@link CommandSpec}.
 *
 * @param name          the command word after the prefix, lower-cased
 * @param tokens        the words after it; quoted words are one token, quotes removed
 * @param rawArgs       everything after the command word, trimmed, as typed
 * @param unclosedQuote a quote was opened and never closed; the router answers with a usage hint
 *                      instead of guessing what was meant
 */
public record ParsedCommand(String name, List<String> tokens, String rawArgs, boolean unclosedQuote) {
    public ParsedCommand {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(rawArgs, "rawArgs");
        tokens = List.copyOf(tokens);
    }

    public ParsedCommand(String name, List<String> tokens, String rawArgs) {
        this(name, tokens, rawArgs, false);
    }

    /** Never print the arguments: they are message text (P2). */
    @Override
    public String toString() {
        return "ParsedCommand[name=" + name + ", tokens=" + tokens.size() + ", unclosedQuote=" + unclosedQuote + "]";
    }
}
