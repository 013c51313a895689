package org.assemblybot.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Collectors;

/** Writes a bot config (and its password file, 0600) for a test or benchmark run. */
public final class BotConfigFile {
    private BotConfigFile() {
    }

    public static Path write(Path dir, String homeserver, Synapse.Account bot, List<String> invitesFrom) {
        try {
            Files.createDirectories(dir);
            Path password = dir.resolve("bot-password");
            Files.deleteIfExists(password);
            Files.createFile(password, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(password, bot.password() + "\n");
            String invites = invitesFrom.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(", "));
            Path config = dir.resolve("bot.yaml");
            Files.writeString(config, """
                    matrix:
                      homeserver: %s
                      user_id: "%s"
                      password_file: %s
                      device_name: assembly-bot-test
                      decryption_wait: 15s
                    storage:
                      data_dir: %s
                    access:
                      invites_from: [%s]
                      organizer_power_level: 50
                    commands:
                      prefix: "!"
                      max_age: 5m
                    """.formatted(homeserver, bot.userId(), password, dir.resolve("data"), invites));
            return config;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
