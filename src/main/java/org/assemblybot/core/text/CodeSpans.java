package org.assemblybot.core.text;

/**
 * Turns a message written with backticks ({@code "Try `!tz Europe/Berlin`"}) into {@link RichText}, so that
 * feature messages carried by exceptions show code spans in HTML while every piece stays escaped. The plain
 * body keeps the backticks, exactly as written.
 */
public final class CodeSpans {
    private CodeSpans() {
    }

    public static RichText render(String message) {
        RichText out = RichText.create();
        String[] parts = message.split("`", -1);
        // An odd number of backticks leaves the last one unpaired: show it as text rather than guess.
        boolean balanced = parts.length % 2 == 1;
        for (int i = 0; i < parts.length; i++) {
            boolean insideCode = i % 2 == 1;
            boolean lastUnpaired = !balanced && i == parts.length - 1;
            if (lastUnpaired) {
                out.text("`");
                lines(out, parts[i]);
            } else if (insideCode) {
                out.code(parts[i]);
            } else if (!parts[i].isEmpty()) {
                lines(out, parts[i]);
            }
        }
        return out;
    }

    private static void lines(RichText out, String text) {
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                out.newline();
            }
            out.text(lines[i]);
        }
    }
}
