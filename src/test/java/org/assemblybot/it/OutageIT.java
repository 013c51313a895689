package org.assemblybot.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.testkit.BotProcess;
import org.assemblybot.testkit.BotScene;
import org.assemblybot.testkit.Person;
import org.assemblybot.testkit.Synapse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chaos: the homeserver is down for 60 s while a vote is open and two synchronized actions are due. The bot
 * never dies and recovers fully: a ballot sent just before the outage counts once, with one answer; the vote's
 * result is right. Action A's T0 lies so deep in the outage that its GO could only go out later than the allowed
 * lateness (30 s here): no GO, and every room is told it was missed. Action B's T0 lies just before the end of
 * the outage: its GO goes out late but within the allowed lateness, once per room, and so does its END.
 */
class OutageIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Duration OUTAGE = Duration.ofSeconds(60);
    private static final Duration MAX_GO_LATENESS = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    @Test
    void aVoteAndTwoCountdownsRecoverFromAMinuteWithoutTheHomeserver() throws Exception {
        assumeTrue(Synapse.get().controllable(), "needs the project's own homeserver, which it can stop");
        String config = "\ncountdown:\n  max_go_lateness: " + MAX_GO_LATENESS.toSeconds() + "s\n";
        try (BotScene scene = BotScene.start(dir, Map.of(), config);
             Person bob = Person.login(scene.homeserver(), scene.homeserver().register("bob"), dir.resolve("bob"))) {
            Person alice = scene.person();
            UserId bot = scene.bot();
            BotProcess process = scene.process();
            RoomId origin = scene.room("outage-origin", true);
            RoomId partner = scene.room("outage-partner", true);
            alice.chat().invite(origin, bob.id());
            assertTrue(alice.chat().awaitJoined(origin, bob.id(), WAIT));

            alice.say(origin, "!vote \"Do we march?\"");
            alice.await(notice(bot, origin, "Vote #1 is open"), WAIT);
            alice.say(origin, "!v 1 yes");
            alice.await(notice(bot, origin, "Counted for Vote #1: yes"), WAIT);

            // The outage begins about 3 s from now; A is due 22 s into it, B 8 s before its end.
            Instant outageStart = Instant.now().plusSeconds(3);
            Instant t0a = outageStart.plusSeconds(22).truncatedTo(ChronoUnit.SECONDS);
            Instant t0b = outageStart.plus(OUTAGE).minusSeconds(8).truncatedTo(ChronoUnit.SECONDS);
            alice.say(origin, "!sync plan \"Outage-A\" " + t0a + " " + partner.value() + " --notices none --duration 3s");
            alice.await(notice(bot, origin, "Planned #1"), WAIT);
            alice.say(origin, "!sync plan \"Outage-B\" " + t0b + " " + partner.value() + " --notices none --duration 3s");
            alice.await(notice(bot, origin, "Planned #2"), WAIT);

            // Bob's ballot leaves just before the homeserver goes: the bot reads it before or after the outage.
            bob.say(origin, "!v 1 no");
            Instant stopped = Instant.now();
            scene.homeserver().stop();
            awaitLog(process, "sync with the homeserver failed");
            sleepUntil(stopped.plus(OUTAGE)); // an outage of real time, not a wait for the bot
            assertTrue(process.isAlive(), "no crash while the homeserver is away");
            Instant resumed = Instant.now();
            scene.homeserver().resume();
            awaitLog(process, "sync with the homeserver recovered");
            System.out.println("outage: " + Duration.between(stopped, resumed).toMillis() + " ms; A due "
                    + Duration.between(stopped, t0a).toMillis() + " ms into it, B "
                    + Duration.between(stopped, t0b).toMillis() + " ms");

            // Action A: far too late for a GO, so each room is told, once, and nothing else comes.
            for (RoomId room : List.of(origin, partner)) {
                alice.await(notice(bot, room, "The GO for synchronized action #1 ").and(body("was not sent")), WAIT);
            }
            // Action B: a late GO within the allowed lateness, and its END, once each.
            for (RoomId room : List.of(origin, partner)) {
                ChatEvent.Message go = alice.await(notice(bot, room, "GO — Outage-B"), WAIT);
                long late = Duration.between(t0b, go.sentAt()).toMillis();
                System.out.println("outage: B's GO in " + room + " stamped " + late + " ms after T0");
                assertTrue(late >= 0 && late <= MAX_GO_LATENESS.toMillis(), "B's GO stamped " + late + " ms after T0");
                assertTrue(go.encrypted());
                alice.await(notice(bot, room, "Outage-B").and(body("ends now")), WAIT);
            }

            // The vote: Alice changes her ballot after the outage; every ballot got one answer; the tally is right.
            alice.say(origin, "!v 1 no");
            alice.awaitNth(notice(bot, origin, "Counted for Vote #1: no"), 1, WAIT);
            alice.say(origin, "!vote close 1");
            String results = alice.await(notice(bot, origin, "Results of Vote #1"), WAIT).body();
            assertTrue(results.toLowerCase().contains("no: 2 ("), results);
            assertTrue(results.contains("Turnout: 2 of 2 members"), results);

            Thread.sleep(3_000); // room for a duplicate to show up
            for (RoomId room : List.of(origin, partner)) {
                assertEquals(0, alice.received(notice(bot, room, "GO — Outage-A")).size(), "no late GO of A");
                assertEquals(1, alice.received(notice(bot, room, "The GO for synchronized action #1 ")).size(),
                        "A's GO announced as missed once in " + room);
                assertEquals(0, alice.received(notice(bot, room, "Outage-A").and(body("ends now"))).size());
                assertEquals(1, alice.received(notice(bot, room, "GO — Outage-B")).size(), "one GO of B in " + room);
                assertEquals(1, alice.received(notice(bot, room, "Outage-B").and(body("ends now"))).size());
            }
            assertEquals(3, alice.received(notice(bot, origin, "Counted for Vote #1")).size(),
                    "one answer per ballot: Alice's two and Bob's one");
            assertEquals(1, alice.received(notice(bot, origin, "Results of Vote #1")).size());
            assertFalse(process.log().contains("Exception in thread"), "no thread died");
            assertTrue(process.isAlive(), "the bot ran through it all");
        }
    }

    private static Predicate<ChatEvent.Message> notice(UserId bot, RoomId room, String containing) {
        return m -> m.isNotice() && m.sender().equals(bot) && m.room().equals(room) && m.replaces() == null
                && m.body().contains(containing);
    }

    private static Predicate<ChatEvent.Message> body(String containing) {
        return m -> m.body().contains(containing);
    }

    private static void sleepUntil(Instant at) throws InterruptedException {
        long millis = Duration.between(Instant.now(), at).toMillis();
        if (millis > 0) {
            Thread.sleep(millis);
        }
    }

    /** Polls the bot's log (a child process's file: polling is the only way to wait for it). */
    private static void awaitLog(BotProcess process, String line) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!process.log().contains(line)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the bot never logged '" + line + "':\n" + process.log());
            }
            Thread.sleep(100);
        }
    }
}
