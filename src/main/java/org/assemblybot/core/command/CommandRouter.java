package org.assemblybot.core.command;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.text.CodeSpans;
import org.assemblybot.core.text.RichText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs parsed commands: finds the command, checks who may run it, binds the arguments to the declaration
 * and turns every result — including failures — into a reply. It also answers {@code !help} from the
 * declarations of every feature's commands.
 *
 * <p>It decides nothing about which events may run commands ({@code InboundFilter} does), and it does not
 * send: the caller sends the {@link Outcome}'s reply as a notice in the command's thread.
 */
public final class CommandRouter {
    private static final Logger log = LoggerFactory.getLogger(CommandRouter.class);

    private static final CommandSpec HELP = new CommandSpec("help", List.of(),
            List.of(ArgSpec.rest("command", "a command to explain, e.g. tz or sync plan", false)),
            "Lists the commands, or explains one.", "help tz", Permission.EVERYONE);

    private final String prefix;
    private final CommandTable table;
    private final HelpRenderer help;
    private final OrganizerCheck organizers;
    private final Clock clock;

    /**
     * @param organizerPowerLevel the level {@code organizers} checks against; only used in messages
     * @throws IllegalArgumentException when two commands share a name or alias (also with {@code help}), or a
     *                                  declaration is malformed
     */
    public CommandRouter(String prefix, List<Command> commands, OrganizerCheck organizers, int organizerPowerLevel,
                         Clock clock) {
        this.prefix = Objects.requireNonNull(prefix, "prefix");
        this.organizers = Objects.requireNonNull(organizers, "organizers");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.help = new HelpRenderer(prefix, organizerPowerLevel);
        List<Command> all = new ArrayList<>(commands);
        all.add(new Command(HELP, this::help));
        this.table = new CommandTable(all);
    }

    /** The declarations of every command this router runs, {@code help} included. */
    public List<CommandSpec> specs() {
        return table.specs();
    }

    public Outcome dispatch(ParsedCommand parsed, Invocation invocation) {
        Instant receivedAt = clock.instant();
        Optional<Command> found = table.find(parsed.name());
        if (found.isEmpty()) {
            return answer(help.unknownCommand(parsed.name(), table.closest(parsed.name())));
        }
        Command command = found.get();
        List<String> tokens = parsed.tokens();
        if (command.subcommands().isEmpty()) {
            return run(command, command.spec().name(), tokens, parsed, invocation, receivedAt);
        }
        Optional<Command> sub = tokens.isEmpty() ? Optional.empty() : command.subcommand(tokens.get(0));
        if (sub.isPresent()) {
            String name = command.spec().name() + " " + sub.get().spec().name();
            return run(sub.get(), name, tokens.subList(1, tokens.size()), parsed, invocation, receivedAt);
        }
        if (command.handler() != null) {
            return run(command, command.spec().name(), tokens, parsed, invocation, receivedAt);
        }
        String typed = tokens.isEmpty() ? null : tokens.get(0);
        return answer(help.unknownSubcommand(command, typed,
                typed == null ? Optional.empty() : Suggestions.closest(typed, command.subcommandWords())));
    }

    /** Runs one command or sub-command: the gate, the options, the arguments, then the handler. */
    private Outcome run(Command command, String name, List<String> tokens, ParsedCommand parsed, Invocation invocation,
                        Instant receivedAt) {
        CommandSpec spec = command.spec();
        try {
            // Organizers of this room are known before reading any word: refuse first, explain nothing more.
            if (spec.permission() == Permission.ORGANIZER && command.gate() == null
                    && !organizers.isOrganizer(invocation.room(), invocation.sender())) {
                return answer(RichText.create().code(prefix + name)
                        .text(" is for " + help.whoMayRun(Permission.ORGANIZER) + "."));
            }
            if (parsed.unclosedQuote()) {
                return answer(help.unclosedQuote(name, spec));
            }
            OptionParser.Split split;
            try {
                split = OptionParser.split(spec.options(), tokens);
            } catch (OptionParser.Problem problem) {
                return answer(help.usage(name, spec, problem.getMessage()));
            }
            Optional<List<String>> args = ArgumentBinder.bind(spec.args(), split.positional());
            if (args.isEmpty()) {
                return answer(help.usage(name, spec));
            }
            CommandContext context = new CommandContext(invocation.room(), invocation.sender(), invocation.event(),
                    invocation.sentAt(), receivedAt, name, args.get(), invocation.encrypted(), split.positional(),
                    invocation.threadRoot(), split.options());
            if (command.gate() != null) {
                Target target = command.gate().target().resolve(context);
                if (!allowed(spec.permission(), target, invocation.sender())) {
                    return answer(refusal(command, name, target));
                }
            }
            return Outcome.answer(Objects.requireNonNull(command.handler().handle(context), "handler's reply"));
        } catch (UserFacingException e) {
            return answer(CodeSpans.render(Objects.requireNonNullElse(e.getMessage(), "That did not work.")));
        } catch (RuntimeException e) {
            return failure(name, e);
        }
    }

    private boolean allowed(Permission permission, Target target, UserId sender) {
        boolean creator = target.creator() != null && target.creator().equals(sender);
        return (permission == Permission.CREATOR_OR_ORGANIZER && creator) || organizers.isOrganizer(target.room(), sender);
    }

    private RichText refusal(Command command, String name, Target target) {
        if (command.spec().permission() == Permission.CREATOR_OR_ORGANIZER && target.creator() != null) {
            return RichText.create().text("Only " + target.creator().value() + ", who created " + target.label()
                    + ", and the organizers may use ").code(prefix + name).text(" on it.");
        }
        return RichText.create().code(prefix + name).text(" is for " + help.whoMayRun(command) + ".");
    }

    /**
     * Logs only the command name and the exception: the body and arguments may be private (P2). The id links
     * the apology in the room to the log entry.
     */
    private Outcome failure(String name, RuntimeException e) {
        String errorId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        log.error("Command {}{} failed (error id {})", prefix, name, errorId, e);
        RichText apology = RichText.create().text("Sorry, something went wrong handling ")
                .code(prefix + name).text(" (error id " + errorId
                        + "). The organizers can find details in the bot's log.");
        return Outcome.failure(Reply.of(apology), errorId);
    }

    private Reply help(CommandContext context) {
        List<String> words = context.words();
        if (words.isEmpty()) {
            return Reply.of(help.list(table.commands()));
        }
        // Accept both "!help tz" and "!help !tz".
        String asked = words.get(0);
        String word = (asked.startsWith(prefix) ? asked.substring(prefix.length()) : asked).toLowerCase(Locale.ROOT);
        Optional<Command> found = table.find(word);
        if (found.isEmpty()) {
            return Reply.of(help.unknownCommand(word, table.closest(word)));
        }
        Command command = found.get();
        if (words.size() > 1 && !command.subcommands().isEmpty()) {
            String typed = words.get(1);
            return command.subcommand(typed)
                    .map(sub -> Reply.of(help.details(command.spec().name() + " " + sub.spec().name(), sub)))
                    .orElseGet(() -> Reply.of(help.unknownSubcommand(command, typed,
                            Suggestions.closest(typed, command.subcommandWords()))));
        }
        return Reply.of(help.details(command));
    }

    private static Outcome answer(RichText text) {
        return Outcome.answer(Reply.of(text));
    }
}
