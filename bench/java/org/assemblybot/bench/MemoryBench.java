package org.assemblybot.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.testkit.BotScene;
import org.assemblybot.testkit.Person;

/**
 * The bot's resident memory after joining many encrypted rooms: a person creates {@code rooms} encrypted
 * rooms, inviting the bot to each; once the bot is in all of them, the person sends {@code !ping} in each
 * and waits for the answer; then the bot's VmRSS (and its anonymous and file-backed parts) is read from
 * /proc. Per variant of JVM flags a new bot account and data directory, so every variant does the same work.
 *
 * <pre>BENCH=MemoryBench bench/run [rooms] ['flags of variant 1' 'flags of variant 2' …]</pre>
 *
 * {@code {cds}} in a variant stands for an AppCDS archive of the jar, made once by a training run (see Cds).
 * {@code MALLOC_ARENA_MAX=N} in a variant goes to the bot's environment. Without variants: the bot's default
 * flags (BOT_JVM_FLAGS, or those of deploy/launch) and {cds}.
 */
public final class MemoryBench {
    public static void main(String[] args) throws Exception {
        int rooms = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        List<String> variants = Cds.variants(args);
        String loadAtStart = PingVsEchoBench.loadAverage();
        Path dir = Files.createTempDirectory("assembly-bot-bench");
        Map<String, String> env = new java.util.HashMap<>(Map.of("ASSEMBLY_BOT_LOG_LEVEL",
                System.getenv().getOrDefault("ASSEMBLY_BOT_LOG_LEVEL", "INFO")));
        List<String> results = new ArrayList<>();
        int n = 0;
        for (String variant : variants) {
            // MALLOC_ARENA_MAX=N in a variant goes to the bot's environment (as the unit sets it), not its flags.
            java.util.regex.Matcher arenas = java.util.regex.Pattern.compile("MALLOC_ARENA_MAX=(\\d+)").matcher(variant);
            Map<String, String> variantEnv = new java.util.HashMap<>(env);
            if (arenas.find()) {
                variantEnv.put("MALLOC_ARENA_MAX", arenas.group(1));
            }
            System.setProperty("assemblybot.jvmflags", Cds.expand(arenas.replaceAll("").trim(), dir, env));
            try (BotScene scene = BotScene.start(dir.resolve("variant-" + (++n)), variantEnv)) {
                Person person = scene.person();
                UserId bot = scene.bot();
                long afterStart = scene.process().residentKib();
                long started = System.nanoTime();
                List<RoomId> created = new ArrayList<>();
                for (int i = 0; i < rooms; i++) {
                    created.add(person.createRoom("memory-" + i, true, bot));
                }
                for (RoomId room : created) {
                    if (!person.chat().awaitJoined(room, bot, Duration.ofSeconds(120))) {
                        throw new AssertionError("the bot did not join " + room);
                    }
                }
                long joined = System.nanoTime();
                for (RoomId room : created) {
                    person.say(room, "!ping");
                    person.await(m -> m.sender().equals(bot) && m.room().equals(room), Duration.ofSeconds(60));
                }
                long answered = System.nanoTime();
                Thread.sleep(5000); // let the last syncs and writes settle
                String line = String.format("[%s] %d rooms: after start %d MiB; after joining all and a !ping "
                                + "answered in each: %s (joined in %d s, answered in %d s)", variant, rooms,
                        afterStart / 1024, memory(scene.process().pid()), (joined - started) / 1_000_000_000,
                        (answered - joined) / 1_000_000_000);
                System.out.println(line);
                results.add(line);
            }
        }
        System.out.printf("%nload average before/after: %s / %s%n", loadAtStart, PingVsEchoBench.loadAverage());
        results.forEach(System.out::println);
    }

    /** VmRSS with its anonymous and file-backed parts, in MiB. */
    static String memory(long pid) {
        try {
            Map<String, Long> kib = new java.util.HashMap<>();
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                String[] parts = line.split(":\\s+");
                if (parts.length == 2 && parts[1].endsWith(" kB")) {
                    kib.put(parts[0], Long.parseLong(parts[1].replace(" kB", "").trim()));
                }
            }
            return String.format("VmRSS %d MiB (anonymous %d, file %d)", kib.get("VmRSS") / 1024,
                    kib.get("RssAnon") / 1024, kib.get("RssFile") / 1024);
        } catch (IOException e) {
            return "unknown (" + e + ")";
        }
    }

    private MemoryBench() {
    }
}
