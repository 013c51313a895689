package org.assemblybot.core.command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits command arguments into words. Quotes group words, but only where a word starts, so that an
 * apostrophe inside a word ({@code don't}) stays an apostrophe. Phones replace straight quotes with
 * curly ones, so those group words too. A backslash makes the next quote (or backslash) literal.
 */
final class ArgumentTokenizer {
    /** Opening quote → the characters that close it. „ closes with “ in German typography, ” elsewhere. */
    private static final Map<Character, String> CLOSERS = Map.of(
            '"', "\"",
            '\'', "'",
            '\u201C', "\u201D",
            '\u2018', "\u2019",
            '\u201E', "\u201C\u201D");
    private static final String ESCAPABLE = "\\\"'\u201C\u201D\u2018\u2019\u201E";

    record Result(List<String> tokens, boolean unclosedQuote) {
    }

    private ArgumentTokenizer() {
    }

    static Result split(String text) {
        List<String> tokens = new ArrayList<>();
        StringBuilder word = null;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                if (word != null) {
                    tokens.add(word.toString());
                    word = null;
                }
                i++;
            } else if (isEscape(text, i)) {
                word = word == null ? new StringBuilder() : word;
                word.append(text.charAt(i + 1));
                i += 2;
            } else if (word == null && CLOSERS.containsKey(c)) {
                word = new StringBuilder();
                i = readQuoted(text, i + 1, CLOSERS.get(c), word);
                if (i < 0) {
                    tokens.add(word.toString());
                    return new Result(tokens, true);
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
                i++;
            }
        }
        if (word != null) {
            tokens.add(word.toString());
        }
        return new Result(tokens, false);
    }

    /** Appends the quoted text to {@code into}; returns the index after the closing quote, or -1 if none. */
    private static int readQuoted(String text, int start, String closers, StringBuilder into) {
        int i = start;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (isEscape(text, i)) {
                into.append(text.charAt(i + 1));
                i += 2;
            } else if (closers.indexOf(c) >= 0) {
                return i + 1;
            } else {
                into.append(c);
                i++;
            }
        }
        return -1;
    }

    private static boolean isEscape(String text, int i) {
        return text.charAt(i) == '\\' && i + 1 < text.length() && ESCAPABLE.indexOf(text.charAt(i + 1)) >= 0;
    }
}
