package org.assemblybot.core.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.testkit.FakeChat;
import org.assemblybot.testkit.MutableClock;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Sub-commands and options declared as data: routing, the gate, usage, did-you-mean and help. */
class SubcommandRoutingTest {
    private static final RoomId ROOM = new RoomId("!assembly:example.org");
    private static final RoomId OTHER = new RoomId("!partner:example.org");
    private static final UserId ALICE = new UserId("@alice:example.org");
    private static final UserId OLGA = new UserId("@olga:example.org");

    private final MutableClock clock = MutableClock.at("2025-03-01T12:00:00Z");
    private final FakeChat chat = new FakeChat();
    private final AtomicReference<CommandContext> last = new AtomicReference<>();
    private final CommandParser parser = new CommandParser("!");

    /** Meetings live in a room and have a creator: #1 by Alice here, #2 by Olga in the partner room. */
    private Target meeting(CommandContext context) {
        return switch (context.arg(0)) {
            case "1" -> new Target("meeting #1", ROOM, ALICE);
            case "2" -> new Target("meeting #2", OTHER, OLGA);
            default -> throw new UserFacingException("There is no meeting #" + context.arg(0) + ".");
        };
    }

    private Reply record(CommandContext context) {
        last.set(context);
        return Reply.text("ran " + context.name());
    }

    private final Command meet = Command.named("meet").aliases("meeting")
            .summary("Meetings.").example("meet plan \"Assembly\" friday 18:00")
            .sub(Command.named("plan").args(ArgSpec.required("title", "what it is"),
                            ArgSpec.rest("time", "when", true))
                    .options(OptionSpec.value("room", "#room", "another room"),
                            OptionSpec.words("until", "<time>", "when it ends"),
                            OptionSpec.flag("quiet", "no notices"))
                    .summary("Plans a meeting.").example("meet plan \"Assembly\" friday 18:00 --quiet")
                    .forOrganizers().handler(this::record))
            .sub(Command.named("list").aliases("ls").summary("Lists meetings.").example("meet list")
                    .handler(this::record))
            .sub(Command.named("cancel").args(ArgSpec.required("id", "which"), ArgSpec.rest("reason", "why", false))
                    .summary("Cancels a meeting.").example("meet cancel 1 rain")
                    .forCreatorOrOrganizers("whoever planned it, and organizers", this::meeting).handler(this::record))
            .sub(Command.named("move").args(ArgSpec.required("id", "which"))
                    .summary("Moves a meeting.").example("meet move 2")
                    .forOrganizersOf("organizers of the room where it was planned", this::meeting)
                    .handler(this::record))
            .build();

    private final Command poll = Command.named("poll").summary("Polls.").example("poll \"Lunch?\"")
            .args(ArgSpec.rest("question", "what to ask", true))
            .options(OptionSpec.words("close", "5m|at <time>", "when it closes"))
            .handler(this::record)
            .sub(Command.named("list").summary("Lists polls.").example("poll list").handler(this::record))
            .build();

    private final CommandRouter router = new CommandRouter("!", List.of(meet, poll),
            OrganizerCheck.byPowerLevel(chat, 50), 50, clock);

    private String run(UserId sender, String body) {
        return router.dispatch(parser.parse(body).orElseThrow(),
                new Invocation(ROOM, sender, new EventId("$e"), clock.instant(), true)).reply().body();
    }

    @Nested
    class Routing {
        @Test
        void aSubcommandRunsUnderItsQualifiedNameWithItsOwnArguments() {
            chat.powerLevel(ROOM, ALICE, 50);
            assertEquals("ran meet plan", run(ALICE, "!meet PLAN \"Assembly\" friday 18:00"));
            assertEquals(List.of("Assembly", "friday 18:00"), last.get().args());
            assertEquals(List.of("Assembly", "friday", "18:00"), last.get().words());
        }

        @Test
        void aliasesOfTheCommandAndOfTheSubcommandWork() {
            assertEquals("ran meet list", run(ALICE, "!meeting ls"));
        }

