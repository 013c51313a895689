package org.assemblybot.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.testkit.BotScene;

/**
 * An AppCDS archive of the bot's jar for the benchmarks, made as deploy/launch makes it: a training run
 * (first start, an encrypted room, a {@code !ping}, a clean stop) with {@code -XX:ArchiveClassesAtExit}.
 */
final class Cds {
    static final String TOKEN = "{cds}";

    private Cds() {
    }

    /**
     * The variants of JVM flags after the first argument; without any, the bot's default flags with an archive,
     * as deploy/launch runs the bot.
     */
    static List<String> variants(String[] args) {
        List<String> variants = new ArrayList<>(List.of(args).subList(Math.min(1, args.length), args.length));
        if (variants.isEmpty()) {
            variants.add(String.join(" ", org.assemblybot.testkit.BotProcess.jvmFlags()) + " " + TOKEN);
        }
        return variants;
    }

    /** {@code variant} with {@link #TOKEN} replaced by {@code -XX:SharedArchiveFile=…}, training the archive once. */
    static String expand(String variant, Path dir, Map<String, String> env) {
        if (!variant.contains(TOKEN)) {
            return variant;
        }
        Path archive = dir.resolve("app.jsa");
        if (!Files.exists(archive)) {
            train(variant.replace(TOKEN, ""), archive, dir.resolve("cds-training"), env);
        }
        return variant.replace(TOKEN, "-XX:SharedArchiveFile=" + archive);
    }

    private static void train(String flags, Path archive, Path dir, Map<String, String> env) {
        List<String> training = new ArrayList<>(List.of(flags.trim().split("\\s+")));
        training.removeIf(String::isBlank);
        training.add("-XX:ArchiveClassesAtExit=" + archive);
        String before = System.getProperty("assemblybot.jvmflags");
        System.setProperty("assemblybot.jvmflags", String.join(" ", training));
        long started = System.nanoTime();
        try (BotScene scene = BotScene.start(dir, env)) {
            RoomId room = scene.room("cds-training", true);
            scene.person().say(room, "!ping");
            scene.person().await(m -> m.sender().equals(scene.bot()) && m.room().equals(room), Duration.ofSeconds(60));
            scene.process().stop(); // the archive is written as the JVM exits
        } finally {
            if (before == null) {
                System.clearProperty("assemblybot.jvmflags");
            } else {
                System.setProperty("assemblybot.jvmflags", before);
            }
        }
        System.out.printf("AppCDS archive trained in %d s: %s (%d MiB)%n", (System.nanoTime() - started) / 1_000_000_000,
                archive, archive.toFile().length() >> 20);
    }
}
