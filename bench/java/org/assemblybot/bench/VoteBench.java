package org.assemblybot.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.testkit.BotScene;
import org.assemblybot.testkit.LightClient;
import org.assemblybot.testkit.Person;

/**
 * 30 voters vote within a few seconds — a third by native poll response, a third by number reaction, a
 * third by {@code !v} — from lightweight plain-HTTP clients in an unencrypted room. Prints whether the
 * published tally is exact and the time from the last vote to the result (the organizer closes the vote
 * right after the last vote). Run with {@code BENCH=VoteBench bench/run [voters]}.
 */
public final class VoteBench {
    private static final String[] KEYCAPS = {"1\uFE0F\u20E3", "2\uFE0F\u20E3", "3\uFE0F\u20E3"};

    public static void main(String[] args) throws Exception {
        int voters = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        Path dir = Files.createTempDirectory("assembly-bot-vote-bench");
        try (BotScene scene = BotScene.start(dir, Map.of())) {
            Person organizer = scene.person();
            UserId bot = scene.bot();
            RoomId room = scene.room("vote-bench", false);
            List<LightClient> crowd = scene.crowd(room, voters);
            organizer.say(room, "!vote \"Which day?\" Monday Tuesday Wednesday");
            EventId poll = organizer.await(m -> m.sender().equals(bot) && m.msgtype().endsWith("poll.start"),
                    Duration.ofSeconds(60)).id();

            int[] expected = new int[3];
            ExecutorService pool = Executors.newFixedThreadPool(voters);
            List<Future<EventId>> sent = new ArrayList<>();
            long start = System.nanoTime();
            for (int i = 0; i < voters; i++) {
                LightClient voter = crowd.get(i);
                int option = i % 3;
                expected[option]++;
                int channel = (i / 3) % 3;
                sent.add(pool.submit(() -> switch (channel) {
                    case 0 -> voter.respondToPoll(room, poll, List.of(Integer.toString(option + 1)));
                    case 1 -> voter.react(room, poll, KEYCAPS[option]);
                    default -> voter.say(room, "!v 1 " + (option + 1));
                }));
            }
            List<EventId> votes = new ArrayList<>();
            for (Future<EventId> vote : sent) {
                votes.add(vote.get());
            }
            long castMs = (System.nanoTime() - start) / 1_000_000;
            pool.shutdown();
            organizer.say(room, "!vote close 1");
            ChatEvent.Message result = organizer.await(m -> m.sender().equals(bot)
                    && m.body().contains("Results of Vote #1"), Duration.ofSeconds(60));

            Instant lastVote = Instant.MIN;
            for (EventId vote : votes) {
                Instant stamped = organizer.chat().serverTimestamp(room, vote);
                lastVote = stamped.isAfter(lastVote) ? stamped : lastVote;
            }
            String[] names = {"Monday", "Tuesday", "Wednesday"};
            boolean exact = result.body().contains("Turnout: " + voters + " of " + (voters + 1) + " members");
            for (int o = 0; o < 3; o++) {
                exact &= result.body().contains(names[o] + ": " + expected[o] + " (");
            }
            System.out.printf("%d voters (poll responses, reactions and !v) cast in %d ms%n", voters, castMs);
            System.out.println("bot log: " + dir.resolve("bot-1.log"));
            System.out.printf("tally exact: %s%n", exact ? "yes" : "NO\n" + result.body());
            System.out.printf("last vote stamped → result stamped: %d ms (includes the organizer's !vote close)%n",
                    Duration.between(lastVote, result.sentAt()).toMillis());
        }
    }
}
