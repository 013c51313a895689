package org.assemblybot.core.text;

/** Prepares words a user typed for being quoted back in a reply. */
public final class UserText {
    private UserText() {
    }

    /**
     * One line, no backticks (they would break the code span it is shown in), at most {@code maxLength}
     * characters — so a mistyped command cannot make the bot post a wall of text.
     */
    public static String quotable(String typed, int maxLength) {
        String line = typed.replace('`', '\'').replaceAll("\\s+", " ").strip();
        if (line.codePointCount(0, line.length()) <= maxLength) {
            return line;
        }
        return line.substring(0, line.offsetByCodePoints(0, maxLength)) + "…";
    }
}
