package org.assemblybot.it;

import static org.assemblybot.testkit.BotEdits.editOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.testkit.BotScene;
import org.assemblybot.testkit.LightClient;
import org.assemblybot.testkit.Person;
import org.assemblybot.testkit.SecretBallotAttack;
import org.assemblybot.testkit.Synapse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Votes in an encrypted room on the real homeserver: a native poll response, a number reaction and a
 * command each count once, a changed vote counts once, a block stops a proposal, a vote survives a
 * restart and closes at its deadline, redacting the command that started a vote asks its creator, and while a
 * secret vote is open the bot's data dir (every table, every file) does not tell who chose what.
 */
class VoteIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path dir;

    @Test
    void votesByPollReactionAndCommandBlocksAndARestartBeforeTheDeadline() throws Exception {
        try (BotScene scene = BotScene.start(dir, Map.of())) {
            Synapse homeserver = scene.homeserver();
            Person alice = scene.person();
            UserId bot = scene.bot();
            RoomId room = scene.room("assembly", true);
            try (Person bob = Person.login(homeserver, homeserver.register("bob"), dir.resolve("bob"))) {
                alice.chat().invite(room, bob.id());
                assertTrue(alice.chat().awaitJoined(room, bob.id(), WAIT));
                Synapse.Account carolAccount = homeserver.register("carol");
                LightClient carol = LightClient.login(homeserver.url(), carolAccount);
                alice.chat().invite(room, new UserId(carolAccount.userId()));
                carol.join(room);
                assertTrue(alice.chat().awaitJoined(room, new UserId(carolAccount.userId()), WAIT));

                // 1. One vote each by poll response, reaction and command; bob changes his.
                alice.say(room, "!vote \"Where do we meet?\" Park Library");
                EventId poll = alice.await(m -> m.sender().equals(bot) && m.msgtype().endsWith("poll.start"), WAIT).id();
                alice.await(notice(bot, room, "Vote #1 is open"), WAIT);
                bob.chat().respondToPoll(room, "bob-1", poll, List.of("2"));
                carol.react(room, poll, "1\uFE0F\u20E3");
                alice.say(room, "!v 1 2");
                bob.chat().respondToPoll(room, "bob-2", poll, List.of("1"));
                // The turnout is a live message: posted with the first ballot, edited in place as ballots come.
                ChatEvent.Message turnout = alice.await(notice(bot, room, "members have voted so far"), WAIT);
                alice.await(editOf(bot, room, turnout, "3 of 3 members have voted so far"), WAIT);
                alice.say(room, "!vote close 1");
                String results = alice.await(notice(bot, room, "Results of Vote #1"), WAIT).body();
                assertTrue(results.contains("Park: 2 ("), results);
                assertTrue(results.contains("Library: 1 ("), results);
                assertTrue(results.contains("Turnout: 3 of 3 members"), results);
                // …and at the close it shows the results, in place.
                String final1 = alice.await(editOf(bot, room, turnout, "Results of Vote #1"), WAIT).body();
                assertTrue(final1.contains("Park: 2 ("), final1);
                assertEquals(1, alice.received(notice(bot, room, "members have voted so far")).size(),
                        "one turnout message, edited in place");

                // 2. A block stops a proposal.
                alice.say(room, "!propose \"We meet on Saturdays\"");
                alice.await(notice(bot, room, "Proposal #2 is open"), WAIT);
                alice.say(room, "!agree 2");
                bob.say(room, "!block 2 it clashes with the union meeting");
                alice.await(notice(bot, room, "Proposal #2 is paused"), WAIT);
                alice.say(room, "!vote close 2");
                String outcome = alice.await(notice(bot, room, "Proposal #2 did NOT pass"), WAIT).body();
                assertTrue(outcome.contains("Block by " + bob.id().value() + ": it clashes with the union meeting"),
                        outcome);

                // 3. An open vote survives a restart and closes at its deadline.
                alice.say(room, "!vote \"Do we keep going?\" --close 40s");
                alice.await(notice(bot, room, "Vote #3 is open"), WAIT);
                Instant opened = Instant.now();
                bob.say(room, "!v 3 yes");
                bob.await(notice(bot, room, "Counted for Vote #3"), WAIT);
                scene.process().stop();
                scene.startBot();
                ChatEvent.Message closed = alice.await(notice(bot, room, "Results of Vote #3"), Duration.ofSeconds(90));
                assertTrue(closed.sentAt().isAfter(opened.plusSeconds(35)), "closed at the deadline, not before");
                assertTrue(closed.body().toLowerCase().contains("yes: 1 ("), closed.body());
                assertEquals(1, alice.received(notice(bot, room, "Results of Vote #3")).size(), "closed once");

                // 4. A secret vote: the ballot comes in a private room, only totals are published, and while the
                //    vote is open nothing in the bot's data dir tells who chose what.
                alice.say(room, "!vote \"Where do we camp?\" Kestrel Heron --secret");
                alice.await(notice(bot, room, "!ballot 4"), WAIT);
                Map<UserId, RoomId> privateRooms = new LinkedHashMap<>();
                Map<UserId, List<String>> identifiers = new LinkedHashMap<>();
                for (Person voter : List.of(alice, bob)) {
                    EventId asked = voter.say(room, "!ballot 4");
                    ChatEvent.Message ballot = voter.await(m -> m.isNotice() && m.sender().equals(bot)
                            && !m.room().equals(room) && m.body().contains("!v 4"), WAIT);
                    assertTrue(ballot.encrypted(), "the private room is encrypted");
                    privateRooms.put(voter.id(), ballot.room());
                    identifiers.put(voter.id(), new ArrayList<>(List.of(voter.id().value(), ballot.room().value(),
                            asked.value())));
                }
                Path dataDir = dir.resolve("bot").resolve("data");
                SecretBallotAttack before = SecretBallotAttack.read(dataDir);
                // Each changes once; Alice ends on Heron, Bob on Kestrel.
                castSecret(alice, privateRooms, identifiers, bot, "!v 4 Kestrel", "is counted");
                castSecret(alice, privateRooms, identifiers, bot, "!v 4 2", "replaces your earlier one");
                castSecret(bob, privateRooms, identifiers, bot, "!v 4 Heron", "is counted");
                castSecret(bob, privateRooms, identifiers, bot, "!v 4 1", "replaces your earlier one");

                SecretBallotAttack open = readOnceTheOutboxIsEmpty(dataDir);
                Map<UserId, List<String>> about = open.newAboutEachVoter(before, identifiers);
                assertTrue(about.get(bob.id()).stream().anyMatch(row -> row.startsWith("vote_secret")),
                        "the attack finds each voter's own row (who has voted): " + about);
                assertEquals(about.get(alice.id()), about.get(bob.id()),
                        "Alice (Heron) and Bob (Kestrel) look alike in the data dir");
                for (String option : List.of("Kestrel", "Heron")) {
                    // At most as many as before the ballots (the vote's own options): the stores may compact and
                    // lose copies, but a ballot must never add one.
                    assertTrue(open.occurrences(option) <= before.occurrences(option),
                            option + ": no new copies in any file of the data dir (" + before.occurrences(option)
                                    + " before the ballots, " + open.occurrences(option) + " after)");
                    assertFalse(scene.process().log().contains(option), option + " is in the bot's log");
                }

                alice.say(room, "!vote close 4");
                String secret = alice.await(notice(bot, room, "Results of Vote #4"), WAIT).body();
                assertTrue(secret.contains("Kestrel: 1 ("), secret);
                assertTrue(secret.contains("Heron: 1 ("), secret);
                assertTrue(!secret.contains(bob.id().value()), "no names in a secret result: " + secret);

                // 5. Redacting the command that started a vote asks its creator; the vote stays open (M5).
                EventId typo = bob.say(room, "!vote \"Lunch at noon?\"");
                alice.await(notice(bot, room, "Vote #5 is open"), WAIT);
                alice.chat().redact(room, "redact-typo", typo, null);
                String asked = alice.await(notice(bot, room, "the message that created Vote #5"), WAIT).body();
                assertTrue(asked.startsWith(bob.id().value() + ": "), asked);
                assertTrue(asked.contains("!vote close 5"), asked);
                alice.say(room, "!vote list");
                String openVotes = alice.await(notice(bot, room, "Open votes:"), WAIT).body();
                assertTrue(openVotes.contains("#5 Lunch at noon?"), openVotes);
            }
        }
    }

    /**
     * The data dir once the relay has cleared the outbox: the voter sees the bot's redaction of their {@code !v}
     * a moment before the relay's own transaction removes the sent entry, and an entry still on its way would
     * make two voters differ for a reason that is not about their choice.
     */
    private static SecretBallotAttack readOnceTheOutboxIsEmpty(Path dataDir) throws Exception {
        Instant until = Instant.now().plusSeconds(10);
        SecretBallotAttack read = SecretBallotAttack.read(dataDir);
        while (read.rows().stream().anyMatch(row -> row.startsWith("outbox:")) && Instant.now().isBefore(until)) {
            Thread.onSpinWait();
            read = SecretBallotAttack.read(dataDir);
        }
        return read;
    }

    /** A secret {@code !v} in the voter's private room, and the bot's confirmation, which names no option. */
    private static void castSecret(Person voter, Map<UserId, RoomId> privateRooms, Map<UserId, List<String>> identifiers,
                                   UserId bot, String command, String confirmation) {
        RoomId privateRoom = privateRooms.get(voter.id());
        EventId sent = voter.say(privateRoom, command);
        identifiers.get(voter.id()).add(sent.value());
        String reply = voter.await(m -> m.sender().equals(bot) && m.room().equals(privateRoom)
                && m.body().contains(confirmation), WAIT).body();
        assertFalse(reply.contains("Kestrel") || reply.contains("Heron"), reply);
        // The command names the choice: the bot redacts it once handled, so no copy stays to decrypt later.
        voter.awaitEvent(e -> e instanceof ChatEvent.Redaction r && r.redacts().equals(sent)
                && r.sender().equals(bot), WAIT);
    }

    /**
     * More responses arrive while the bot is stopped than one sync returns for a room (a limited timeline):
     * after the restart the bot fetches the gap, and every response counts.
     */
    @Test
    void responsesSentWhileTheBotWasDownAndBeyondOneSyncAllCount() {
        int voters = 60;
        try (BotScene scene = BotScene.start(dir.resolve("gap"), Map.of())) {
            Person alice = scene.person();
            UserId bot = scene.bot();
            RoomId room = scene.room("crowd", false);
            List<LightClient> crowd = scene.crowd(room, voters);
            alice.say(room, "!vote \"Which day?\" Monday Tuesday");
            EventId poll = alice.await(m -> m.sender().equals(bot) && m.msgtype().endsWith("poll.start"), WAIT).id();
            alice.await(notice(bot, room, "Vote #1 is open"), WAIT);

            scene.process().stop();
            for (int i = 0; i < voters; i++) {
                crowd.get(i).respondToPoll(room, poll, List.of(i % 4 == 0 ? "1" : "2"));
            }
            scene.startBot();
            alice.say(room, "!vote close 1");
            String results = alice.await(notice(bot, room, "Results of Vote #1"), WAIT).body();
            assertTrue(results.contains("Monday: 15 ("), results);
            assertTrue(results.contains("Tuesday: 45 ("), results);
            assertTrue(scene.process().log().contains("events a limited sync left out"), "the gap was fetched");
        }
    }

    private static Predicate<ChatEvent.Message> notice(UserId bot, RoomId room, String containing) {
        return m -> m.isNotice() && m.sender().equals(bot) && m.room().equals(room) && m.replaces() == null
                && m.body().contains(containing);
    }
}