        @Test
        void wordsThatNameNoSubcommandGoToTheGroupsOwnHandler() {
            assertEquals("ran poll", run(ALICE, "!poll \"Lunch?\" --close at friday 18:00"));
            assertEquals(List.of("Lunch?"), last.get().args());
            assertEquals("at friday 18:00", last.get().option("close"));
            assertEquals("ran poll list", run(ALICE, "!poll list"));
        }

        @Test
        void aMistypedSubcommandGetsDidYouMeanAndTheChoice() {
            String reply = run(ALICE, "!meet plna \"x\" 18:00");
            assertEquals("`!meet` has no `plna`. Did you mean `!meet plan`? It knows `plan`, `list`, `cancel` and "
                    + "`move`.\nExample: `!meet plan \"Assembly\" friday 18:00` · `!help meet` explains each.", reply);
            assertNull(last.get(), "nothing ran");
        }

        @Test
        void noSubcommandAtAllListsTheChoice() {
            assertTrue(run(ALICE, "!meet").startsWith("`!meet` needs one of: `plan`, `list`, `cancel` and `move`."));
            assertEquals("Usage: `!poll <question> [--close 5m|at <time>]`\nExample: `!poll \"Lunch?\"`",
                    run(ALICE, "!poll"), "a group with a handler of its own shows that handler's usage");
        }

        @Test
        void missingArgumentsOfASubcommandShowItsOwnUsage() {
            assertEquals("Usage: `!meet cancel <id> [reason]`\nExample: `!meet cancel 1 rain`", run(ALICE, "!meet cancel"));
        }
    }

    @Nested
    class Gate {
        @Test
        void anOrganizerOnlySubcommandIsRefusedBeforeItsWordsAreRead() {
            assertEquals("`!meet plan` is for organizers (power level 50 or more in this room).",
                    run(ALICE, "!meet plan"));
            assertNull(last.get());
        }

        @Test
        void theCreatorOrAnOrganizerMayActOnTheTarget() {
            assertEquals("ran meet cancel", run(ALICE, "!meet cancel 1"));
            last.set(null);
            assertEquals("Only @alice:example.org, who created meeting #1, and the organizers may use `!meet cancel` "
                    + "on it.", run(OLGA, "!meet cancel 1"));
            assertNull(last.get());
            chat.powerLevel(ROOM, OLGA, 100);
            assertEquals("ran meet cancel", run(OLGA, "!meet cancel 1"));
        }

        @Test
        void organizersOfTheTargetsRoomDecideNotThoseOfThisRoom() {
            chat.powerLevel(ROOM, ALICE, 100);
            assertEquals("`!meet move` is for organizers of the room where it was planned.", run(ALICE, "!meet move 2"));
            chat.powerLevel(OTHER, ALICE, 50);
            assertEquals("ran meet move", run(ALICE, "!meet move 2"));
        }

        @Test
        void aTargetThatDoesNotExistIsExplained() {
            assertEquals("There is no meeting #7.", run(ALICE, "!meet cancel 7"));
        }
    }

    @Nested
    class Options {
        @Test
        void optionsAreTakenOutWhereverTheyStand() {
            chat.powerLevel(ROOM, ALICE, 50);
            run(ALICE, "!meet plan --quiet \"Assembly\" --room #x:example.org friday --until saturday 02:00");
            assertEquals(List.of("Assembly", "friday"), last.get().args());
            assertEquals(Map.of("quiet", "", "room", "#x:example.org", "until", "saturday 02:00"), last.get().options());
            assertTrue(last.get().has("quiet"));
        }

        @Test
        void anUnknownOptionNamesTheKnownOnesAndTheClosest() {
            chat.powerLevel(ROOM, ALICE, 50);
            assertEquals("Unknown option `--untill`; there are --room, --until and --quiet. Did you mean `--until`?\n"
                    + "Usage: `!meet plan <title> <time> [--room #room] [--until <time>] [--quiet]`\n"
                    + "Example: `!meet plan \"Assembly\" friday 18:00 --quiet`",
                    run(ALICE, "!meet plan \"A\" friday --untill 19:00"));
            assertNull(last.get());
        }

