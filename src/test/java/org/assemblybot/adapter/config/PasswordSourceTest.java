package org.assemblybot.adapter.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.assemblybot.core.chat.UserId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

class PasswordSourceTest {
    private static final String SECRET = "canary-pw-81c2 with spaces";

    @TempDir
    Path tmp;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(PasswordSource.class);

    @BeforeEach
    void captureLogs() {
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void releaseLogs() {
        logger.detachAppender(logs);
    }

    private static MatrixConfig matrix(Path passwordFile) {
        return new MatrixConfig(URI.create("https://m.example.org"), new UserId("@bot:example.org"), passwordFile,
                "assembly-bot", MatrixConfig.DEFAULT_DECRYPTION_WAIT);
    }

    private Path passwordFile(String content, String mode) throws IOException {
        Path file = tmp.resolve("password");
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
        return file;
    }

    @Test
    void readsTheFileWithoutItsTrailingNewline() throws IOException {
        Path file = passwordFile(SECRET + "\n", "rw-------");
        assertEquals(SECRET, PasswordSource.resolve(matrix(file), Map.of()));
        assertTrue(logs.list.isEmpty(), "an owner-only file needs no warning");
    }

    @Test
    void theFileWinsOverTheEnvironment() throws IOException {
        Path file = passwordFile(SECRET + "\r\n", "rw-------");
        assertEquals(SECRET, PasswordSource.resolve(matrix(file), Map.of(PasswordSource.ENV, "other")));
    }

    @Test
    void usesTheEnvironmentWithoutAFile() {
        assertEquals(SECRET, PasswordSource.resolve(matrix(null), Map.of(PasswordSource.ENV, SECRET)));
    }

    @Test
    void failsClearlyWithNeitherFileNorEnvironment() {
        ConfigException e = assertThrows(ConfigException.class, () -> PasswordSource.resolve(matrix(null), Map.of()));
        assertTrue(e.getMessage().contains("'matrix.password_file'") && e.getMessage().contains(PasswordSource.ENV),
                e.getMessage());
    }

    @Test
    void failsClearlyWhenTheFileIsUnreadable() {
        Path missing = tmp.resolve("no-such-file");
        ConfigException e = assertThrows(ConfigException.class,
                () -> PasswordSource.resolve(matrix(missing), Map.of(PasswordSource.ENV, SECRET)));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void failsOnAnEmptyFile() throws IOException {
        Path file = passwordFile("\n", "rw-------");
        assertThrows(ConfigException.class, () -> PasswordSource.resolve(matrix(file), Map.of()));
    }

    @Test
    void warnsAboutAGroupReadableFileWithoutShowingThePassword() throws IOException {
        Path file = passwordFile(SECRET, "rw-r-----");
        assertEquals(SECRET, PasswordSource.resolve(matrix(file), Map.of()));

        assertEquals(1, logs.list.size());
        ILoggingEvent warning = logs.list.get(0);
        assertEquals("WARN", warning.getLevel().toString());
        assertTrue(warning.getFormattedMessage().contains(file.toString()));
        assertFalse(warning.getFormattedMessage().contains("canary-pw"));
    }
}
