package org.assemblybot.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assemblybot.testkit.BotScene;
import org.assemblybot.testkit.KillChaos;

/**
 * The kill chaos of {@code ChaosKillIT} with every GO getting a kill of its own: the T0s are further apart than a
 * restart takes, so each SIGKILL lands near one GO (most in the second before it) and the bot is back before the
 * next. Prints every kill, the summary and any breach of the GO's contract; exits 1 on a breach. Run with
 * {@code BENCH=KillChaosBench bench/run [actions] [seconds between T0s]} (default 20 and 35);
 * {@code -Dchaos.seed=N} in {@code JAVA_TOOL_OPTIONS} replays a run.
 */
public final class KillChaosBench {
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        Duration stagger = Duration.ofSeconds(args.length > 1 ? Long.parseLong(args[1]) : 35);
        Path dir = Files.createTempDirectory("assembly-bot-kill-chaos");
        List<String> violations;
        try (BotScene scene = BotScene.start(dir, Map.of())) {
            KillChaos.Report report = new KillChaos(scene, KillChaos.seed(), stagger, System.out).run(runs);
            violations = KillChaos.violations(report, Duration.ofMinutes(1));
            long aimed = report.kills().stream().map(KillChaos.Kill::nearest).distinct().count();
            System.out.printf("%d of %d actions had a kill within half the gap of their T0; bot logs in %s%n",
                    aimed, runs, dir);
        }
        if (violations.isEmpty()) {
            System.out.println("contract kept: one GO (or one missed notice) per room, none duplicated");
        } else {
            violations.forEach(v -> System.out.println("BREACH " + v));
            System.exit(1);
        }
        System.exit(0);
    }
}
