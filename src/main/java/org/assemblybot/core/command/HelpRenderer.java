package org.assemblybot.core.command;

import java.util.List;
import java.util.Optional;
import org.assemblybot.core.text.RichText;
import org.assemblybot.core.text.UserText;

/**
 * Writes help and usage from the command declarations, so they can never drift from what the commands
 * accept. Every command word is shown as a code span; all text goes through {@link RichText}.
 */
public final class HelpRenderer {
    /** Long typed words are cut when echoed back, so a mistyped command cannot make the bot post a wall. */
    private static final int MAX_ECHOED_WORD = 32;

    private final String prefix;
    private final int organizerPowerLevel;

    public HelpRenderer(String prefix, int organizerPowerLevel) {
        this.prefix = prefix;
        this.organizerPowerLevel = organizerPowerLevel;
    }

    /** {@code !tz <zone>}: required arguments in angle brackets, optional ones in square brackets. */
    public String usageLine(CommandSpec spec) {
        StringBuilder line = new StringBuilder(prefix).append(spec.name());
        for (ArgSpec arg : spec.args()) {
            line.append(' ').append(arg.required() ? "<" + arg.name() + ">" : "[" + arg.name() + "]");
        }
        return line.toString();
    }

    public RichText usage(CommandSpec spec) {
        return appendUsage(RichText.create(), spec);
    }

    /** The usage, led by why the words could not be read. */
    public RichText unclosedQuote(CommandSpec spec) {
        RichText out = RichText.create()
                .text("A quote is not closed: put words that belong together between matching quotes.").newline();
        return appendUsage(out, spec);
    }

    private RichText appendUsage(RichText out, CommandSpec spec) {
        return out.text("Usage: ").code(usageLine(spec)).newline()
                .text("Example: ").code(prefix + spec.example());
    }

    /** Who may run a command, as a phrase: "everyone" or "organizers (power level 50 or more in this room)". */
    public String whoMayRun(Permission permission) {
        return switch (permission) {
            case EVERYONE -> "everyone";
            case ORGANIZER -> "organizers (power level " + organizerPowerLevel + " or more in this room)";
        };
    }

    /** All commands, those for everyone first, then those for organizers. */
    public RichText list(List<CommandSpec> specs) {
        RichText out = RichText.create();
        listGroup(out, "Everyone", specs, Permission.EVERYONE);
        listGroup(out, "Organizers", specs, Permission.ORGANIZER);
        return out.text("Type ").code(prefix + "help <command>").text(" for details.");
    }

    private void listGroup(RichText out, String title, List<CommandSpec> specs, Permission permission) {
        List<CommandSpec> group = specs.stream().filter(s -> s.permission() == permission).toList();
        if (group.isEmpty()) {
            return;
        }
        out.bold(title).newline();
        for (CommandSpec spec : group) {
            out.code(usageLine(spec)).text(" — " + spec.summary()).newline();
        }
    }

    /** Everything about one command: usage, summary, arguments, aliases, example, who may run it. */
    public RichText details(CommandSpec spec) {
        RichText out = RichText.create().code(usageLine(spec)).text(" — " + spec.summary()).newline();
        for (ArgSpec arg : spec.args()) {
            out.text("• ").code(arg.name()).text(arg.required() ? "" : " (optional)").text(": " + arg.summary())
                    .newline();
        }
        if (!spec.aliases().isEmpty()) {
            out.text("Also: ");
            for (int i = 0; i < spec.aliases().size(); i++) {
                out.text(i == 0 ? "" : ", ").code(prefix + spec.aliases().get(i));
            }
            out.newline();
        }
        return out.text("Example: ").code(prefix + spec.example()).newline()
                .text("Who may run it: " + whoMayRun(spec.permission()) + ".");
    }

    /** "Unknown command `!foo`. Did you mean `!ping`? Type `!help` for the list." */
    public RichText unknownCommand(String typed, Optional<String> suggestion) {
        RichText out = RichText.create().text("Unknown command ").code(prefix + UserText.quotable(typed, MAX_ECHOED_WORD)).text(". ");
        suggestion.ifPresent(word -> out.text("Did you mean ").code(prefix + word).text("? "));
        return out.text("Type ").code(prefix + "help").text(" for the list.");
    }

}