        @Test
        void anOptionWithoutItsValueOrGivenTwiceIsRefused() {
            chat.powerLevel(ROOM, ALICE, 50);
            assertTrue(run(ALICE, "!meet plan \"A\" friday --room").startsWith("`--room` needs a value: `--room #room`."));
            assertTrue(run(ALICE, "!meet plan \"A\" friday --quiet --QUIET").startsWith("`--quiet` is given twice."));
            assertNull(last.get());
        }

        @Test
        void withoutDeclaredOptionsDashesArePlainWords() {
            assertEquals("ran meet cancel", run(ALICE, "!meet cancel 1 --no-reason"));
            assertEquals(List.of("1", "--no-reason"), last.get().args());
        }
    }

    @Nested
    class Help {
        @Test
        void helpOfAGroupListsEachSubcommandAndWhoMayUseIt() {
            assertEquals("""
                    `!meet <plan|list|cancel|move>` — Meetings.
                    • `!meet plan <title> <time> [--room #room] [--until <time>] [--quiet]` — Plans a meeting. \
                    (organizers (power level 50 or more in this room))
                    • `!meet list` — Lists meetings. (everyone)
                    • `!meet cancel <id> [reason]` — Cancels a meeting. (whoever planned it, and organizers)
                    • `!meet move <id>` — Moves a meeting. (organizers of the room where it was planned)
                    Also: `!meeting`
                    Example: `!meet plan "Assembly" friday 18:00`
                    Type `!help meet <sub-command>` for one of them.""", run(ALICE, "!help meet"));
        }

        @Test
        void helpOfOneSubcommandExplainsItsArgumentsAndOptions() {
            String text = run(ALICE, "!help meeting PLAN");
            assertTrue(text.startsWith("`!meet plan <title> <time> [--room #room] [--until <time>] [--quiet]` — Plans a meeting."), text);
            assertTrue(text.contains("• `--until <time>`: when it ends"), text);
            assertTrue(text.contains("• `--quiet`: no notices"), text);
            assertTrue(text.endsWith("Who may run it: organizers (power level 50 or more in this room)."), text);
            assertTrue(run(ALICE, "!help meet plna").contains("Did you mean `!meet plan`?"));
        }

        @Test
        void theListShowsAGroupOnce() {
            String text = run(ALICE, "!help");
            assertTrue(text.contains("`!meet <plan|list|cancel|move>` — Meetings."), text);
            assertTrue(text.contains("`!poll <list>` — Polls."), text);
        }
    }

    @Nested
    class Declarations {
        private final CommandHandler nothing = c -> Reply.text("");

        @Test
        void twoSubcommandsMayNotAnswerToOneWord() {
            assertThrows(IllegalArgumentException.class, () -> Command.named("x").summary("s").example("x a")
                    .sub(Command.named("a").summary("s").example("x a").handler(nothing))
                    .sub(Command.named("b").aliases("a").summary("s").example("x b").handler(nothing)).build());
        }

        @Test
        void aGroupDeclaresPermissionsOnItsSubcommandsAndNeedsSomethingToRun() {
            assertThrows(IllegalArgumentException.class, () -> Command.named("x").summary("s").example("x a")
                    .forOrganizers().sub(Command.named("a").summary("s").example("x a").handler(nothing)).build());
            assertThrows(IllegalArgumentException.class, () -> Command.named("x").summary("s").example("x").build());
        }

        @Test
        void aBadSubcommandDeclarationFailsAtStartup() {
            Command bad = Command.named("x").summary("s").example("x a")
                    .sub(Command.named("a").args(ArgSpec.rest("r", "r", false), ArgSpec.required("z", "z"))
                            .summary("s").example("x a").handler(nothing)).build();
            assertThrows(IllegalArgumentException.class, () -> new CommandRouter("!", List.of(bad),
                    (r, u) -> true, 50, clock));
        }
    }
}
