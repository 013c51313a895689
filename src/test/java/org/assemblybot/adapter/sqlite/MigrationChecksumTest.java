package org.assemblybot.adapter.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.assemblybot.testkit.LogCapture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Applied migrations are compared with the shipped files at every start: edits, renames and removals stop
 * the start before anything is written; databases from before checksums get them recorded once.
 */
class MigrationChecksumTest {
    private static final Path SHIPPED = Path.of(System.getProperty("basedir", "")).toAbsolutePath()
            .resolve("migrations");
    private static final MigrationRunner REAL = MigrationRunner.fromClasspath();

    @TempDir
    Path tmp;

    @RegisterExtension
    final LogCapture logs = new LogCapture(AppliedMigrations.class);

    private Path dataDir() {
        return tmp.resolve("data");
    }

    /** A copy of the shipped migrations folder, for a test to change. */
    private Path copyOfMigrations() throws IOException {
        Path copy = Files.createDirectories(tmp.resolve("migrations"));
        try (Stream<Path> files = Files.list(SHIPPED)) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        return copy;
    }

    /** A harmless edit, the kind someone might think is safe: a comment at the end. */
    private static void edit(Path migration) throws IOException {
        Files.writeString(migration, Files.readString(migration) + "\n-- tidied up\n");
    }

    private static String name(int version) {
        return REAL.migrations().get(version - 1).name();
    }

    /** A database at {@code version} as this build leaves it (with checksums). */
    private void databaseAt(int version) {
        try (Database db = Database.openUnmigrated(dataDir())) {
            assertEquals(version, REAL.migrate(db, version));
        }
    }

    private int versionOnDisk() {
        try (Database db = Database.openUnmigrated(dataDir())) {
            return MigrationRunner.currentVersion(new Sql(db));
        }
    }

    private List<String> checksumMessages() {
        return logs.messages().stream().filter(m -> m.contains("predates migration checksums")).toList();
    }

    @Test
    void aFreshDatabaseRecordsTheChecksumOfEveryFileItApplied() throws Exception {
        try (Database db = Database.open(dataDir())) {
            assertEquals(MigrationRunnerTest.shipped(REAL.latestVersion()), MigrationRunnerTest.recorded(db));
            // The recorded value is the SHA-256 of the file as it is in migrations/, byte for byte.
            byte[] file = Files.readAllBytes(SHIPPED.resolve(name(1)));
            String expected = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
            assertEquals(List.of(expected),
                    new Sql(db).list("SELECT sha256 FROM schema_migrations WHERE version = 1", row -> row.getString(1)));
        }
        assertEquals(List.of(), checksumMessages(), "a new database has nothing to catch up on");
    }

    @Test
    void anEditedAppliedMigrationStopsTheStartNamingTheFileBeforeAnythingIsWritten() throws IOException {
        int applied = 3;
        databaseAt(applied);
        Path copy = copyOfMigrations();
        edit(copy.resolve(name(2)));

        StorageException e = assertThrows(StorageException.class,
                () -> Database.open(dataDir(), MigrationRunner.fromDirectory(copy)).close());

        assertTrue(e.getMessage().contains(name(2)), e.getMessage());
        assertTrue(e.getMessage().contains("edited"), e.getMessage());
        assertEquals(applied, versionOnDisk(), "the pending migrations were not applied");
    }

    /** Only what was applied is held to its checksum: a file may change until a database has run it. */
    @Test
    void aMigrationIsHeldToItsChecksumFromTheMomentItIsApplied() throws IOException {
        databaseAt(1);
        Path copy = copyOfMigrations();
        edit(copy.resolve(name(2)));
        Database.open(dataDir(), MigrationRunner.fromDirectory(copy)).close();
        assertEquals(REAL.latestVersion(), versionOnDisk());

        edit(copy.resolve(name(2)));
        StorageException e = assertThrows(StorageException.class,
                () -> Database.open(dataDir(), MigrationRunner.fromDirectory(copy)).close());
        assertTrue(e.getMessage().contains(name(2)), e.getMessage());
    }

