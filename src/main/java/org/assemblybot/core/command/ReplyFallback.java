package org.assemblybot.core.command;

import java.util.Arrays;

/**
 * Removes the reply fallback that clients put in front of a reply's body: the quoted original, one
 * {@code "> "} line each, then an empty line. Without this, replying to a message with {@code !ping}
 * would start with {@code "> <@alice:example.org> …"} and never look like a command.
 */
final class ReplyFallback {
    private ReplyFallback() {
    }

    static String strip(String body) {
        String[] lines = body.split("\\R", -1);
        int firstAfterQuote = 0;
        while (firstAfterQuote < lines.length && isQuoteLine(lines[firstAfterQuote])) {
            firstAfterQuote++;
        }
        boolean isFallback = firstAfterQuote > 0 && firstAfterQuote < lines.length
                && lines[firstAfterQuote].isBlank();
        if (!isFallback) {
            return body;
        }
        return String.join("\n", Arrays.copyOfRange(lines, firstAfterQuote + 1, lines.length));
    }

    /** An empty line of the quoted message comes out as a bare {@code ">"}. */
    private static boolean isQuoteLine(String line) {
        return line.startsWith("> ") || line.equals(">");
    }
}
