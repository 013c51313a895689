package org.assemblybot.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.testkit.BotConfigFile;
import org.assemblybot.testkit.BotProcess;
import org.assemblybot.testkit.Person;
import org.assemblybot.testkit.Synapse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bot as a whole — the packaged jar in its own JVM — against the real Synapse, in encrypted rooms,
 * with real Matrix clients acting as people. Tests run in order and share one bot to keep CI fast.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FoundationIT {
    private static final Duration REPLY = Duration.ofSeconds(30);

    @TempDir
    static Path dir;

    private Synapse homeserver;
    private Synapse.Account botAccount;
    private Synapse.Account aliceAccount;
    private UserId bot;
    private Path config;
    private BotProcess process;
    private Person alice;
    private Person bob;
    private RoomId room;
    private int starts;
    private int opsPort;

    @BeforeAll
    void startBotAndPeople() {
        homeserver = Synapse.get();
        botAccount = homeserver.register("bot");
        aliceAccount = homeserver.register("alice");
        bot = new UserId(botAccount.userId());
        config = BotConfigFile.write(dir.resolve("bot"), homeserver.url(), botAccount, List.of(aliceAccount.userId()));
        opsPort = freePort();
        try {
            Files.writeString(config, "ops:\n  listen: 127.0.0.1:" + opsPort + "\n", StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        process = startBot();
        alice = Person.login(homeserver, aliceAccount, dir.resolve("alice"));
        bob = Person.login(homeserver, homeserver.register("bob"), dir.resolve("bob"));
        room = alice.createRoom("assembly", true, bot, bob.id());
        assertTrue(alice.chat().awaitJoined(room, bot, REPLY), "the bot joins on an allowed invite");
        assertTrue(alice.chat().awaitJoined(room, bob.id(), REPLY));
    }

    private BotProcess startBot() {
        // The most verbose level for our own code: the log must still hold no bodies and no secrets (P2).
        return BotProcess.start(config, dir.resolve("bot-" + (++starts) + ".log"),
                Map.of("ASSEMBLY_BOT_LOG_LEVEL", "TRACE"));
    }

    @AfterAll
    void stopEverything() {
        Stream.of(alice, bob).filter(p -> p != null).forEach(Person::close);
        if (process != null) {
            process.close();
        }
    }

    private Predicate<ChatEvent.Message> botNotice(RoomId in, String containing) {
        return m -> m.isNotice() && m.sender().equals(bot) && m.room().equals(in) && m.body().contains(containing);
    }

    @Test
    @Order(1)
    void helpIsAnsweredInTheEncryptedRoomAndDecrypts() {
        EventId help = alice.say(room, "!help");
        ChatEvent.Message reply = alice.await(botNotice(room, "!ping"), REPLY);
        assertTrue(reply.encrypted(), "the reply is encrypted");
        assertTrue(reply.body().contains("!tz"), "help lists every command");
        assertNotNull(help);
    }

    @Test
    @Order(2)
    void organizerOnlyCommandIsRefusedForOthersAndRunsForOrganizers() {
        bob.say(room, "!tz Europe/Berlin");
        ChatEvent.Message refusal = bob.await(botNotice(room, "organizers"), REPLY);
        assertTrue(refusal.body().contains("!tz"));

        alice.say(room, "!tz Europe/Berlin");
        alice.await(botNotice(room, "Time zone for this room: Europe/Berlin"), REPLY);
    }

    @Test
    @Order(3)
    void theBotsDeviceIsCrossSignedAsSeenFromThePersonsClient() {
        assertTrue(process.crossSigned(), "the bot reports its device cross-signed");
        assertTrue(alice.chat().seesDeviceCrossSigned(bot, process.deviceId(), REPLY),
                "alice sees the bot's device as cross-signed: " + alice.chat().deviceTrust(bot, process.deviceId()));
        alice.say(room, "!about");
        ChatEvent.Message about = alice.await(botNotice(room, "cross-signed"), REPLY);
        assertTrue(about.body().contains(process.deviceId()));
    }

    @Test
    @Order(4)
    void anInviteFromSomeoneNotAllowedIsNotAccepted() {
        Person mallory = Person.login(homeserver, homeserver.register("mallory"), dir.resolve("mallory"));
        try (mallory) {
            RoomId theirs = mallory.createRoom("not allowed", true, bot);
            // The bot declines: its membership goes from invite to leave, and it never joins.
            mallory.awaitMembership(theirs, bot, "leave", REPLY);
            assertTrue(mallory.received(m -> m.room().equals(theirs) && m.sender().equals(bot)).isEmpty());
            assertFalse(mallory.chat().awaitJoined(theirs, bot, Duration.ofMillis(1)));
        }
    }

    @Test
    @Order(5)
    void commandsSentBeforeTheBotJoinedNeverRun() {
        RoomId late = alice.createRoom("history", true);
        alice.say(late, "!ping");
        alice.chat().invite(late, bot);
        assertTrue(alice.chat().awaitJoined(late, bot, REPLY));
        alice.say(late, "!about");
        alice.await(botNotice(late, "cross-signed"), REPLY);
        assertTrue(alice.received(botNotice(late, "pong")).isEmpty(), "the old !ping was not answered");
    }

    /** The ops endpoint: healthy once synced, and the counts of what the tests above did. */
    @Test
    @Order(6)
    void healthzIsOkAfterTheFirstSyncAndMetricsCountTheEvents() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + opsPort + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, health.statusCode(), health.body());
        assertTrue(health.body().startsWith("ok: last sync "), health.body());

        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + opsPort + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, metrics.statusCode());
        String text = metrics.body();
        // For the README's excerpt: what a real bot serves after a few commands.
        Files.writeString(Path.of("target", "foundation-it-metrics.txt"), text);
        Matcher handled = Pattern.compile("assemblybot_events_handled_total\\{kind=\"message\"} (\\d+)").matcher(text);
        assertTrue(handled.find() && Double.parseDouble(handled.group(1)) > 0, text);
        Matcher sent = Pattern.compile("assemblybot_outbox_sent_total\\{kind=\"message\"} (\\d+)").matcher(text);
        assertTrue(sent.find() && Double.parseDouble(sent.group(1)) >= 5, "the replies so far: " + text);
        assertTrue(text.contains("assemblybot_healthy 1.0"), text);
        assertTrue(text.contains("assemblybot_outbox_depth 0.0"), text);
        assertTrue(text.contains("assemblybot_sync_lag_seconds "), text);
        assertTrue(text.contains("jvm_memory_used_bytes{area=\"heap\"}"), text);
        assertFalse(text.contains("canary") || text.contains("!ping") || text.contains("@alice"),
                "no message text and no user ids in the labels");
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @Order(7)
    void aRestartKeepsTheDeviceAnswersNewCommandsAndNeverAnswersTwice() {
        String device = process.deviceId();
        int helpReplies = alice.received(botNotice(room, "!ping")).size();
        assertEquals(1, helpReplies);

        assertEquals(143, process.stop(), "SIGTERM ends the bot cleanly (128 + 15)");
        process = startBot();
        assertEquals(device, process.deviceId(), "the same device, restored without a new login");
        assertFalse(process.log().contains("new login"));

        alice.say(room, "!ping");
        alice.await(botNotice(room, "pong"), REPLY);
        assertEquals(helpReplies, alice.received(botNotice(room, "!ping")).size(), "!help was not answered again");
        assertEquals(1, alice.received(botNotice(room, "Time zone for this room")).size());
    }

    @Test
    @Order(8)
    void noDecryptedTextAtRestNoSecretsInLogsAndPrivateFiles() throws IOException, InterruptedException {
        String canary = "canary-" + UUID.randomUUID();
        alice.say(room, "a secret plan " + canary);
        alice.say(room, "!tz " + canary);
        alice.await(botNotice(room, "canary"), REPLY);
        process.stop();

        Path data = dir.resolve("bot/data");
        byte[] needle = canary.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(data)) {
            for (Path file : files.toList()) {
                if (Files.isRegularFile(file)) {
                    assertFalse(contains(Files.readAllBytes(file), needle), "canary found at rest in " + file);
                    assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE),
                            Files.getPosixFilePermissions(file), "mode of " + file);
                } else if (Files.isDirectory(file)) {
                    assertEquals(PosixFilePermissions.fromString("rwx------"), Files.getPosixFilePermissions(file),
                            "mode of " + file);
                }
            }
        }
        for (int i = 1; i <= starts; i++) {
            String log = Files.readString(dir.resolve("bot-" + i + ".log"));
            assertFalse(log.contains(canary), "a message body reached the log");
            assertFalse(log.contains(botAccount.password()), "the bot's password reached the log");
            assertFalse(log.contains(aliceAccount.password()));
            assertFalse(log.contains(Files.readString(data.resolve("recovery-key.txt")).trim()),
                    "the recovery key reached the log");
        }
        // The stopped bot's database and Matrix store pass the operators' check, the store read through.
        Path verifyLog = dir.resolve("verify.log");
        Process verify = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
                System.getProperty("assemblybot.jar", "target/assembly-bot.jar"), "verify", "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(verifyLog.toFile()).start();
        assertTrue(verify.waitFor(2, java.util.concurrent.TimeUnit.MINUTES));
        assertEquals(0, verify.exitValue(), Files.readString(verifyLog));
        assertTrue(Files.readString(verifyLog).contains("trixnity.mv.db: ok"), Files.readString(verifyLog));
    }

    @Test
    @Order(9)
    void aWrongPasswordOrAnUnreachableHomeserverStopsWithAClearMessage() throws IOException {
        Path wrong = BotConfigFile.write(dir.resolve("wrong"), homeserver.url(),
                new Synapse.Account(botAccount.userId(), "not-the-password"), List.of());
        Path log = dir.resolve("wrong.log");
        assertEquals(1, BotProcess.runToExit(wrong, log, Duration.ofMinutes(1)));
        assertTrue(Files.readString(log).contains("wrong user id or password"), Files.readString(log));
        assertFalse(Files.readString(log).contains("not-the-password"));

        Path unreachable = BotConfigFile.write(dir.resolve("unreachable"), "http://127.0.0.1:9", botAccount, List.of());
        Path log2 = dir.resolve("unreachable.log");
        assertEquals(1, BotProcess.runToExit(unreachable, log2, Duration.ofMinutes(1)));
        assertTrue(Files.readString(log2).contains("cannot reach the homeserver at http://127.0.0.1:9"),
                Files.readString(log2));
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