    @Test
    void aRenamedAppliedMigrationStopsTheStartNamingBothFiles() throws IOException {
        databaseAt(REAL.latestVersion());
        Path copy = copyOfMigrations();
        String renamed = "V3__renamed.sql";
        Files.move(copy.resolve(name(3)), copy.resolve(renamed));
        Path index = copy.resolve("index.txt");
        Files.writeString(index, Files.readString(index).replace(name(3), renamed));

        StorageException e = assertThrows(StorageException.class,
                () -> Database.open(dataDir(), MigrationRunner.fromDirectory(copy)).close());

        assertTrue(e.getMessage().contains(name(3)) && e.getMessage().contains(renamed), e.getMessage());
    }

    @Test
    void aRemovedAppliedMigrationStopsTheStartNamingTheFile() throws IOException {
        databaseAt(REAL.latestVersion());
        Path copy = copyOfMigrations();
        String last = name(REAL.latestVersion());
        Files.delete(copy.resolve(last));
        Path index = copy.resolve("index.txt");
        Files.writeString(index, Files.readString(index).replace(last + "\n", ""));

        StorageException e = assertThrows(StorageException.class,
                () -> Database.open(dataDir(), MigrationRunner.fromDirectory(copy)).close());

        assertTrue(e.getMessage().contains(last), e.getMessage());
    }

    /** Every version a database could have stopped at before checksums were kept. */
    static Stream<Integer> versionsBeforeChecksums() {
        return IntStream.rangeClosed(1, REAL.latestVersion()).boxed();
    }

    /**
     * A database as the runner left it before checksums: only {@code schema_version}. It starts, records the
     * checksums of what it had applied (saying so once), and is checked like any other from then on.
     */
    @ParameterizedTest(name = "stopped at version {0}")
    @MethodSource("versionsBeforeChecksums")
    void aDatabaseFromBeforeChecksumsGetsThemRecordedOnceInsteadOfFailing(int version) {
        legacyDatabaseAt(version);

        try (Database db = Database.open(dataDir())) {
            assertEquals(MigrationRunnerTest.shipped(REAL.latestVersion()), MigrationRunnerTest.recorded(db));
        }
        assertEquals(1, checksumMessages().size(), logs.messages().toString());
        String message = checksumMessages().get(0);
        assertTrue(message.contains(name(1)) && message.contains(name(version)), message);
        if (version < REAL.latestVersion()) {
            assertFalse(message.contains(name(version + 1)), "only those applied before: " + message);
        }

        Database.open(dataDir()).close();
        assertEquals(1, checksumMessages().size(), "said once, not at every start");
    }

    @Test
    void afterTheRecordingAnEditIsCaughtAsUsual() throws IOException {
        legacyDatabaseAt(REAL.latestVersion());
        Database.open(dataDir()).close();
        Path copy = copyOfMigrations();
        edit(copy.resolve(name(1)));

        StorageException e = assertThrows(StorageException.class,
                () -> Database.open(dataDir(), MigrationRunner.fromDirectory(copy)).close());
        assertTrue(e.getMessage().contains(name(1)), e.getMessage());
    }

    /** What the runner wrote before it kept checksums: the scripts, and the version in schema_version. */
    private void legacyDatabaseAt(int version) {
        try (Database db = Database.openUnmigrated(dataDir())) {
            db.inTransaction(() -> {
                try (Statement st = db.connection().createStatement()) {
                    st.executeUpdate("CREATE TABLE schema_version(version INTEGER NOT NULL)");
                    for (Migration m : REAL.migrations().subList(0, version)) {
                        st.executeUpdate(m.sql());
                    }
                    st.executeUpdate("INSERT INTO schema_version(version) VALUES (" + version + ")");
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
                return null;
            });
        }
    }
}
