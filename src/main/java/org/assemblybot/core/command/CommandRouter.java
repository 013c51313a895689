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
            List.of(ArgSpec.optional("command", "a command to explain, e.g. tz")),
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
        CommandSpec spec = command.spec();
        try {
            if (spec.permission() == Permission.ORGANIZER
                    && !organizers.isOrganizer(invocation.room(), invocation.sender())) {
                return answer(RichText.create().code(prefix + spec.name())
                        .text(" is for " + help.whoMayRun(Permission.ORGANIZER) + "."));
            }
            if (parsed.unclosedQuote()) {
                return answer(help.unclosedQuote(spec));
            }
            Optional<List<String>> args = ArgumentBinder.bind(spec.args(), parsed.tokens());
            if (args.isEmpty()) {
                return answer(help.usage(spec));
            }
            CommandContext context = new CommandContext(invocation.room(), invocation.sender(), invocation.event(),
                    invocation.sentAt(), receivedAt, spec.name(), args.get(), invocation.encrypted(), parsed.tokens(),
                    invocation.threadRoot());
            return Outcome.answer(Objects.requireNonNull(command.handler().handle(context), "handler's reply"));
        } catch (UserFacingException e) {
            return answer(CodeSpans.render(Objects.requireNonNullElse(e.getMessage(), "That did not work.")));
        } catch (RuntimeException e) {
            return failure(spec, e);
        }
    }

    /**
     * Logs only the command name and the exception: the body and arguments may be private (P2). The id links
     * the apology in the room to the log entry.
     */
    private Outcome failure(CommandSpec spec, RuntimeException e) {
        String errorId = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        log.error("Command {}{} failed (error id {})", prefix, spec.name(), errorId, e);
        RichText apology = RichText.create().text("Sorry, something went wrong handling ")
                .code(prefix + spec.name()).text(" (error id " + errorId
                        + "). The organizers can find details in the bot's log.");
        return Outcome.failure(Reply.of(apology), errorId);
    }

    private Reply help(CommandContext context) {
        String asked = context.arg(0);
        if (asked == null) {
            return Reply.of(help.list(table.specs()));
        }
        // Accept both "!help tz" and "!help !tz".
        String word = (asked.startsWith(prefix) ? asked.substring(prefix.length()) : asked).toLowerCase(Locale.ROOT);
        return table.find(word)
                .map(command -> Reply.of(help.details(command.spec())))
                .orElseGet(() -> Reply.of(help.unknownCommand(word, table.closest(word))));
    }

    private static Outcome answer(RichText text) {
        return Outcome.answer(Reply.of(text));
    }
}
