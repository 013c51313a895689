package org.assemblybot.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;

/**
 * The usual cast of an integration test or benchmark: the real homeserver, the bot as a packaged jar in its
 * own JVM (accepting invites from the person), and one person with a real client. Rooms are created by the
 * person with the bot invited, and returned once the bot has joined.
 */
public final class BotScene implements AutoCloseable {
    private static final Duration JOIN = Duration.ofSeconds(60);

    private final Synapse homeserver;
    private final Path dir;
    private final Path config;
    private final UserId bot;
    private final Synapse.Account botAccount;
    private final Map<String, String> env;
    private Person person;
    private BotProcess process;
    private int starts;

    private BotScene(Synapse homeserver, Path dir, Path config, Synapse.Account botAccount, Map<String, String> env) {
        this.homeserver = homeserver;
        this.dir = dir;
        this.config = config;
        this.botAccount = botAccount;
        this.bot = new UserId(botAccount.userId());
        this.env = env;
    }

    public static BotScene start(Path dir, Map<String, String> env) {
        return start(dir, env, "");
    }

    /** @param extraConfig more top-level sections for bot.yaml (YAML text), e.g. a countdown section */
    public static BotScene start(Path dir, Map<String, String> env, String extraConfig) {
        return start(dir, env, extraConfig, "person");
    }

    /** @param personName the first part of the person's user id (a random part follows) */
    public static BotScene start(Path dir, Map<String, String> env, String extraConfig, String personName) {
        Synapse homeserver = Synapse.get();
        Synapse.Account botAccount = homeserver.register("bot");
        Synapse.Account personAccount = homeserver.register(personName);
        Path config = BotConfigFile.write(dir.resolve("bot"), homeserver.url(), botAccount,
                List.of(personAccount.userId()));
        try {
            java.nio.file.Files.writeString(config, extraConfig, java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        BotScene scene = new BotScene(homeserver, dir, config, botAccount, env);
        scene.startBot();
        scene.person = Person.login(homeserver, personAccount, dir.resolve("person"));
        return scene;
    }

    /** Starts the bot (again), logging to a new file. */
    public BotProcess startBot() {
        process = BotProcess.start(config, dir.resolve("bot-" + (++starts) + ".log"), env);
        return process;
    }

    /** The bot's config file (for benchmarks that start the bot themselves). */
    public Path config() {
        return config;
    }

    public Synapse homeserver() {
        return homeserver;
    }

    public UserId bot() {
        return bot;
    }

    /** The bot's account (for tests that act on it as an operator would). */
    public Synapse.Account botAccount() {
        return botAccount;
    }

    public BotProcess process() {
        return process;
    }

    public Person person() {
        return person;
    }

    /** A room the person created with the bot invited; returned once the bot is in. */
    public RoomId room(String name, boolean encrypted) {
        RoomId room = person.createRoom(name, encrypted, bot);
        if (!person.chat().awaitJoined(room, bot, JOIN)) {
            throw new AssertionError("the bot did not join " + name);
        }
        return room;
    }

    /** {@code size} new accounts on lightweight clients, invited by the person and joined to {@code room}. */
    public List<LightClient> crowd(RoomId room, int size) {
        List<LightClient> crowd = new java.util.ArrayList<>();
        for (int i = 0; i < size; i++) {
            Synapse.Account account = homeserver.register("voter");
            LightClient member = LightClient.login(homeserver.url(), account);
            person.chat().invite(room, new UserId(account.userId()));
            member.join(room);
            crowd.add(member);
        }
        return crowd;
    }

    @Override
    public void close() {
        if (person != null) {
            person.close();
        }
        if (process != null) {
            process.close();
        }
    }
}
