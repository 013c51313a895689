package org.assemblybot.core.text;

/** Text for Markdown files the bot writes (role histories, the exported public record). */
public final class Markdown {
    private Markdown() {
    }

    /** Markdown would read `*`, `_`, `[`, `#`, `<` … in people's words as markup; a backslash keeps them literal. */
    public static String literal(String text) {
        return text.replaceAll("([\\\\`*_{}\\[\\]()#+!|<>])", "\\\\$1");
    }

    /** An id (room, user) as a code span: shown as it is, never as a link or markup. */
    public static String id(String id) {
        return "`" + id.replace("`", "") + "`";
    }
}
