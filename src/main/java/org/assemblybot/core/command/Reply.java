package org.assemblybot.core.command;

import java.util.Set;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.text.RichText;

/**
 * What a command answers: a plain body, its HTML (escaped, built by {@link RichText}) and the users it pings.
 * The router sends it as an {@code m.notice} in the command's thread.
 */
public record Reply(String body, String html, Set<UserId> mentions) {
    public Reply {
        mentions = Set.copyOf(mentions);
    }

    public static Reply of(RichText text) {
        return new Reply(text.plain(), text.html(), text.mentions());
    }

    /** Plain text, escaped for the HTML form. */
    public static Reply text(String text) {
        return of(RichText.create().text(text));
    }

    /** Never print the text (P2). */
    @Override
    public String toString() {
        return "Reply[mentions=" + mentions.size() + "]";
    }
}
