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

    /** {@code !tz <zone>}: required arguments in angle brackets, optional ones and options in square brackets. */
    public String usageLine(CommandSpec spec) {
        return usageLine(spec.name(), spec);
    }

    /** The usage of a command under a given (e.g. sub-command qualified) name: {@code !sync cancel <id> [reason]}. */
    public String usageLine(String name, CommandSpec spec) {
        StringBuilder line = new StringBuilder(prefix).append(name);
        for (ArgSpec arg : spec.args()) {
            line.append(' ').append(arg.usage());
        }
        for (OptionSpec option : spec.options()) {
            line.append(' ').append(option.usage());
        }
        return line.toString();
    }

    /** The usage of a group: its sub-commands, each with its own words. */
    public String subcommandChoice(Command group) {
        return prefix + group.spec().name() + " <" + String.join("|",
                group.subcommands().stream().map(sub -> sub.spec().name()).toList()) + ">";
    }

    public RichText usage(CommandSpec spec) {
        return appendUsage(RichText.create(), spec.name(), spec);
    }

    public RichText usage(String name, CommandSpec spec) {
        return appendUsage(RichText.create(), name, spec);
    }

    /** The usage, led by why the words could not be read (e.g. an unknown option). */
    public RichText usage(String name, CommandSpec spec, String problem) {
        return appendUsage(org.assemblybot.core.text.CodeSpans.render(problem).newline(), name, spec);
    }

    /** The usage, led by why the words could not be read. */
    public RichText unclosedQuote(CommandSpec spec) {
        return unclosedQuote(spec.name(), spec);
    }

    public RichText unclosedQuote(String name, CommandSpec spec) {
        RichText out = RichText.create()
                .text("A quote is not closed: put words that belong together between matching quotes.").newline();
        return appendUsage(out, name, spec);
    }

    private RichText appendUsage(RichText out, String name, CommandSpec spec) {
        return out.text("Usage: ").code(usageLine(name, spec)).newline()
                .text("Example: ").code(prefix + spec.example());
    }

    /** Who may run a command, as a phrase: "everyone" or "organizers (power level 50 or more in this room)". */
    public String whoMayRun(Permission permission) {
        return switch (permission) {
            case EVERYONE -> "everyone";
            case ORGANIZER -> "organizers (power level " + organizerPowerLevel + " or more in this room)";
            case CREATOR_OR_ORGANIZER -> "whoever created it, and organizers";
        };
    }

    /** Who may run this command or sub-command, with the gate's own words where it has one. */
    public String whoMayRun(Command command) {
        return command.gate() != null ? command.gate().whoMay() : whoMayRun(command.spec().permission());
    }

    /** All commands, those for everyone first, then those for organizers. */
    public RichText list(List<Command> commands) {
        RichText out = RichText.create();
        listGroup(out, "Everyone", commands, false);
        listGroup(out, "Organizers", commands, true);
        return out.text("Type ").code(prefix + "help <command>").text(" for details.");
    }

    private void listGroup(RichText out, String title, List<Command> commands, boolean organizers) {
        List<Command> group = commands.stream().filter(c -> onlyForOrganizers(c) == organizers).toList();
        if (group.isEmpty()) {
            return;
        }
        out.bold(title).newline();
        for (Command command : group) {
            String usage = command.subcommands().isEmpty() ? usageLine(command.spec()) : subcommandChoice(command);
            out.code(usage).text(" — " + command.spec().summary()).newline();
        }
    }

    private static boolean onlyForOrganizers(Command command) {
        if (command.subcommands().isEmpty()) {
            return command.spec().permission() != Permission.EVERYONE;
        }
        return command.handler() == null
                && command.subcommands().stream().allMatch(sub -> sub.spec().permission() != Permission.EVERYONE);
    }

    /** Everything about one command: usage, summary, arguments, options, sub-commands, aliases, example, who. */
    public RichText details(Command command) {
        CommandSpec spec = command.spec();
        if (command.subcommands().isEmpty()) {
            return details(spec.name(), command);
        }
        RichText out = RichText.create().code(subcommandChoice(command)).text(" — " + spec.summary()).newline();
        if (command.handler() != null) {
            out.text("• ").code(usageLine(spec)).text(" (" + whoMayRun(command) + ")").newline();
        }
        for (Command sub : command.subcommands()) {
            out.text("• ").code(usageLine(spec.name() + " " + sub.spec().name(), sub.spec()))
                    .text(" — " + sub.spec().summary() + " (" + whoMayRun(sub) + ")").newline();
        }
        appendAliases(out, spec);
        return out.text("Example: ").code(prefix + spec.example()).newline()
                .text("Type ").code(prefix + "help " + spec.name() + " <sub-command>").text(" for one of them.");
    }

    /** One command or sub-command under its full name ({@code sync cancel}). */
    public RichText details(String name, Command command) {
        CommandSpec spec = command.spec();
        RichText out = RichText.create().code(usageLine(name, spec)).text(" — " + spec.summary()).newline();
        for (ArgSpec arg : spec.args()) {
            out.text("• ").code(arg.name()).text(arg.required() ? "" : " (optional)").text(": " + arg.summary())
                    .newline();
        }
        for (OptionSpec option : spec.options()) {
            out.text("• ").code("--" + option.name() + (option.flag() ? "" : " " + option.value()))
                    .text(": " + option.summary()).newline();
        }
        appendAliases(out, spec);
        return out.text("Example: ").code(prefix + spec.example()).newline()
                .text("Who may run it: " + whoMayRun(command) + ".");
    }

    private void appendAliases(RichText out, CommandSpec spec) {
        if (!spec.aliases().isEmpty()) {
            out.text("Also: ");
            for (int i = 0; i < spec.aliases().size(); i++) {
                out.text(i == 0 ? "" : ", ").code(prefix + spec.aliases().get(i));
            }
            out.newline();
        }
    }

    /** "Unknown command `!foo`. Did you mean `!ping`? Type `!help` for the list." */
    public RichText unknownCommand(String typed, Optional<String> suggestion) {
        RichText out = RichText.create().text("Unknown command ").code(prefix + UserText.quotable(typed, MAX_ECHOED_WORD)).text(". ");
        suggestion.ifPresent(word -> out.text("Did you mean ").code(prefix + word).text("? "));
        return out.text("Type ").code(prefix + "help").text(" for the list.");
    }

    /** "`!sync` has no `plna`. Did you mean `!sync plan`? It knows …" — or, with no word typed, the choice. */
    public RichText unknownSubcommand(Command group, String typed, Optional<String> suggestion) {
        String name = group.spec().name();
        RichText out = RichText.create();
        if (typed == null) {
            out.code(prefix + name).text(" needs one of: ");
        } else {
            out.code(prefix + name).text(" has no ").code(UserText.quotable(typed, MAX_ECHOED_WORD)).text(". ");
            suggestion.ifPresent(word -> out.text("Did you mean ").code(prefix + name + " " + word).text("? "));
            out.text("It knows ");
        }
        List<Command> subs = group.subcommands();
        for (int i = 0; i < subs.size(); i++) {
            out.text(i == 0 ? "" : i == subs.size() - 1 ? " and " : ", ").code(subs.get(i).spec().name());
        }
        return out.text(".").newline().text("Example: ").code(prefix + group.spec().example()).text(" · ")
                .code(prefix + "help " + name).text(" explains each.");
    }
}
