package org.assemblybot.adapter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.config.ConfigSection;
import org.assemblybot.core.config.Setting;
import org.assemblybot.core.config.ValueType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConfigLoaderTest {
    private static final String MINIMAL = """
            matrix:
              homeserver: https://matrix.example.org
              user_id: "@bot:example.org"
            storage:
              data_dir: /var/lib/assembly-bot
            """;

    @TempDir
    Path tmp;

    private Path write(String yaml) throws IOException {
        Path file = tmp.resolve("bot.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    /** The adapters' own sections only: feature sections are the app's, tested in ExampleConfigTest. */
    private static BotConfig load(Path file) {
        return ConfigLoader.load(file, List.of());
    }

    /** Loads {@code yaml} expecting failure; returns the message with the file's path cut to its name. */
    private String error(String yaml) throws IOException {
        Path file = write(yaml);
        ConfigException e = assertThrows(ConfigException.class, () -> load(file));
        assertTrue(e.getMessage().startsWith(file + ": "), e.getMessage());
        return "bot.yaml: " + e.getMessage().substring((file + ": ").length());
    }

    @Test
    void appliesDefaultsForEverythingOptional() throws IOException {
        BotConfig config = load(write(MINIMAL));

        assertNull(config.matrix().passwordFile());
        assertEquals(MatrixConfig.DEFAULT_DEVICE_NAME, config.matrix().deviceName());
        assertEquals(Duration.ofSeconds(30), config.matrix().decryptionWait());
        assertEquals(List.of(), config.access().invitesFrom());
        assertEquals(50, config.access().organizerPowerLevel());
        assertEquals("!", config.commands().prefix());
        assertEquals(Duration.ofMinutes(5), config.commands().maxAge());
    }

    @Test
    void relativePathsResolveAgainstTheConfigFilesDirectory() throws IOException {
        BotConfig config = load(write("""
                matrix:
                  homeserver: https://matrix.example.org
                  user_id: "@bot:example.org"
                  password_file: secrets/password
                storage:
                  data_dir: ./state/../data
                """));
        assertEquals(tmp.resolve("data"), config.storage().dataDir());
        assertEquals(tmp.resolve("secrets/password"), config.matrix().passwordFile());
    }

    @Test
    void unknownKeyIsNamed() throws IOException {
        assertEquals("bot.yaml: unknown key 'matrix.homeservr'; did you mean 'matrix.homeserver'?", error("""
                matrix:
                  homeservr: https://matrix.example.org
                  user_id: "@bot:example.org"
                storage:
                  data_dir: /data
                """));
    }

    @Test
    void unknownSectionIsNamed() throws IOException {
        assertEquals("bot.yaml: unknown key 'comands'; did you mean 'commands'?", error(MINIMAL + "comands:\n  prefix: \"!\"\n"));
    }

    @Test
    void missingRequiredKeyIsNamed() throws IOException {
        assertEquals("bot.yaml: missing required key 'matrix.user_id'", error("""
                matrix:
                  homeserver: https://matrix.example.org
                storage:
                  data_dir: /data
                """));
    }

    @Test
    void missingRequiredSectionIsNamed() throws IOException {
        assertEquals("bot.yaml: missing required key 'storage'", error("""
                matrix:
                  homeserver: https://matrix.example.org
                  user_id: "@bot:example.org"
                """));
    }

    @Test
    void badInviteEntryIsNamedWithItsIndex() throws IOException {
        assertEquals("bot.yaml: 'access.invites_from[1]' must be a user id like @alice:example.org"
                + " or a server like :example.org, not \"example.org\"", error(MINIMAL + """
                access:
                  invites_from: ["@alice:example.org", "example.org"]
                """));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            homeserver: ftp://example.org               | 'matrix.homeserver' must be an http or https URL like https://matrix.example.org, not "ftp://example.org"
            homeserver: matrix.example.org              | 'matrix.homeserver' must be an http or https URL like https://matrix.example.org, not "matrix.example.org"
            user_id: bot                                | 'matrix.user_id' must be a user id like @bot:example.org, not "bot"
            decryption_wait: 30                         | 'matrix.decryption_wait' must be a duration like 30s, 5m, 2h, 1d or PT30S, not 30
            device_name: [a, b]                         | 'matrix.device_name' must be a single value, not a list or section
            """)
    void badMatrixValuesAreNamed(String line, String problem) throws IOException {
        String yaml = MINIMAL.replace("  homeserver: https://matrix.example.org\n", "")
                .replace("  user_id: \"@bot:example.org\"\n", "");
        String matrix = "matrix:\n";
        if (!line.startsWith("homeserver")) {
            matrix += "  homeserver: https://matrix.example.org\n";
        }
        if (!line.startsWith("user_id")) {
            matrix += "  user_id: \"@bot:example.org\"\n";
        }
        yaml = yaml.replace("matrix:\n", matrix + "  " + line + "\n");
        assertEquals("bot.yaml: " + problem, error(yaml));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            prefix: "!!!!"                 | 'commands.prefix' must be 1 to 3 characters without spaces, like "!" (quote it), not "!!!!"
            prefix: "! "                   | 'commands.prefix' must be 1 to 3 characters without spaces, like "!" (quote it), not "! "
            max_age: 0s                    | 'commands.max_age' must be longer than zero, not "0s"
            max_age: soon                  | 'commands.max_age' must be a duration like 30s, 5m, 2h, 1d or PT30S, not "soon"
            """)
    void badCommandValuesAreNamed(String line, String problem) throws IOException {
        assertEquals("bot.yaml: " + problem, error(MINIMAL + "commands:\n  " + line + "\n"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            organizer_power_level: -1          | 'access.organizer_power_level' must be a whole number of 0 or more, like 50, not -1
            organizer_power_level: "50"        | 'access.organizer_power_level' must be a whole number of 0 or more, like 50, not "50"
            invites_from: "@alice:example.org" | 'access.invites_from' must be a list, e.g. ["@alice:example.org", ":example.org"], not "@alice:example.org"
            """)
    void badAccessValuesAreNamed(String line, String problem) throws IOException {
        assertEquals("bot.yaml: " + problem, error(MINIMAL + "access:\n  " + line + "\n"));
    }

    @Test
    void invalidYamlNamesTheLine() throws IOException {
        String message = error(MINIMAL + "access: [unclosed\n");
        assertTrue(message.startsWith("bot.yaml: not valid YAML at line "), message);
    }

    @Test
    void duplicateKeysFail() throws IOException {
        String message = error(MINIMAL + "storage:\n  data_dir: /other\n");
        assertTrue(message.startsWith("bot.yaml: not valid YAML") && message.contains("storage"), message);
    }

    @Test
    void emptyFileFails() throws IOException {
        assertEquals("bot.yaml: is empty; see bot-config.example.yaml", error(""));
    }

    @Test
    void missingFileFailsWithItsName() {
        Path file = tmp.resolve("absent.yaml");
        ConfigException e = assertThrows(ConfigException.class, () -> load(file));
        assertTrue(e.getMessage().startsWith(file + ": cannot read"), e.getMessage());
    }

    /** A section as a feature declares it; the loader gets it passed in and knows nothing else of it. */
    private static final Setting<Duration> LEAD = Setting.of("lead", ValueType.duration().positive())
            .byDefault(Duration.ofMinutes(10)).comment("How long before a shift the next person is told.");
    private static final ConfigSection ROTATION = ConfigSection.optional("rotation", LEAD);

    @Test
    void featureSectionsArePassedInAndChecked() throws IOException {
        BotConfig config = ConfigLoader.load(write(MINIMAL + "rotation:\n  lead: 1h30m\n"), List.of(ROTATION));
        assertEquals(Duration.ofMinutes(90), config.sections().of(ROTATION).get(LEAD));
        assertEquals(Duration.ofMinutes(10),
                ConfigLoader.load(write(MINIMAL), List.of(ROTATION)).sections().of(ROTATION).get(LEAD));

        Path typo = write(MINIMAL + "rotation:\n  laed: 5m\n");
        assertEquals(typo + ": unknown key 'rotation.laed'; did you mean 'rotation.lead'?",
                assertThrows(ConfigException.class, () -> ConfigLoader.load(typo, List.of(ROTATION))).getMessage());
        Path bad = write(MINIMAL + "rotaton:\n  lead: 5m\n");
        assertEquals(bad + ": unknown key 'rotaton'; did you mean 'rotation'?",
                assertThrows(ConfigException.class, () -> ConfigLoader.load(bad, List.of(ROTATION))).getMessage());
        Path zero = write(MINIMAL + "rotation:\n  lead: 0m\n");
        assertEquals(zero + ": 'rotation.lead' must be longer than zero, not \"0m\"",
                assertThrows(ConfigException.class, () -> ConfigLoader.load(zero, List.of(ROTATION))).getMessage());
    }

    @Test
    void aSectionTheFeaturesDoNotDeclareIsUnknown() throws IOException {
        assertEquals("bot.yaml: unknown key 'rotation'", error(MINIMAL + "rotation:\n  lead: 5m\n"));
    }

    @Test
    void durationsReadAsInCommands() throws IOException {
        BotConfig config = ConfigLoader.load(write(MINIMAL + "commands:\n  max_age: 1h30m\n"), List.of());
        assertEquals(Duration.ofMinutes(90), config.commands().maxAge());
        assertEquals(Duration.ofDays(7),
                ConfigLoader.load(write(MINIMAL + "commands:\n  max_age: 1w\n"), List.of()).commands().maxAge());
    }

    @Test
    void aRootThatIsNotASetOfSectionsNamesThem() throws IOException {
        assertEquals("bot.yaml: must be a set of sections (matrix, storage, access, commands)", error("- a\n- b\n"));
    }

    @Test
    void invitesAreAllowedByUserOrServer() {
        AccessConfig access = new AccessConfig(List.of("@alice:example.org", ":friends.org"), 50);
        assertTrue(access.allowsInviteFrom(new UserId("@alice:example.org")));
        assertTrue(access.allowsInviteFrom(new UserId("@anyone:friends.org")));
        assertFalse(access.allowsInviteFrom(new UserId("@bob:example.org")));
        assertFalse(access.allowsInviteFrom(new UserId("@alice:evil.org")));
        assertFalse(new AccessConfig(List.of(), 50).allowsInviteFrom(new UserId("@alice:example.org")));
    }
}
