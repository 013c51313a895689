package org.assemblybot.adapter.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.config.ConfigSection;
import org.assemblybot.core.config.SectionValues;
import org.assemblybot.core.config.Setting;
import org.assemblybot.core.config.ValueType;

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

    static final Setting<URI> HOMESERVER = Setting.of("homeserver", ValueType.text()
                    .map(MatrixConfig::httpUrl, "must be an http or https URL like https://matrix.example.org"))
            .required().example(URI.create("http://127.0.0.1:8008"))
            .comment("The homeserver's client API base URL (http or https).");
    static final Setting<UserId> USER_ID = Setting.of("user_id", ValueType.text()
                    .map(UserIds::parse, "must be a user id like @bot:example.org"))
            .required().example(new UserId("@bot:localhost"))
            .comment("The bot's own account. Quote it: YAML reserves a leading '@'.");
    static final Setting<Path> PASSWORD_FILE = Setting.of("password_file", ValueType.path())
            .example(Path.of("/run/secrets/bot-password"))
            .comment("A file holding only the account's password (chmod 600; a trailing newline is ignored)."
                    + " Leave this key out to read the password from the environment variable "
                    + PasswordSource.ENV + " instead. The password itself never goes into this file.");
    static final Setting<String> DEVICE_NAME = Setting.of("device_name", ValueType.text().notBlank())
            .byDefault(DEFAULT_DEVICE_NAME)
            .comment("Shown to room members in their list of devices.");
    static final Setting<Duration> DECRYPTION_WAIT = Setting.of("decryption_wait", ValueType.duration())
            .byDefault(DEFAULT_DECRYPTION_WAIT)
            .comment("How long to wait for late room keys before a message counts as undecryptable.");
    static final ConfigSection SECTION = ConfigSection.required("matrix",
            HOMESERVER, USER_ID, PASSWORD_FILE, DEVICE_NAME, DECRYPTION_WAIT);

    public MatrixConfig {
        Objects.requireNonNull(homeserver, "homeserver");
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(deviceName, "deviceName");
        Objects.requireNonNull(decryptionWait, "decryptionWait");
    }

    /** @param paths makes the password file's path absolute (relative ones are from the config file's folder) */
    static MatrixConfig from(SectionValues values, UnaryOperator<Path> paths) {
        return new MatrixConfig(values.get(HOMESERVER), values.get(USER_ID),
                values.find(PASSWORD_FILE).map(paths).orElse(null), values.get(DEVICE_NAME),
                values.get(DECRYPTION_WAIT));
    }

    private static Optional<URI> httpUrl(String text) {
        try {
            URI uri = new URI(text);
            boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
            return http && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty(); // reported by the caller with the key's name
        }
    }
}
