package org.assemblybot.core.text;

import org.assemblybot.core.command.UserFacingException;

/**
 * How long the texts people hand the bot may be. The bot posts them into rooms — titles into every partner
 * room, reasons to the whole group — so a command must not turn into a wall of text elsewhere (P5).
 * Lengths are counted in characters (code points), as people count them.
 */
public final class TextLimits {
    /** A synchronized action's title, a vote's question, a proposal. */
    public static final int TITLE = 200;
    /** One option of a vote. */
    public static final int OPTION = 80;
    /** Why someone blocks a proposal, cancels an action or declines a request. */
    public static final int REASON = 300;

    private TextLimits() {
    }

    /**
     * Refuses {@code text} when it is longer than {@code max}: "The title has 240 characters; at most 200 fit."
     * followed by {@code hint} (an example, or the usage with one) on its own line.
     */
    public static void require(String what, String text, int max, String hint) {
        int length = text.codePointCount(0, text.length());
        if (length > max) {
            throw new UserFacingException("The " + what + " has " + length + " characters; at most " + max + " fit.\n"
                    + hint);
        }
    }
}
