package org.assemblybot.core.text;

import java.util.LinkedHashSet;
import java.util.Set;
import org.assemblybot.core.chat.UserId;

/**
 * Builds a message's plain body and its HTML together, so that HTML only ever contains escaped text (P4).
 * User-supplied text can never ping {@code @room}: it is broken with a word joiner in both forms, and the
 * only pings are the explicit {@link #mention} pills, which are listed in {@code m.mentions}.
 */
public final class RichText {
    private static final String WORD_JOINER = "\u2060";

    private final StringBuilder plain = new StringBuilder();
    private final StringBuilder html = new StringBuilder();
    private final Set<UserId> mentions = new LinkedHashSet<>();

    public static RichText create() {
        return new RichText();
    }

    /** Ordinary text, escaped. */
    public RichText text(String text) {
        String safe = defuseRoomPing(text);
        plain.append(safe);
        html.append(escapeHtml(safe));
        return this;
    }

    public RichText bold(String text) {
        String safe = defuseRoomPing(text);
        plain.append(safe);
        html.append("<strong>").append(escapeHtml(safe)).append("</strong>");
        return this;
    }

    public RichText italic(String text) {
        String safe = defuseRoomPing(text);
        plain.append(safe);
        html.append("<em>").append(escapeHtml(safe)).append("</em>");
        return this;
    }

    public RichText code(String text) {
        String safe = defuseRoomPing(text);
        plain.append('`').append(safe).append('`');
        html.append("<code>").append(escapeHtml(safe)).append("</code>");
        return this;
    }

    /** A pill that pings {@code user}; {@code label} is what readers see (a display name or the id). */
    public RichText mention(UserId user, String label) {
        String shown = defuseRoomPing(label == null || label.isBlank() ? user.value() : label);
        plain.append(shown);
        html.append("<a href=\"https://matrix.to/#/").append(escapeHtml(user.value())).append("\">")
                .append(escapeHtml(shown)).append("</a>");
        mentions.add(user);
        return this;
    }

    public RichText newline() {
        plain.append('\n');
        html.append("<br>");
        return this;
    }

    public String plain() {
        return plain.toString();
    }

    public String html() {
        return html.toString();
    }

    public Set<UserId> mentions() {
        return Set.copyOf(mentions);
    }

    /** Escapes the five HTML-significant characters. */
    public static String escapeHtml(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Inserts a word joiner after the '@' of every "@room" (any case), so legacy clients do not ping. */
    public static String defuseRoomPing(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            if (text.charAt(i) == '@' && text.regionMatches(true, i + 1, "room", 0, 4)) {
                out.append('@').append(WORD_JOINER);
                i++;
            } else {
                out.append(text.charAt(i++));
            }
        }
        return out.toString();
    }
}
