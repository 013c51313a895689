package org.assemblybot.core.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.testkit.FakeChat;
import org.assemblybot.testkit.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class CommandRouterTest {
    private static final RoomId ROOM = new RoomId("!assembly:example.org");
    private static final UserId ALICE = new UserId("@alice:example.org");
    private static final UserId CAROL = new UserId("@carol:example.org");

    private final MutableClock clock = MutableClock.at("2025-03-01T12:00:00Z");
    private final FakeChat chat = new FakeChat();
    private final AtomicReference<CommandContext> lastContext = new AtomicReference<>();
    private final CommandParser parser = new CommandParser("!");
    private CommandRouter router;

    @BeforeEach
    void setUp() {
        router = new CommandRouter("!", commands(), OrganizerCheck.byPowerLevel(chat, 50), 50, clock);
    }

    private List<Command> commands() {
        List<Command> list = new ArrayList<>();
        list.add(command(new CommandSpec("ping", List.of(), List.of(), "Checks that the bot answers.", "ping",
                Permission.EVERYONE)));
        list.add(command(new CommandSpec("tz", List.of("timezone"),
                List.of(ArgSpec.required("zone", "an IANA region id such as Europe/Berlin")),
                "Sets this room's time zone.", "tz Europe/Berlin", Permission.ORGANIZER)));
        list.add(command(new CommandSpec("remind", List.of(), List.of(ArgSpec.required("when", "a time"),
                ArgSpec.rest("text", "what to say", true)), "Reminds the room.", "remind 18:00 Bring chairs",
                Permission.EVERYONE)));
        list.add(command(new CommandSpec("agenda", List.of(), List.of(ArgSpec.optional("day", "which day")),
                "Shows the agenda.", "agenda monday", Permission.EVERYONE)));
        list.add(new Command(new CommandSpec("refuse", List.of(), List.of(ArgSpec.optional("what", "anything")),
                "Always refuses.", "refuse", Permission.EVERYONE), ctx -> {
                    throw new UserFacingException("No <b>way</b>, try `!ping` instead");
                }));
        list.add(new Command(new CommandSpec("crash", List.of(), List.of(ArgSpec.rest("text", "anything", false)),
                "Always fails.", "crash", Permission.EVERYONE), ctx -> {
                    throw new IllegalStateException("database on fire");
                }));
        return list;
    }

    private Command command(CommandSpec spec) {
        return new Command(spec, ctx -> {
            lastContext.set(ctx);
            return Reply.text("ran " + ctx.name());
        });
    }

    private Outcome run(String body) {
        return run(body, ALICE);
    }

    private Outcome run(String body, UserId sender) {
        ParsedCommand parsed = parser.parse(body).orElseThrow();
        return router.dispatch(parsed, new Invocation(ROOM, sender, new EventId("$cmd"),
                clock.instant().minusMillis(40), true));
    }

    private static String body(Outcome outcome) {
        return outcome.reply().body();
    }

    @Nested
    class Running {
        @Test
        void runsACommandWithItsBoundContext() {
            Outcome outcome = run("!ping");
            assertEquals("ran ping", body(outcome));
            assertFalse(outcome.internalError());
            assertNull(outcome.errorId());
            CommandContext ctx = lastContext.get();
            assertEquals(ROOM, ctx.room());
            assertEquals(ALICE, ctx.sender());
            assertEquals(new EventId("$cmd"), ctx.event());
            assertEquals(clock.instant(), ctx.receivedAt(), "receive time comes from the injected clock");
            assertEquals(clock.instant().minusMillis(40), ctx.sentAt());
            assertTrue(ctx.encrypted());
        }

        @Test
        void aliasesRunTheCommandUnderItsName() {
            chat.powerLevel(ROOM, ALICE, 50);
            run("!TimeZone Europe/Berlin");
            assertEquals("tz", lastContext.get().name());
            assertEquals(List.of("Europe/Berlin"), lastContext.get().args());
        }

        @Test
        void theRestArgumentJoinsTheRemainingWordsWithSingleSpaces() {
            run("!remind 18:00   Bring   \"two chairs\"");
            assertEquals(List.of("18:00", "Bring two chairs"), lastContext.get().args());
        }

        @Test
        void anOmittedOptionalArgumentIsAbsent() {
            run("!agenda");
            assertEquals(List.of(), lastContext.get().args());
            assertNull(lastContext.get().arg(0));
        }
    }

    @Nested
    class UnknownCommands {
        @Test
        void suggestsTheClosestName() {
            assertEquals("Unknown command `!pnig`. Did you mean `!ping`? Type `!help` for the list.",
                    body(run("!pnig")));
        }

        @Test
        void suggestsAliasesToo() {
            assertTrue(body(run("!timezon")).contains("Did you mean `!timezone`?"));
        }

        @Test
        void suggestsACommandTheWordStarts() {
            assertTrue(body(run("!remi")).contains("Did you mean `!remind`?"));
        }

        @Test
        void withoutAnyCloseNameOnlyPointsToHelp() {
            assertEquals("Unknown command `!frobnicate`. Type `!help` for the list.", body(run("!frobnicate")));
        }

        @Test
        void aShortWordIsNotCloseToEveryShortCommand() {
            assertFalse(body(run("!xy")).contains("Did you mean"));
        }

        @Test
        void theTypedWordIsEscapedAndCut() {
            Outcome outcome = run("!x<script>alert(1)</script>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa");
            assertFalse(outcome.reply().html().contains("<script>"));
            assertTrue(outcome.reply().html().contains("<code>!x&lt;script&gt;"));
            assertTrue(body(outcome).contains("…`"));
        }
    }

    @Nested
    class Permissions {
        @Test
        void refusesOrganizerCommandsToOthers() {
            chat.powerLevel(ROOM, ALICE, 49);
            assertEquals("`!tz` is for organizers (power level 50 or more in this room).",
                    body(run("!tz Europe/Berlin")));
            assertNull(lastContext.get());
        }

        @Test
        void refusesBeforeLookingAtArguments() {
            assertTrue(body(run("!tz")).contains("is for organizers"));
        }

        @Test
        void letsOrganizersRunThem() {
            chat.powerLevel(ROOM, ALICE, 50);
            assertEquals("ran tz", body(run("!tz Europe/Berlin")));
        }

        @Test
        void letsRoomCreatorsRunThemWhateverTheUsersMapSays() {
            chat.creator(ROOM, CAROL);
            assertEquals("ran tz", body(run("!tz Europe/Berlin", CAROL)));
        }

        @Test
        void usesTheRoomsDefaultLevel() {
            chat.usersDefault(ROOM, 50);
            assertEquals("ran tz", body(run("!tz Europe/Berlin", CAROL)));
        }
    }

    @Nested
    class Usage {
        @Test
        void aMissingRequiredArgumentShowsUsageAndExample() {
            chat.powerLevel(ROOM, ALICE, 100);
            assertEquals("Usage: `!tz <zone>`\nExample: `!tz Europe/Berlin`", body(run("!tz")));
            assertNull(lastContext.get());
        }

        @Test
        void tooManyArgumentsShowUsage() {
            chat.powerLevel(ROOM, ALICE, 100);
            assertTrue(body(run("!tz Europe/Berlin now")).startsWith("Usage: `!tz <zone>`"));
        }

        @Test
        void optionalArgumentsAreShownInSquareBrackets() {
            assertTrue(body(run("!agenda monday tuesday")).startsWith("Usage: `!agenda [day]`"));
        }

        @Test
        void aMissingRestArgumentShowsUsage() {
            assertTrue(body(run("!remind 18:00")).startsWith("Usage: `!remind <when> <text>`"));
        }

        @Test
        void anUnclosedQuoteExplainsAndShowsUsage() {
            String text = body(run("!remind 18:00 \"Bring chairs"));
            assertTrue(text.startsWith("A quote is not closed"), text);
            assertTrue(text.contains("Usage: `!remind <when> <text>`"), text);
            assertNull(lastContext.get());
        }
    }

    @Nested
    class Failures {
        private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
        private final Logger routerLog = (Logger) LoggerFactory.getLogger(CommandRouter.class);

        @BeforeEach
        void captureLogs() {
            // The most verbose level, as P2 asks; not additive, so expected errors stay out of the build output.
            routerLog.setLevel(Level.TRACE);
            routerLog.setAdditive(false);
            logs.start();
            routerLog.addAppender(logs);
        }

        @AfterEach
        void releaseLogs() {
            routerLog.detachAppender(logs);
            routerLog.setLevel(null);
            routerLog.setAdditive(true);
        }

        @Test
        void aUserFacingMessageIsTheReplyEscaped() {
            Outcome outcome = run("!refuse");
            assertEquals("No <b>way</b>, try `!ping` instead", body(outcome));
            assertEquals("No &lt;b&gt;way&lt;/b&gt;, try <code>!ping</code> instead", outcome.reply().html());
            assertFalse(outcome.internalError());
            assertTrue(logs.list.isEmpty(), "a refusal is not an error");
        }

        @Test
        void anyOtherFailureApologisesWithAnErrorIdAndLogsIt() {
            Outcome outcome = run("!crash canary-secret-4711 @room");
            assertTrue(outcome.internalError());
            assertTrue(outcome.errorId().matches("[0-9a-f]{8}"), outcome.errorId());
            assertEquals("Sorry, something went wrong handling `!crash` (error id " + outcome.errorId()
                    + "). The organizers can find details in the bot's log.", body(outcome));

            assertEquals(1, logs.list.size());
            ILoggingEvent entry = logs.list.get(0);
            assertEquals(Level.ERROR, entry.getLevel());
            String logged = entry.getFormattedMessage() + ThrowableProxyUtil.asString(entry.getThrowableProxy());
            assertTrue(logged.contains(outcome.errorId()));
            assertTrue(logged.contains("!crash"));
            assertTrue(logged.contains("database on fire"), "the exception is logged");
            assertFalse(logged.contains("canary-secret-4711"), "arguments must never be logged");
            assertFalse(logged.contains("@room"));
        }

        @Test
        void errorIdsDiffer() {
            assertFalse(run("!crash").errorId().equals(run("!crash").errorId()));
        }

        @Test
        void aHandlerReturningNothingIsAnInternalError() {
            CommandRouter broken = new CommandRouter("!", List.of(new Command(new CommandSpec("void", List.of(),
                    List.of(), "Returns null.", "void", Permission.EVERYONE), ctx -> null)),
                    (room, user) -> false, 50, clock);
            Outcome outcome = broken.dispatch(new ParsedCommand("void", List.of(), ""),
                    new Invocation(ROOM, ALICE, new EventId("$x"), clock.instant(), false));
            assertTrue(outcome.internalError());
        }

        @Test
        void aFailingPermissionLookupIsAnInternalError() {
            CommandRouter broken = new CommandRouter("!", commands(), (room, user) -> {
                throw new IllegalStateException("power levels unavailable");
            }, 50, clock);
            Outcome outcome = broken.dispatch(new ParsedCommand("tz", List.of("Europe/Berlin"), "Europe/Berlin"),
                    new Invocation(ROOM, ALICE, new EventId("$x"), clock.instant(), false));
            assertTrue(outcome.internalError());
            assertNotNull(outcome.errorId());
        }
    }

    @Nested
    class Help {
        @Test
        void listsEveryCommandGroupedByWhoMayRunIt() {
            String text = body(run("!help"));
            assertEquals("""
                    Everyone
                    `!ping` — Checks that the bot answers.
                    `!remind <when> <text>` — Reminds the room.
                    `!agenda [day]` — Shows the agenda.
                    `!refuse [what]` — Always refuses.
                    `!crash [text]` — Always fails.
                    `!help [command]` — Lists the commands, or explains one.
                    Organizers
                    `!tz <zone>` — Sets this room's time zone.
                    Type `!help <command>` for details.""", text);
            assertTrue(run("!help").reply().html().startsWith("<strong>Everyone</strong><br><code>!ping</code>"));
        }

        @Test
        void explainsOneCommandFromItsDeclaration() {
            assertEquals("""
                    `!tz <zone>` — Sets this room's time zone.
                    • `zone`: an IANA region id such as Europe/Berlin
                    Also: `!timezone`
                    Example: `!tz Europe/Berlin`
                    Who may run it: organizers (power level 50 or more in this room).""", body(run("!help tz")));
        }

        @Test
        void marksOptionalArgumentsAndEveryone() {
            String text = body(run("!help agenda"));
            assertTrue(text.contains("• `day` (optional): which day"), text);
            assertTrue(text.endsWith("Who may run it: everyone."), text);
            assertFalse(text.contains("Also:"));
        }

        @Test
        void acceptsAliasesAndThePrefix() {
            assertEquals(body(run("!help tz")), body(run("!help timezone")));
            assertEquals(body(run("!help tz")), body(run("!help !TZ")));
        }

        @Test
        void suggestsTheClosestForAnUnknownCommand() {
            assertEquals("Unknown command `!remnid`. Did you mean `!remind`? Type `!help` for the list.",
                    body(run("!help remnid")));
        }

        @Test
        void specsIncludeHelp() {
            assertTrue(router.specs().stream().anyMatch(s -> s.name().equals("help")));
        }
    }

    @Nested
    class Construction {
        private final CommandHandler nothing = ctx -> Reply.text("");

        private CommandSpec spec(String name, List<String> aliases, List<ArgSpec> args) {
            return new CommandSpec(name, aliases, args, "s", name, Permission.EVERYONE);
        }

        private void build(Command... commands) {
            new CommandRouter("!", List.of(commands), (r, u) -> true, 50, clock);
        }

        @Test
        void rejectsADuplicateAlias() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> build(
                    new Command(spec("tz", List.of("zone"), List.of()), nothing),
                    new Command(spec("zone", List.of(), List.of()), nothing)));
            assertTrue(e.getMessage().contains("'zone'"), e.getMessage());
        }

        @Test
        void rejectsADuplicateName() {
            assertThrows(IllegalArgumentException.class, () -> build(
                    new Command(spec("ping", List.of(), List.of()), nothing),
                    new Command(spec("ping", List.of(), List.of()), nothing)));
        }

        @Test
        void rejectsAFeatureCommandCalledHelp() {
            assertThrows(IllegalArgumentException.class,
                    () -> build(new Command(spec("help", List.of(), List.of()), nothing)));
        }

        @Test
        void rejectsUpperCaseOrSpacedNames() {
            assertThrows(IllegalArgumentException.class,
                    () -> build(new Command(spec("Ping", List.of(), List.of()), nothing)));
            assertThrows(IllegalArgumentException.class,
                    () -> build(new Command(spec("ping", List.of("p p"), List.of()), nothing)));
        }

        @Test
        void rejectsARestArgumentThatIsNotLast() {
            assertThrows(IllegalArgumentException.class, () -> build(new Command(spec("x", List.of(),
                    List.of(ArgSpec.rest("a", "a", true), ArgSpec.required("b", "b"))), nothing)));
        }

        @Test
        void rejectsARequiredArgumentAfterAnOptionalOne() {
            assertThrows(IllegalArgumentException.class, () -> build(new Command(spec("x", List.of(),
                    List.of(ArgSpec.optional("a", "a"), ArgSpec.required("b", "b"))), nothing)));
        }
    }

    @Test
    void theReceiveTimeFollowsTheClock() {
        clock.advance(Duration.ofSeconds(5));
        run("!ping");
        assertEquals(Instant.parse("2025-03-01T12:00:05Z"), lastContext.get().receivedAt());
    }
}
