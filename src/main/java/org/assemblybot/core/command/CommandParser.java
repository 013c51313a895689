package org.assemblybot.core.command;

import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Recognises commands in message bodies. Pure: no state beyond the prefix, no I/O, never throws on
 * user input (a malformed command comes back flagged, for the router to explain).
 */
public final class CommandParser {
    private final String prefix;

    public CommandParser(String prefix) {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.isEmpty() || prefix.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("the command prefix must be non-empty and without spaces");
        }
        this.prefix = prefix;
    }

    /** The command in {@code body}, or empty when the body is ordinary conversation. */
    public Optional<ParsedCommand> parse(String body) {
        if (body == null) {
            return Optional.empty();
        }
        String text = ReplyFallback.strip(body).stripLeading();
        if (!text.startsWith(prefix)) {
            return Optional.empty();
        }
        String afterPrefix = text.substring(prefix.length());
        // "!", "! ping" and "!!!" are people talking, not commands: the word must follow the prefix directly.
        if (afterPrefix.isEmpty() || !Character.isLetterOrDigit(afterPrefix.codePointAt(0))) {
            return Optional.empty();
        }
        int wordEnd = firstWhitespace(afterPrefix);
        String name = afterPrefix.substring(0, wordEnd).toLowerCase(Locale.ROOT);
        String rawArgs = afterPrefix.substring(wordEnd).strip();
        ArgumentTokenizer.Result split = ArgumentTokenizer.split(rawArgs);
        return Optional.of(new ParsedCommand(name, split.tokens(), rawArgs, split.unclosedQuote()));
    }

    private static int firstWhitespace(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return text.length();
    }
}
