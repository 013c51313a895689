package org.assemblybot.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.testkit.BotConfigFile;
import org.assemblybot.testkit.BotProcess;
import org.assemblybot.testkit.JsPerson;
import org.assemblybot.testkit.Synapse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A person on Element's own crypto stack in strict mode ("exclude insecure devices": room keys only for devices
 * cross-signed by their owner) invites a brand-new bot before the bot ever started, and types a command as soon
 * as the bot shows up in the room. The bot must be cross-signed before it joins: a device that joins first is
 * left out of the person's room key, and stays left out — the person's commands would never be read, neither
 * the first nor later ones. Replies prove the bot decrypted them.
 */
class StrictPersonFirstStartIT {
    private static final Duration INVITE = Duration.ofSeconds(60);
    private static final Duration BOT_READY = Duration.ofMinutes(3);
    private static final Duration REPLY = Duration.ofSeconds(60);

    /** Kept when the test fails: the bot's and the person's logs are there. */
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void aStrictPersonsCommandsAreReadWhenTheirInviteWaitedForTheBotsFirstStart() throws Exception {
        Synapse homeserver = Synapse.get();
        Synapse.Account botAccount = homeserver.register("bot");
        Synapse.Account personAccount = homeserver.register("element");
        UserId bot = new UserId(botAccount.userId());
        Path config = BotConfigFile.write(dir.resolve("bot"), homeserver.url(), botAccount,
                List.of(personAccount.userId()));
        assertFalse(Files.exists(dir.resolve("bot/data")), "a brand-new data directory");

        try (JsPerson person = JsPerson.login(homeserver, personAccount, dir.resolve("person.log"))) {
            RoomId room = person.createEncryptedRoom("first start", bot);
            person.awaitMembership(room, bot, "invite", INVITE);

            // The bot starts in the background: the person acts on what their client shows, not on the bot's log.
            CompletableFuture<BotProcess> starting = CompletableFuture.supplyAsync(
                    () -> BotProcess.start(config, dir.resolve("bot-1.log"), Map.of()));
            try {
                awaitJoin(person, room, bot, starting);
                person.say(room, "!ping");
            } catch (Exception | AssertionError e) {
                starting.thenAccept(BotProcess::close); // the bot's JVM must not outlive a failed test
                throw e;
            }
            try (BotProcess process = starting.get(BOT_READY.toSeconds() + 30, TimeUnit.SECONDS)) {
                assertTrue(process.log().contains("new login"), "the very first start: a new device");
                assertTrue(process.crossSigned(), "the bot reports its device cross-signed");
                JsPerson.DeviceStatus status = person.deviceStatus(bot, process.deviceId());
                assertTrue(status.signedByOwner(), "the person's client sees the bot's device signed by its owner: "
                        + status);

                JsPerson.Message pong = person.awaitMessage(reply(bot, room, "pong"), REPLY);
                assertTrue(pong.encrypted(), "the reply is encrypted and the person decrypted it");

                // A later command in the same room is read as well.
                person.say(room, "!about");
                JsPerson.Message about = person.awaitMessage(reply(bot, room, process.deviceId()), REPLY);
                assertTrue(about.body().contains("which is cross-signed"), "!about: " + about.body());
                assertFalse(process.log().contains("could not decrypt"), "the bot decrypted every message");
                assertEquals(143, process.stop(), "SIGTERM ends the bot cleanly");
                System.out.printf("StrictPersonFirstStartIT: first start ready after %d ms%n",
                        process.startupTime().toMillis());
            }

            // A later start restores the device and its signatures: no new login, no new setup, still read.
            try (BotProcess process = BotProcess.start(config, dir.resolve("bot-2.log"), Map.of())) {
                assertFalse(process.log().contains("new login"));
                assertFalse(process.log().contains("Cross-signing set up"));
                assertTrue(process.crossSigned());
                person.say(room, "!ping");
                assertEquals(2, person.awaitMessages(reply(bot, room, "pong"), 2, REPLY).size(), "each !ping answered once");
                assertFalse(process.log().contains("could not decrypt"));
                System.out.printf("StrictPersonFirstStartIT: restart ready after %d ms%n",
                        process.startupTime().toMillis());
            }
            assertEquals(List.of(), person.undecryptable(), "the person decrypted every reply");
        }
    }

    /** Waits for the bot's join as the person sees it; a bot that failed to start fails the test at once. */
    private static void awaitJoin(JsPerson person, RoomId room, UserId bot, CompletableFuture<BotProcess> starting)
            throws Exception {
        try {
            person.awaitMembership(room, bot, "join", BOT_READY);
        } catch (AssertionError e) {
            if (starting.isCompletedExceptionally()) {
                starting.get(); // throws the start's own failure, with the bot's log
            }
            throw e;
        }
    }

    private static Predicate<JsPerson.Message> reply(UserId bot, RoomId room, String containing) {
        return m -> m.isNotice() && m.sender().equals(bot) && m.room().equals(room) && m.body().contains(containing);
    }
}
