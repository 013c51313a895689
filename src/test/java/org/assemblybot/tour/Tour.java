package org.assemblybot.tour;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.testkit.BotScene;
import org.assemblybot.testkit.Person;

/**
 * A guided tour for a newcomer without a Matrix client: two scripted people, alice (who organizes) and bea, in an
 * encrypted room with the bot, walk through a vote, a synchronized action with its GO, a debrief signup after it
 * and a rotation handover, and the room is printed as a client shows it ({@link TranscriptPrinter}). Nothing is
 * staged: the bot is the packaged jar in its own JVM on a real homeserver, and every line of the bot's is what
 * alice's (or, for her direct messages, bea's) client received and decrypted. Run by {@code scripts/demo --tour};
 * {@code TourIT} runs it too.
 */
public final class Tour {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Pattern OFFERED_DEBRIEF = Pattern.compile("`(!debrief start \\d+ [^`]+)`");

    private final Person alice;
    private final Person bea;
    private final RoomId room;
    private final UserId bot;
    private final TranscriptPrinter printer;

    private Tour(BotScene scene, Person bea, RoomId room, TranscriptPrinter printer) {
        this.alice = scene.person();
        this.bea = bea;
        this.room = room;
        this.bot = scene.bot();
        this.printer = printer;
    }

    /** {@code Tour [work dir]}: prints the tour; exits with 0 when every job showed what it should, else 1. */
    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "target/tour").toAbsolutePath();
        int code = 0;
        try {
            run(System.out, dir);
        } catch (Throwable e) {
            System.out.flush();
            System.err.println("\ntour failed: " + e.getMessage());
            System.err.println("the bot's log: " + dir.resolve("bot-1.log"));
            code = 1;
        }
        // The people's clients keep threads of their own: end the JVM (its shutdown hook stops the homeserver).
        System.exit(code);
    }

    /**
     * Runs the whole tour in {@code dir} (new or empty), printing to {@code out}; returns the transcript with its
     * long lines whole. Throws an {@link AssertionError} naming what the bot did not do in time.
     */
    public static String run(PrintStream out, Path dir) {
        long started = System.nanoTime();
        TranscriptPrinter printer = new TranscriptPrinter(out);
        printer.say("assembly-bot tour: starting a throwaway homeserver and the bot (the packaged jar, in its own JVM)…");
        try (BotScene scene = BotScene.start(dir, Map.of(), "", "alice");
             Person bea = Person.login(scene.homeserver(), scene.homeserver().register("bea"), dir.resolve("bea"))) {
            // Ctrl-C ends this JVM without closing the scene: the bot's JVM must not outlive it.
            Thread stopBot = new Thread(() -> scene.process().close());
            Runtime.getRuntime().addShutdownHook(stopBot);
            try {
                walk(scene, bea, printer);
            } finally {
                Runtime.getRuntime().removeShutdownHook(stopBot);
            }
        }
        printer.say("\nThat was the tour (" + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s). With a "
                + "Matrix client of your own, scripts/demo starts the bot for you to talk to.");
        return printer.text();
    }

    /** Names the people, watches both clients and walks through the four jobs in one encrypted room. */
    private static void walk(BotScene scene, Person bea, TranscriptPrinter printer) {
        printer.name(scene.person().id(), "alice");
        printer.name(bea.id(), "bea");
        printer.name(scene.bot(), "bot");
        scene.person().watch(event -> printer.received(event, scene.person().id()));
        bea.watch(event -> printer.received(event, bea.id()));
        printer.say("The bot is ready (" + scene.process().startupTime().toMillis() / 1000 + " s). alice creates an "
                + "encrypted room, invites the bot and bea.\nTimes are the homeserver's, in UTC; people appear by "
                + "name, as a client shows them; ✉ marks a direct message.\n");
        RoomId room = scene.person().createRoom("assembly", true, scene.bot(), bea.id());
        printer.room(room, "assembly");
        Tour tour = new Tour(scene, bea, room, printer);
        tour.joined();
        tour.vote();
        tour.synchronizedAction();
        tour.debrief();
        tour.rotation();
    }

    /** Both are in, and alice's client has shown it (before the first section begins). */
    private void joined() {
        for (UserId member : List.of(bot, bea.id())) {
            try {
                alice.awaitMembership(room, member, "join", WAIT);
            } catch (AssertionError e) {
                throw new AssertionError(member + " did not join the room within " + WAIT.toSeconds() + " s", e);
            }
        }
    }

    private void vote() {
        printer.section(1, "A quick vote", """
                alice asks where to meet; the bot opens a native poll (clients without polls get the text).
                bea answers in the poll, alice by command; the turnout message is edited in place; alice closes it.""");
        aliceTypes("!vote \"Where do we meet next week?\" Park Library");
        ChatEvent.Message poll = awaitBot(m -> fromBot(m) && m.msgtype().endsWith("poll.start"), "open a poll");
        botSays("Vote #1 is open");
        bea.chat().respondToPoll(room, "tour-" + UUID.randomUUID(), poll.id(), List.of("2"));
        ChatEvent.Message turnout = botSays("members have voted so far");
        aliceTypes("!v 1 Park");
        botEdits(turnout, "2 of 2 members have voted so far");
        aliceTypes("!vote close 1");
        botSays("Results of Vote #1");
        botEdits(turnout, "Results of Vote #1");
    }

    private void synchronizedAction() {
        Instant t0 = Instant.now().plusSeconds(35).truncatedTo(ChronoUnit.SECONDS);
        printer.section(2, "A synchronized action with its GO", """
                alice plans a minute of silence 35 seconds ahead (rooms in other cities could join; times show in
                their zones). bea takes part with ✋; a T-minus notice, a countdown edited in place, the GO, the END.""");
        aliceTypes("!sync plan \"Minute of silence\" " + t0 + " --zones Europe/Kyiv,America/Bogota --notices 20s "
                + "--duration 5s");
        botSays("Planned #1");
        ChatEvent.Message announcement = botSays("Synchronized action #1");
        bea.chat().react(room, "tour-" + UUID.randomUUID(), announcement.id(), "\u270B");
        botEdits(announcement, "1 person in 1 group so far");
        botSays("GO in 20 seconds");
        ChatEvent.Message countdown = botSays("\u23F1");
        ChatEvent.Message go = botSays("GO — Minute of silence");
        botEdits(countdown, "GO now.");
        botSays("ends now");
        long late = Duration.between(t0, go.sentAt()).toMillis();
        printer.say("   (the homeserver stamped the GO " + Math.abs(late) + " ms " + (late < 0 ? "before" : "after")
                + " T0)");
    }

    private void debrief() {
        printer.section(3, "A debrief signup", """
                When an action is over the bot offers a debrief. alice takes the offer and offers a micro-role
                (comms, two people); bea signs up, and the board of roles is edited in place.""");
        ChatEvent.Message offer = botSays("is over. Harvest it");
        Matcher offered = OFFERED_DEBRIEF.matcher(offer.body());
        if (!offered.find()) {
            throw new AssertionError("the debrief offer names no command to type");
        }
        aliceTypes(offered.group(1));
        botSays("📋 Debrief #1");
        aliceTypes("!debrief roles add comms 2");
        ChatEvent.Message board = botSays("Micro-roles from debrief");
        beaTypes("!signup comms");
        botSays("🙌 You hold comms");
        botEdits(board, "comms 1/2");
    }

    private void rotation() {
        printer.section(4, "A rotation handover, on a fast clock", """
                A role that rotates assembly by assembly. Real assemblies are days apart; here three one-off
                assemblies are 45 s, 75 s and a day away, so that one handover happens while you watch (the bot
                shows times to the minute: a term of 30 seconds may read "from 18:43 until 18:43").
                alice holds the role first; at her assembly bea, next in line, is asked and accepts; at the next
                assembly bea takes over. The pinned roster is one message, edited in place.""");
        aliceTypes("!assembly add in 45s --notices 20s");
        botSays("One-off assembly");
        aliceTypes("!assembly add in 75s --notices none");
        botSays("One-off assembly", 2);
        aliceTypes("!assembly add in 1d --notices none");
        botSays("One-off assembly", 3);
        aliceTypes("!role add Facilitation --term assembly --checklist \"bring the keys; print the agenda\"");
        botSays("Role Facilitation added");
        aliceTypes("!role volunteer Facilitation");
        ChatEvent.Message roster = botSays("🔄 Roles");
        botSays("You are in the pool for Facilitation (1 person)");
        beaTypes("!role volunteer Facilitation");
        botEdits(roster, "next in line: " + bea.id().value());
        botSays("📅 Assembly in");
        ChatEvent.Message asked = botSays("you are next in line");
        beaTypes("!role accept Facilitation");
        botSays("Thank you: you take Facilitation");
        botEdits(asked, "accepted");
        botSays("🔄 Handover");
        botEdits(roster, "): " + bea.id().value() + " until");
    }

    /** Every line in the transcript comes from a client: alice's own client shows what she typed, too. */
    private void aliceTypes(String command) {
        alice.say(room, command);
    }

    private void beaTypes(String command) {
        bea.say(room, command);
    }

    private boolean fromBot(ChatEvent.Message m) {
        return m.sender().equals(bot) && m.room().equals(room);
    }

    /** Waits for the bot's first message in the room (not an edit) containing {@code text}. */
    private ChatEvent.Message botSays(String text) {
        return botSays(text, 1);
    }

    /** Waits for the {@code n}-th such message (the first is 1). */
    private ChatEvent.Message botSays(String text, int n) {
        try {
            return alice.awaitNth(m -> fromBot(m) && m.replaces() == null && m.body().contains(text), n - 1, WAIT);
        } catch (AssertionError e) {
            throw new AssertionError("the bot did not say \"" + text + "\"" + (n > 1 ? " " + n + " times" : "")
                    + " within " + WAIT.toSeconds() + " s", e);
        }
    }

    /** Waits for the bot's edit of {@code original} to a text containing {@code text}. */
    private ChatEvent.Message botEdits(ChatEvent.Message original, String text) {
        return awaitBot(m -> fromBot(m) && original.id().equals(m.replaces()) && m.body().contains(text),
                "edit a message to \"" + text + "\"");
    }

    private ChatEvent.Message awaitBot(Predicate<ChatEvent.Message> match, String what) {
        try {
            return alice.await(match, WAIT);
        } catch (AssertionError e) {
            throw new AssertionError("the bot did not " + what + " within " + WAIT.toSeconds() + " s", e);
        }
    }
}
