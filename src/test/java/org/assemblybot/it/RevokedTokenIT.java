package org.assemblybot.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.testkit.BotProcess;
import org.assemblybot.testkit.BotScene;
import org.assemblybot.testkit.Person;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bot's access is revoked while it runs (every session of its account logged out, as an operator or an
 * admin would): it stops by itself with exit code 1 and a message that says what happened and what to do,
 * instead of retrying forever or dropping what it wanted to send.
 */
class RevokedTokenIT {
    private static final Duration WAIT = Duration.ofSeconds(90);

    @TempDir
    static Path dir;

    @Test
    void aRevokedTokenStopsTheBotWithAClearMessage() {
        try (BotScene scene = BotScene.start(dir, Map.of())) {
            Person person = scene.person();
            RoomId room = scene.room("revoked", true);
            person.say(room, "!ping");
            person.await(Person.noticeFrom(scene.bot(), room), WAIT);

            scene.homeserver().logoutEverywhere(scene.botAccount());

            BotProcess bot = scene.process();
            assertEquals(1, bot.awaitExit(WAIT), "exit code 1: the bot cannot go on");
            String log = bot.log();
            assertTrue(log.contains("no longer accepts the bot's access token"), log);
            assertTrue(log.contains("queued messages stay queued"), "says that nothing was dropped");
        }
    }
}
