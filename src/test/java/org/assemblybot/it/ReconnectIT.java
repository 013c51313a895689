package org.assemblybot.it;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.testkit.BotScene;
import org.assemblybot.testkit.BotProcess;
import org.assemblybot.testkit.Person;
import org.assemblybot.testkit.Synapse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The homeserver goes away while the bot runs: the bot keeps running, reconnects, and answers again. */
class ReconnectIT {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    static Path dir;

    @Test
    void theBotSurvivesAHomeserverOutageAndAnswersAfterIt() {
        assumeTrue(Synapse.get().controllable(), "needs the project's own homeserver, which it can stop");
        try (BotScene scene = BotScene.start(dir, Map.of())) {
            Person alice = scene.person();
            UserId bot = scene.bot();
            BotProcess process = scene.process();
            RoomId room = scene.room("outage", true);
            alice.say(room, "!ping");
            alice.await(m -> m.sender().equals(bot) && m.body().startsWith("pong"), WAIT);

            scene.homeserver().stop();
            awaitLog(process, "sync with the homeserver failed");
            assertTrue(process.isAlive(), "no crash while the homeserver is away");
            scene.homeserver().resume();
            awaitLog(process, "sync with the homeserver recovered");

            alice.say(room, "!about");
            alice.await(m -> m.sender().equals(bot) && m.body().contains("cross-signed"), WAIT);
            assertTrue(process.isAlive());
        }
    }

    /** Polls the bot's log (a child process's file: polling is the only way to wait for it). */
    private static void awaitLog(BotProcess process, String line) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!process.log().contains(line)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the bot never logged '" + line + "':\n" + process.log());
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}
