package org.assemblybot.app;

import java.util.ArrayList;
import java.util.List;
import org.assemblybot.core.command.ArgSpec;
import org.assemblybot.core.command.Command;
import org.assemblybot.core.command.CommandSpec;
import org.assemblybot.core.command.OptionSpec;
import org.assemblybot.testkit.Fuzz;

/**
 * Generated command texts, built from the real declarations of every feature's commands (names, aliases,
 * sub-commands, arguments, options and examples) and mixed with junk: unicode, quotes, {@code @room}, HTML, very
 * long words, control characters, stray {@code --options}, numbers, room ids and aliases, times and zones.
 */
final class FuzzInputs {
    /** Words people (and attackers) type; each is a single token unless it has spaces on purpose. */
    static final List<String> JUNK = List.of(
            // unicode and invisible characters
            "Ünïcødé", "日本語の議題", "العربية", "Привет", "\u202Eevil\u202C", "🏳️‍🌈", "✋", "✋️", "👍🏽", "\u200B",
            "\u2060", "\uFEFF", "e\u0301", "𝕏", "\uD83D", "ﷺ",
            // quotes
            "\"", "'", "\"\"", "\"unclosed", "“smart quotes”", "«guillemets»", "\"a \\\" b\"", "'single'",
            // pings
            "@room", "@ROOM", "@room:", "x@roomy", "@everyone", "@channel", "@alice:example.org", "@bob:example.org",
            "@bot:example.org", "@eve:example.org", "@stranger:elsewhere.org", "@", "@:x", "@room:example.org",
            // HTML and markup
            "<script>alert(1)</script>", "<b>bold</b>", "</a>", "&amp;", "&", "<", ">", "&lt;script&gt;",
            "<img src=x onerror=alert(1)>", "&#x3C;", "<a href=\"https://evil.example\">x</a>", "`", "```",
            "**b**", "[link](https://evil.example)", "<!--", "]]>", "\\", "%s", "${jndi:ldap://x}", "'; DROP TABLE votes;--",
            // control characters
            "\r", "\u0007", "\u001b[2J", "\u0000", "\t", "a\nb", "\n\n",
            // options
            "--close", "--secret", "--multi", "--seats", "--", "--x=y", "-", "—close", "--CLOSE", "--close=5m", "---",
            "--help", "--intense", "--quorum", "--every",
            // numbers and ids
            "0", "-1", "1", "2", "3", "4", "7", "99999999999999999999", "1e9", "#1", "#2", "#3", "#0", "NaN", "0x10",
            "٣", "Ⅻ", "1.5", "+1", "2147483648", "-2147483649",
            // rooms
            "!assembly:example.org", "!partner:example.org", "!third:example.org", "!nope:example.org",
            "#partner:example.org", "#nope:example.org", "!", "#", "!a", "#:",
            // times and zones
            "5m", "1h", "2d", "1w", "PT30S", "0s", "-5m", "999999d", "18:00", "25:99", "00:00", "friday", "friday 18:00",
            "tomorrow", "tomorrow 19:00", "in 2h", "now", "at", "at 18:00", "2026-06-02", "2026-06-02 18:00",
            "2026-13-45", "2026-02-30", "1970-01-01", "9999-12-31 23:59", "every", "every friday 18:00",
            "every 2 weeks", "monthly", "new moon", "first monday", "last sunday", "Europe/Berlin", "Mars/Olympus",
            "UTC", "+05:00", "America/Argentina/Buenos_Aires", "Etc/GMT+14",
            // words the features know
            "yes", "no", "pizza", "pasta", "|", "||", "Chile", "Kenya", "Facilitation", "\"Mirror researcher\"",
            "me", "all", "none", "on", "off", "accept", "decline", "list", "show", "cancel", "plan", "add", "edit",
            "remove", "next", "skip", "join", "set", "history", "forget", "care", "start", "roles", "skills");

    private final List<Command> commands;
    /** Every command and sub-command with the words that run it ("sync plan"). */
    private final List<Entry> entries = new ArrayList<>();

    private record Entry(String words, CommandSpec spec) {
    }

    FuzzInputs(List<Command> commands) {
        this.commands = List.copyOf(commands);
        for (Command command : commands) {
            entries.add(new Entry(command.spec().name(), command.spec()));
            for (String alias : command.spec().aliases()) {
                entries.add(new Entry(alias, command.spec()));
            }
            for (Command sub : command.subcommands()) {
                entries.add(new Entry(command.spec().name() + " " + sub.spec().name(), sub.spec()));
                for (String alias : sub.spec().aliases()) {
                    entries.add(new Entry(command.spec().name() + " " + alias, sub.spec()));
                }
            }
        }
    }

