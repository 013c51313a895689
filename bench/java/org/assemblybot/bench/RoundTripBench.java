package org.assemblybot.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.testkit.BotScene;
import org.assemblybot.testkit.Person;

/**
 * Command round trip as a person experiences it: {@code !ping} sent → the bot's reply received and
 * decrypted by the person's client, in an encrypted and in an unencrypted room. Also the bot's startup
 * time and resident memory. Prints median and p95; run with {@code bench/run}.
 */
public final class RoundTripBench {
    private static final int WARMUP = 5;
    /**
     * Between rounds. At least 3.1 s: the bot answers at most 10 commands a person every 30 s (P5), and a
     * faster benchmark would measure the refusal, not the reply.
     */
    private static final Duration GAP = Duration.ofMillis(3100);

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        Path dir = Files.createTempDirectory("assembly-bot-bench");
        Map<String, String> env = Map.of("ASSEMBLY_BOT_LOG_LEVEL",
                System.getenv().getOrDefault("ASSEMBLY_BOT_LOG_LEVEL", "INFO"));
        try (BotScene scene = BotScene.start(dir, env)) {
            Person person = scene.person();
            UserId botId = scene.bot();
            System.out.printf("startup to ready: %d ms (JVM start, login, first sync, cross-signing)%n",
                    scene.process().startupTime().toMillis());
            for (boolean encrypted : new boolean[] {true, false}) {
                RoomId room = scene.room(encrypted ? "bench-e2ee" : "bench-plain", encrypted);
                measure(person, botId, room, WARMUP, null, null);
                List<Long> clientMs = new ArrayList<>();
                List<Long> serverMs = new ArrayList<>();
                measure(person, botId, room, rounds, clientMs, serverMs);
                report(encrypted ? "encrypted room" : "unencrypted room", rounds, clientMs, serverMs);
            }
            System.out.printf("bot resident memory after the run: %d MiB%n", scene.process().residentKib() / 1024);
            System.out.println("bot log: " + dir.resolve("bot-1.log"));
            scene.process().stop();
            System.out.printf("restart to ready: %d ms (JVM start, session restored, first sync)%n",
                    scene.startBot().startupTime().toMillis());
        }
    }

    private static void measure(Person person, UserId bot, RoomId room, int rounds, List<Long> clientMs,
                                List<Long> serverMs) {
        Predicate<ChatEvent.Message> fromBot = m -> m.sender().equals(bot) && m.room().equals(room);
        for (int i = 0; i < rounds; i++) {
            int before = person.received(fromBot).size();
            long sent = System.nanoTime();
            EventId command = person.say(room, "!ping");
            ChatEvent.Message reply = person.awaitNth(fromBot, before, Duration.ofSeconds(30));
            long received = System.nanoTime();
            if (clientMs != null) {
                clientMs.add((received - sent) / 1_000_000);
                Instant commandStamped = person.chat().serverTimestamp(room, command);
                serverMs.add(Duration.between(commandStamped, reply.sentAt()).toMillis());
            }
            // People type; they don't fire commands back to back. Let both clients finish the previous
            // round's sync processing so each round measures one command, not a queue.
            pause(GAP);
        }
    }

    private static void pause(Duration gap) {
        try {
            Thread.sleep(gap.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void report(String what, int rounds, List<Long> clientMs, List<Long> serverMs) {
        System.out.printf("%s, %d rounds: at the person's client median %d ms, p95 %d ms; "
                        + "command stamped → reply stamped median %d ms, p95 %d ms%n",
                what, rounds, percentile(clientMs, 50), percentile(clientMs, 95),
                percentile(serverMs, 50), percentile(serverMs, 95));
    }

    static long percentile(List<Long> values, int p) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }
}
