package org.assemblybot.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.testkit.BotScene;
import org.assemblybot.testkit.Person;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** M2: with the homeserver answering 429, a burst of replies still arrives complete and in order. */
class RateLimitIT {
    private static final List<String> COMMANDS = List.of("ping", "about", "tz", "sync", "help", "ping", "about", "tz");

    @TempDir
    static Path dir;

    @Test
    void aRateLimitedBurstArrivesCompleteAndInOrder() {
        try (BotScene scene = BotScene.start(dir, Map.of())) {
            Person alice = scene.person();
            UserId bot = scene.bot();
            RoomId room = scene.room("burst", true);
            scene.homeserver().limitMessages(bot.value(), 1, 2);

            for (String command : COMMANDS) {
                alice.say(room, "!help " + command);
            }
            Predicate<ChatEvent.Message> fromBot = m -> m.sender().equals(bot) && m.room().equals(room);
            alice.awaitNth(fromBot, COMMANDS.size() - 1, Duration.ofSeconds(90));
            List<ChatEvent.Message> replies = alice.received(fromBot);
            assertEquals(COMMANDS.size(), replies.size(), "every reply, none twice");
            for (int i = 0; i < COMMANDS.size(); i++) {
                String body = replies.get(i).body();
                assertTrue(body.startsWith("`!" + COMMANDS.get(i) + " ") || body.startsWith("`!" + COMMANDS.get(i) + "`"),
                        "reply " + i + " answers !help " + COMMANDS.get(i) + ": " + body.lines().findFirst());
            }
            // Trixnity's API client waits out a 429 itself and logs it; our own retry is the fallback.
            String log = scene.process().log();
            assertTrue(log.contains("rate limit exceeded") || log.contains("rate limited by the homeserver"),
                    "the limit was really hit:\n" + log);
        }
    }
}
