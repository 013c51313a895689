package org.assemblybot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.assemblybot.adapter.sqlite.Database;
import org.assemblybot.adapter.sqlite.Sql;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, through {@link Main#run}: exit codes, what goes to stdout and stderr, and side effects. */
class MainTest {
    @TempDir
    Path tmp;

    private final CliRun cli = new CliRun();

    private Path dataDir() {
        return tmp.resolve("data");
    }

    /** A valid config with its data in {@link #dataDir()}, plus extra lines under matrix and under storage. */
    private Path config(String matrixExtra, String storageExtra) throws IOException {
        return CliRun.config(tmp, dataDir(), matrixExtra, storageExtra);
    }

    private Path validConfig() throws IOException {
        return config("", "");
    }

    @Test
    void noArgumentsPrintsUsage() {
        assertEquals(Main.BAD_USAGE_OR_CONFIG, cli.run());
        assertTrue(cli.err().contains("Usage:"), cli.err());
        assertEquals("", cli.out());
    }

    @Test
    void anUnknownCommandIsABadUsage() {
        assertEquals(Main.BAD_USAGE_OR_CONFIG, cli.run("frobnicate"));
        assertTrue(cli.err().contains("Unknown command 'frobnicate'"), cli.err());
        assertTrue(cli.err().contains("Usage:"), cli.err());
    }

    @Test
    void theExampleConfigInTheRepositoryChecksOk() {
        Path example = Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("bot-config.example.yaml");
        assertEquals(Main.OK, cli.run("check-config", example.toString()), cli.err());
        assertTrue(cli.out().contains(example + ": OK"), cli.out());
        assertEquals("", cli.err());
    }

    @Test
    void checkConfigNamesAnUnknownKeyAndTheFile() throws IOException {
        Path file = config("", "  colour: blue");
        assertEquals(Main.BAD_USAGE_OR_CONFIG, cli.run("check-config", file.toString()));
        assertTrue(cli.err().contains("'storage.colour'"), cli.err());
        assertTrue(cli.err().contains(file.toString()), cli.err());
        assertEquals("", cli.out());
    }

    @Test
    void checkConfigNamesAMissingRequiredKey() throws IOException {
        Path file = tmp.resolve("bot.yaml");
        Files.writeString(file, """
                matrix:
                  homeserver: http://127.0.0.1:9
                storage:
                  data_dir: %s
                """.formatted(dataDir()));
        assertEquals(Main.BAD_USAGE_OR_CONFIG, cli.run("check-config", "--config", file.toString()));
        assertTrue(cli.err().contains("missing required key 'matrix.user_id'"), cli.err());
    }

    @Test
    void runWithABadConfigStopsBeforeWritingAnything() throws IOException {
        Path file = config("", "  colour: blue");
        assertEquals(Main.BAD_USAGE_OR_CONFIG, cli.run("run", "--config", file.toString()));
        assertTrue(cli.err().contains("'storage.colour'"), cli.err());
        assertFalse(Files.exists(dataDir()), "nothing written");
    }

    /** A password that cannot be read is a config error too: found before the data dir is created or locked. */
    @Test
    void runWithAnUnreadablePasswordFileStopsBeforeWritingAnything() throws IOException {
        Path file = config("  password_file: " + tmp.resolve("no-such-password"), "");
        assertEquals(Main.BAD_USAGE_OR_CONFIG, cli.run("run", "--config", file.toString()));
        assertTrue(cli.err().contains("matrix.password_file"), cli.err());
        assertFalse(Files.exists(dataDir()), "nothing written");
    }

    /**
     * The database says its V2 was applied from a file with another checksum — what it sees when the shipped
     * file was edited afterwards. The start fails as "could not start", naming the file, before the Matrix
     * client creates anything and without touching the database.
     */
    @Test
    void runStopsOnAnAppliedMigrationThatWasEditedNamingTheFile() throws IOException {
        String edited = "V2__schedule.sql";
        String otherChecksum = "0".repeat(64);
        try (Database db = Database.open(dataDir())) {
            assertEquals(1, new Sql(db).update("UPDATE schema_migrations SET sha256 = ? WHERE name = ?",
                    otherChecksum, edited));
        }
        Path password = tmp.resolve("password");
        Files.writeString(password, "not used\n");
        Files.setPosixFilePermissions(password, PosixFilePermissions.fromString("rw-------"));

        assertEquals(Main.FAILED, cli.run("run", "--config", config("  password_file: " + password, "").toString()));

        assertTrue(cli.err().contains(edited) && cli.err().contains("edited"), cli.err());
        assertFalse(Files.exists(dataDir().resolve("matrix")), "the Matrix client was never started");
        assertEquals(otherChecksum, recordedChecksum(edited), "the record was left as it was");
    }

    /** Read with plain JDBC: opening it as the bot does would stop at the same check. */
    private String recordedChecksum(String migration) {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir().resolve(Database.FILE_NAME));
             PreparedStatement st = c.prepareStatement("SELECT sha256 FROM schema_migrations WHERE name = ?")) {
            st.setString(1, migration);
            try (ResultSet rs = st.executeQuery()) {
                assertTrue(rs.next(), migration + " is recorded");
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void runWithoutConfigIsABadUsage() {
        assertEquals(Main.BAD_USAGE_OR_CONFIG, cli.run("run"));
        assertTrue(cli.err().contains("Missing required option: '--config=FILE'"), cli.err());
        assertTrue(cli.err().contains("Usage: assembly-bot run"), cli.err());
    }

    @Test
    void versionPrintsTheBuildVersion() {
        assertEquals(Main.OK, cli.run("version"));
        assertTrue(cli.out().matches("assembly-bot \\S+\\R"), cli.out());
        assertFalse(cli.out().contains("unknown"), cli.out());
    }

    @Test
    void backupWithoutATargetIsABadUsage() throws IOException {
        assertEquals(Main.BAD_USAGE_OR_CONFIG, cli.run("backup", "--config", validConfig().toString()));
        assertTrue(cli.err().contains("Missing required parameter: 'TARGET'"), cli.err());
        assertFalse(Files.exists(dataDir()), "nothing written");
    }

    @Test
    void backupWritesAnOwnerOnlyCopyOfTheDatabase() throws IOException {
        Database.open(dataDir()).close();
        Path target = tmp.resolve("backup.db");

        assertEquals(Main.OK, cli.run("backup", "--config", validConfig().toString(), target.toString()), cli.err());

        assertTrue(Files.isRegularFile(target));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        byte[] header = new byte[16];
        System.arraycopy(Files.readAllBytes(target), 0, header, 0, header.length);
        assertEquals("SQLite format 3\0", new String(header, StandardCharsets.US_ASCII));
        assertTrue(cli.out().contains("Backed up the bot's database to " + target), cli.out());
    }
}
