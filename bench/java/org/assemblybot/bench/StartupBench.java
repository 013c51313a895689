package org.assemblybot.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.testkit.BotProcess;
import org.assemblybot.testkit.BotScene;

/**
 * Startup to ready with a restored session: the bot is started once (login, cross-signing), joins an
 * encrypted room and answers a {@code !ping}; then it is stopped and started again {@code rounds} times per
 * variant of JVM flags, the variants alternating so that the machine's load touches all alike. "Ready" is
 * the bot's "assembly-bot ready" log line, seen by polling the log every 20 ms from the moment the JVM was
 * launched. Prints median, minimum and p95 per variant, and for the last start of each where the time went
 * (when each startup log line was written, counted from the launch).
 *
 * <pre>BENCH=StartupBench bench/run [rounds] ['flags of variant 1' 'flags of variant 2' …]</pre>
 *
 * {@code {cds}} in a variant stands for an AppCDS archive of the jar, made once by a training run (see Cds).
 * Without variants: the bot's default flags (BOT_JVM_FLAGS, or those of deploy/launch) and {cds}.
 */
public final class StartupBench {
    private static final Pattern STAMP = Pattern.compile("^(\\d{4}-\\d\\d-\\d\\dT\\S+Z) \\S+\\s+\\[[^]]*] (\\S+) - (.{0,70})");

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        List<String> variants = Cds.variants(args);
        String loadAtStart = PingVsEchoBench.loadAverage();
        Path dir = Files.createTempDirectory("assembly-bot-bench");
        Map<String, String> env = Map.of("ASSEMBLY_BOT_LOG_LEVEL",
                System.getenv().getOrDefault("ASSEMBLY_BOT_LOG_LEVEL", "INFO"));
        try (BotScene scene = BotScene.start(dir, env)) {
            System.out.printf("first start to ready: %d ms (login, cross-signing)%n",
                    scene.process().startupTime().toMillis());
            RoomId room = scene.room("startup", true);
            scene.person().say(room, "!ping");
            scene.person().await(m -> m.sender().equals(scene.bot()) && m.room().equals(room),
                    Duration.ofSeconds(30));
            scene.process().stop();
            Map<String, List<Long>> times = new LinkedHashMap<>();
            Map<String, String> lastLog = new LinkedHashMap<>();
            int start = 0;
            for (int round = 0; round < rounds; round++) {
                for (String variant : variants) {
                    Path log = dir.resolve("restart-" + (++start) + ".log");
                    Instant launched = Instant.now();
                    String flags = Cds.expand(variant, dir, env);
                    BotProcess bot = BotProcess.start(scene.config(), log, env,
                            flags.isBlank() ? List.of() : List.of(flags.trim().split("\\s+")));
                    times.computeIfAbsent(variant, v -> new ArrayList<>()).add(bot.startupTime().toMillis());
                    lastLog.put(variant, phases(bot.log(), launched));
                    bot.stop();
                }
            }
            System.out.printf("load average before/after: %s / %s%n", loadAtStart, PingVsEchoBench.loadAverage());
            for (String variant : variants) {
                List<Long> ms = times.get(variant);
                System.out.printf("restart to ready [%s], %d starts: median %d ms, min %d ms, p95 %d ms%n", variant,
                        ms.size(), RoundTripBench.percentile(ms, 50), ms.stream().mapToLong(Long::longValue).min()
                                .orElse(-1), RoundTripBench.percentile(ms, 95));
            }
            for (String variant : variants) {
                System.out.printf("%nwhere the time went, last start [%s] (ms after launch):%n%s", variant,
                        lastLog.get(variant));
            }
        }
    }

    /** Each log line up to "ready", with its time after the launch. */
    private static String phases(String log, Instant launched) {
        StringBuilder out = new StringBuilder();
        for (String line : log.split("\n")) {
            Matcher m = STAMP.matcher(line);
            if (m.find()) {
                long at = Duration.between(launched, Instant.parse(m.group(1))).toMillis();
                out.append(String.format("  %6d  %s - %s%n", at, m.group(2), m.group(3)));
                if (line.contains("assembly-bot ready")) {
                    break;
                }
            }
        }
        return out.toString();
    }

    private StartupBench() {
    }
}
