package org.assemblybot.adapter.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class MigrationRunnerTest {
    private static final MigrationRunner REAL = MigrationRunner.fromClasspath();

    @TempDir
    Path tmp;

    private Path dataDir() {
        return tmp.resolve("data");
    }

    private static int version(Database db) {
        return MigrationRunner.currentVersion(new Sql(db));
    }

    private static List<String> tables(Database db) {
        return new Sql(db).list("SELECT name FROM sqlite_master WHERE type = 'table'", row -> row.getString(1));
    }

    private static List<String> allDeclaredTables() {
        return REAL.migrations().stream().flatMap(m -> m.tables().stream()).toList();
    }

    /** What the runner recorded of each applied migration: version, name and checksum. */
    static List<String> recorded(Database db) {
        return new Sql(db).list("SELECT version || ' ' || name || ' ' || sha256 FROM schema_migrations ORDER BY version",
                row -> row.getString(1));
    }

    /** The same for the first {@code upTo} shipped migrations. */
    static List<String> shipped(int upTo) {
        return REAL.migrations().subList(0, upTo).stream()
                .map(m -> m.version() + " " + m.name() + " " + m.sha256()).toList();
    }

    @Test
    void migratesAnEmptyDatabaseToTheLatestVersion() {
        try (Database db = Database.open(dataDir())) {
            assertEquals(REAL.latestVersion(), version(db));
            assertTrue(tables(db).containsAll(allDeclaredTables()), tables(db).toString());
            assertEquals(shipped(REAL.latestVersion()), recorded(db));
        }
    }

    /** Every version the code ever shipped: a database that stopped there must upgrade. */
    static Stream<Integer> olderVersions() {
        return IntStream.range(0, REAL.latestVersion()).boxed();
    }

    @ParameterizedTest(name = "from version {0}")
    @MethodSource("olderVersions")
    void upgradesADatabaseThatStoppedAtAnOlderVersion(int older) {
        try (Database db = Database.openUnmigrated(dataDir())) {
            assertEquals(older, REAL.migrate(db, older));
            assertEquals(older, version(db));
        }
        try (Database db = Database.open(dataDir())) {
            assertEquals(REAL.latestVersion(), version(db));
            assertTrue(tables(db).containsAll(allDeclaredTables()), tables(db).toString());
            assertEquals(shipped(REAL.latestVersion()), recorded(db));
        }
    }

    @Test
    void reopeningAMigratedDatabaseChangesNothing() {
        Database.open(dataDir()).close();
        try (Database db = Database.open(dataDir())) {
            assertEquals(REAL.latestVersion(), version(db));
            assertEquals(1, new Sql(db).one("SELECT count(*) FROM schema_version", row -> row.getInt(1)).orElseThrow());
        }
    }

    @Test
    void refusesADatabaseNewerThanTheCode() {
        try (Database db = Database.open(dataDir())) {
            new Sql(db).update("UPDATE schema_version SET version = ?", REAL.latestVersion() + 1);
        }
        StorageException e = assertThrows(StorageException.class, () -> Database.open(dataDir()));
        assertTrue(e.getMessage().contains("schema version " + (REAL.latestVersion() + 1)), e.getMessage());
    }

    @Test
    void refusesToStartWhenADeclaredTableIsMissing() {
        try (Database db = Database.open(dataDir())) {
            new Sql(db).update("DROP TABLE room_joins");
        }
        StorageException e = assertThrows(StorageException.class, () -> Database.open(dataDir()));
        assertTrue(e.getMessage().contains("missing tables [room_joins]"), e.getMessage());
    }

    @Test
    void aFailingMigrationLeavesTheDatabaseUnchanged() {
        MigrationRunner runner = new MigrationRunner(List.of(
                Migration.parse("V1__good.sql", "-- tables: good\nCREATE TABLE good(x INTEGER);"),
                Migration.parse("V2__bad.sql", "CREATE TABLE also_good(x INTEGER); CREATE TABLE broken(;")));
        try (Database db = Database.openUnmigrated(dataDir())) {
            assertThrows(StorageException.class, () -> runner.migrate(db));
            assertEquals(List.of(), tables(db));
        }
    }

    @Test
    void aMigrationThatDoesNotCreateItsDeclaredTablesFails() {
        MigrationRunner runner = new MigrationRunner(List.of(
                Migration.parse("V1__typo.sql", "-- tables: votes\nCREATE TABLE vote(x INTEGER);")));
        try (Database db = Database.openUnmigrated(dataDir())) {
            StorageException e = assertThrows(StorageException.class, () -> runner.migrate(db));
            assertTrue(e.getMessage().contains("missing tables [votes]"), e.getMessage());
            assertEquals(List.of(), tables(db));
        }
    }

    @Test
    void runsEveryStatementOfAScript() {
        MigrationRunner runner = new MigrationRunner(List.of(
                Migration.parse("V1__two.sql", "-- tables: a, b\nCREATE TABLE a(x INTEGER);\nCREATE TABLE b(y INTEGER);")));
        try (Database db = Database.openUnmigrated(dataDir())) {
            assertEquals(1, runner.migrate(db));
            assertTrue(tables(db).containsAll(List.of("a", "b")));
        }
    }

    @Test
    void rejectsGapsInTheSequence() {
        assertThrows(IllegalArgumentException.class, () -> new MigrationRunner(List.of(
                Migration.parse("V2__skipped_one.sql", "SELECT 1;"))));
    }
}
