package org.assemblybot.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.testkit.BotProcess;
import org.assemblybot.testkit.BotScene;
import org.assemblybot.testkit.Person;
import org.assemblybot.testkit.Synapse;

/**
 * The bot's {@code !ping} against a minimal echo client on the same library ({@link EchoClient}: Trixnity,
 * receives, decrypts, answers), in one run: one person client, two identical encrypted rooms (the person
 * and the bot; the person and the echo), rounds alternating between the two so that the machine's load
 * touches both alike. Bot and echo each run in their own JVM with the same flags. Prints median and p95 of
 * each, sent → reply decrypted at the person's client and command stamped → reply stamped (homeserver
 * clock), and the ratio of the medians. Goal: ratio at most 1.0.
 *
 * <pre>BENCH=PingVsEchoBench [ECHO=sync|timeline] bench/run [rounds]</pre>
 */
public final class PingVsEchoBench {
    private static final int WARMUP = 5;
    /**
     * Between two rounds (bot, echo, bot, …): the bot sees one command every 3.1 s, within its limit of 10 a
     * person every 30 s (P5), so the benchmark measures replies, not refusals.
     */
    private static final Duration GAP = Duration.ofMillis(1550);
    /** How the echo client receives: {@code sync} (the earliest hook, default) or {@code timeline} (see EchoClient). */
    private static final String ECHO_MODE = System.getenv().getOrDefault("ECHO", "sync");

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        String loadAtStart = loadAverage(); // 2 shared cores: say how busy the machine was
        Path dir = Files.createTempDirectory("assembly-bot-bench");
        Map<String, String> env = Map.of("ASSEMBLY_BOT_LOG_LEVEL",
                System.getenv().getOrDefault("ASSEMBLY_BOT_LOG_LEVEL", "INFO"));
        Process echo = null;
        try (BotScene scene = BotScene.start(dir, env)) {
            Synapse homeserver = scene.homeserver();
            Synapse.Account echoAccount = homeserver.register("echo");
            echo = startEcho(homeserver.url(), echoAccount, dir.resolve("echo"), dir.resolve("echo.log"));
            Person person = scene.person();
            UserId botId = scene.bot();
            UserId echoId = new UserId(echoAccount.userId());
            RoomId botRoom = scene.room("ping-bot", true);
            RoomId echoRoom = person.createRoom("ping-echo", true, echoId);
            if (!person.chat().awaitJoined(echoRoom, echoId, Duration.ofSeconds(60))) {
                throw new AssertionError("the echo client did not join");
            }
            Side bot = new Side("bot  (!ping)", botRoom, botId, "!ping");
            Side mirror = new Side("echo (" + ECHO_MODE + ")", echoRoom, echoId, "!echo");
            for (int i = 0; i < WARMUP + rounds; i++) {
                boolean counted = i >= WARMUP;
                // Who goes first alternates too, so neither always follows the other's sync traffic.
                for (Side side : i % 2 == 0 ? List.of(bot, mirror) : List.of(mirror, bot)) {
                    side.round(person, counted);
                    Thread.sleep(GAP.toMillis());
                }
            }
            System.out.printf("load average before/after: %s / %s; bot and echo JVM flags: %s%n",
                    loadAtStart, loadAverage(), BotProcess.jvmFlags());
            bot.report(rounds);
            mirror.report(rounds);
            System.out.printf("ratio bot/echo of the medians: %.2f at the person's client, %.2f stamped%n",
                    (double) bot.median(bot.clientMs) / mirror.median(mirror.clientMs),
                    (double) bot.median(bot.serverMs) / Math.max(1, mirror.median(mirror.serverMs)));
            System.out.printf("resident memory: bot %d MiB, echo %d MiB%n", scene.process().residentKib() / 1024,
                    residentKib(echo.pid()) / 1024);
            System.out.println("logs: " + dir.resolve("bot-1.log") + ", " + dir.resolve("echo.log"));
        } finally {
            if (echo != null) {
                echo.destroyForcibly();
                echo.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException e) {
            return "?";
        }
    }

    static long residentKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return -1;
    }

    /** The echo client in its own JVM, with the bot's JVM flags; returns once it has synced. */
    private static Process startEcho(String url, Synapse.Account account, Path store, Path log) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(BotProcess.jvmFlags());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.assemblybot.bench.EchoClient",
                url, account.userId(), account.password(), store.toString(), ECHO_MODE));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        CompletableFuture<Void> ready = new CompletableFuture<>();
        Thread pump = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8)); var out = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    out.write(line);
                    out.newLine();
                    out.flush();
                    if (line.startsWith("echo ready")) {
                        ready.complete(null);
                    }
                }
            } catch (IOException e) {
                ready.completeExceptionally(e);
            }
            ready.completeExceptionally(new AssertionError("the echo client exited; see " + log));
        }, "echo-log");
        pump.setDaemon(true);
        pump.start();
        ready.get(3, TimeUnit.MINUTES);
        return process;
    }

    /** One side of the comparison: its room, who answers there, what the person types, the figures. */
    private static final class Side {
        final String name;
        final RoomId room;
        final UserId responder;
        final String command;
        final List<Long> clientMs = new ArrayList<>();
        final List<Long> serverMs = new ArrayList<>();

        Side(String name, RoomId room, UserId responder, String command) {
            this.name = name;
            this.room = room;
            this.responder = responder;
            this.command = command;
        }

        void round(Person person, boolean counted) {
            Predicate<ChatEvent.Message> reply = m -> m.sender().equals(responder) && m.room().equals(room);
            int before = person.received(reply).size();
            long sent = System.nanoTime();
            EventId id = person.say(room, command);
            ChatEvent.Message answer = person.awaitNth(reply, before, Duration.ofSeconds(30));
            long received = System.nanoTime();
            if (counted) {
                clientMs.add((received - sent) / 1_000_000);
                Instant stamped = person.chat().serverTimestamp(room, id);
                serverMs.add(Duration.between(stamped, answer.sentAt()).toMillis());
            }
        }

        long median(List<Long> values) {
            return RoundTripBench.percentile(values, 50);
        }

        void report(int rounds) {
            System.out.printf("%s, %d rounds: at the person's client median %d ms, p95 %d ms; "
                            + "command stamped → reply stamped median %d ms, p95 %d ms%n", name, rounds,
                    median(clientMs), RoundTripBench.percentile(clientMs, 95),
                    median(serverMs), RoundTripBench.percentile(serverMs, 95));
        }
    }
}