    /** A message body: usually a command (valid, mutated, built from declarations or junk), sometimes decorated. */
    String command(Fuzz f) {
        double kind = f.between(0, 99) / 100.0;
        String text;
        if (kind < 0.30) {
            text = "!" + renumbered(f, f.oneOf(entries).spec().example());
        } else if (kind < 0.55) {
            text = "!" + mutated(f, renumbered(f, f.oneOf(entries).spec().example()));
        } else if (kind < 0.85) {
            text = "!" + declared(f, f.oneOf(entries));
        } else if (kind < 0.93) {
            text = "!help" + (f.chance(0.8) ? " " + f.oneOf(entries).words() : "") + junkTail(f, 2);
        } else {
            text = "!" + (f.chance(0.5) ? f.oneOf(commands).spec().name() : junkWord(f)) + junkTail(f, 6);
        }
        return decorated(f, text);
    }

    /** The example with its numbers (a vote's, an action's, a debrief's) replaced by small ones that may exist. */
    private static String renumbered(Fuzz f, String example) {
        if (f.chance(0.3)) {
            return example;
        }
        StringBuilder out = new StringBuilder();
        for (String word : example.split(" ", -1)) {
            out.append(out.length() == 0 ? "" : " ").append(word.matches("#?\\d{1,2}")
                    ? (word.startsWith("#") ? "#" : "") + f.between(1, 12) : word);
        }
        return out.toString();
    }

    /** Words of {@code example} with a few replaced, inserted, dropped or repeated. */
    private String mutated(Fuzz f, String example) {
        List<String> words = new ArrayList<>(List.of(example.split(" ")));
        int changes = f.between(1, 3);
        for (int i = 0; i < changes; i++) {
            int at = f.between(0, words.size() - 1);
            switch (f.between(0, 4)) {
                case 0 -> words.set(at, junkWord(f));
                case 1 -> words.add(at, junkWord(f));
                case 2 -> {
                    if (words.size() > 1 && at > 0) {
                        words.remove(at);
                    }
                }
                case 3 -> words.add(at, words.get(at));
                default -> words.set(at, words.get(at).toUpperCase(java.util.Locale.ROOT));
            }
        }
        return String.join(" ", words);
    }

    /** The command's words, then a value for each argument (required ones mostly present) and some options. */
    private String declared(Fuzz f, Entry entry) {
        StringBuilder out = new StringBuilder(entry.words());
        for (ArgSpec arg : entry.spec().args()) {
            if (arg.required() ? f.chance(0.9) : f.chance(0.5)) {
                int words = arg.rest() ? f.between(1, 5) : 1;
                for (int i = 0; i < words; i++) {
                    out.append(' ').append(junkWord(f));
                }
            }
        }
        for (OptionSpec option : entry.spec().options()) {
            if (f.chance(0.4)) {
                out.append(" --").append(f.chance(0.9) ? option.name() : option.name().toUpperCase(java.util.Locale.ROOT));
                if (!option.flag() && f.chance(0.9)) {
                    int words = option.words() ? f.between(1, 3) : 1;
                    for (int i = 0; i < words; i++) {
                        out.append(' ').append(junkWord(f));
                    }
                }
            }
        }
        if (f.chance(0.2)) {
            out.append(" --").append(f.chance(0.5) ? junkWord(f) : "unknown");
        }
        return out.toString();
    }

    /** One word: junk, a word of an example, random letters, a very long word or raw code points. */
    String junkWord(Fuzz f) {
        int kind = f.between(0, 19);
        if (kind < 10) {
            return f.oneOf(JUNK);
        }
        if (kind < 14) {
            String[] words = f.oneOf(entries).spec().example().split(" ");
            return words[f.between(0, words.length - 1)];
        }
        if (kind < 16) {
            return f.word("abcxyzäöü0123456789#@!:-_./|\"'", f.between(1, 12));
        }
        if (kind < 17) {
            return f.word(f.chance(0.5) ? "a" : "é漢🙂<&>", f.between(200, f.chance(0.1) ? 20_000 : 2_000));
        }
        return f.anyCodePoints(f.between(1, 8));
    }

    private String junkTail(Fuzz f, int maxWords) {
        StringBuilder out = new StringBuilder();
        int words = f.between(0, maxWords);
        for (int i = 0; i < words; i++) {
            out.append(f.oneOf(" ", " ", " ", "  ", "\n", "\t")).append(junkWord(f));
        }
        return out.toString();
    }

    /** Leading space, a reply fallback quoting someone, odd case of the name: as clients and people send them. */
    private String decorated(Fuzz f, String text) {
        return switch (f.between(0, 19)) {
            case 0 -> "  " + text;
            case 1 -> "> <@alice:example.org> " + junkWord(f) + "\n> @room\n\n" + text;
            case 2 -> "!" + text.substring(1, Math.min(text.length(), 4)).toUpperCase(java.util.Locale.ROOT)
                    + text.substring(Math.min(text.length(), 4));
            case 3 -> text + "\n" + junkWord(f);
            default -> text;
        };
    }

    /** A message that is not a command (conversation, junk after no prefix, "! ping", "!!!"). */
    String chatter(Fuzz f) {
        return f.oneOf("hello " + junkWord(f), junkWord(f), "! ping", "!!!", "!", "?" + junkWord(f),
                " ! vote", "!\u200Bping");
    }
}
