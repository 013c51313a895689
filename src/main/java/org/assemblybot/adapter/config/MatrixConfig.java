package org.assemblybot.adapter.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.assemblybot.core.chat.UserId;

/**
 * The {@code matrix} section. The password itself is never part of the config (P3): see
 * {@link PasswordSource}.
 *
 * @param passwordFile    file holding the password, or null to use {@code ASSEMBLY_BOT_PASSWORD}
 * @param decryptionWait  how long to wait for late room keys before counting a message as undecryptable
 */
public record MatrixConfig(URI homeserver, UserId userId, Path passwordFile, String deviceName,
                           Duration decryptionWait) {
    public static final String DEFAULT_DEVICE_NAME = "assembly-bot";
    public static final Duration DEFAULT_DECRYPTION_WAIT = Duration.ofSeconds(30);

    public MatrixConfig {
        Objects.requireNonNull(homeserver, "homeserver");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(deviceName, "deviceName");
        Objects.requireNonNull(decryptionWait, "decryptionWait");
    }
}
