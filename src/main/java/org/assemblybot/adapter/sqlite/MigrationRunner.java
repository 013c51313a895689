package org.assemblybot.adapter.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the forward-only migrations (S2). The scripts are listed in {@code migrations/index.txt}
 * because listing a classpath folder inside a jar is fragile; a unit test keeps the index in step with
 * the folder. Before anything is applied, the migrations already applied are compared with what this build
 * ships ({@link AppliedMigrations}). All pending migrations run in one transaction, followed by a check that
 * every declared table exists, so a failed check or upgrade leaves the database exactly as it was.
 */
public final class MigrationRunner {
    private static final String INDEX_FILE = "index.txt";

    private static final Logger log = LoggerFactory.getLogger(MigrationRunner.class);

    private final List<Migration> migrations;

    /** @param migrations ordered, numbered 1, 2, 3 … without gaps */
    public MigrationRunner(List<Migration> migrations) {
        for (int i = 0; i < migrations.size(); i++) {
            if (migrations.get(i).version() != i + 1) {
                throw new IllegalArgumentException("migration " + migrations.get(i).name()
                        + " is at position " + (i + 1) + "; versions must run 1, 2, 3 … without gaps");
            }
        }
        this.migrations = List.copyOf(migrations);
    }

    /** The migrations shipped on the classpath, in the order of {@code migrations/index.txt}. */
    public static MigrationRunner fromClasspath() {
        return fromIndex(name -> resource("migrations/" + name));
    }

    /** The migrations of a folder laid out like {@code migrations/}; tests use a copy they change. */
    static MigrationRunner fromDirectory(Path folder) {
        return fromIndex(name -> {
            try {
                return Files.readAllBytes(folder.resolve(name));
            } catch (IOException e) {
                throw new StorageException("cannot read migration file " + folder.resolve(name), e);
            }
        });
    }

    /** @param read the bytes of a file of the migrations folder, by name */
    private static MigrationRunner fromIndex(Function<String, byte[]> read) {
        List<Migration> migrations = new ArrayList<>();
        for (String line : new String(read.apply(INDEX_FILE), StandardCharsets.UTF_8).split("\n")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                migrations.add(Migration.read(name, read.apply(name)));
            }
        }
        return new MigrationRunner(migrations);
    }

    private static byte[] resource(String path) {
        try (InputStream in = MigrationRunner.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new StorageException("missing resource " + path + " (is migrations/ on the classpath?)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new StorageException("cannot read resource " + path, e);
        }
    }

    public List<Migration> migrations() {
        return migrations;
    }

    public int latestVersion() {
        return migrations.size();
    }

    /** Brings the schema to the latest version; returns the version reached. */
    public int migrate(Database db) {
        return migrate(db, latestVersion());
    }

    /** Brings the schema up to {@code targetVersion} at most (tests use this to build older databases). */
    public int migrate(Database db, int targetVersion) {
        Sql sql = new Sql(db);
        AppliedMigrations applied = new AppliedMigrations(sql, db.file());
        return db.inTransaction(() -> {
            sql.update("CREATE TABLE IF NOT EXISTS schema_version(version INTEGER NOT NULL)");
            applied.createIfMissing();
            int current = currentVersion(sql);
            if (current > latestVersion()) {
                List<String> unknown = applied.namesAbove(latestVersion());
                throw new StorageException("database " + db.file() + " has schema version " + current
                        + " but this assembly-bot only knows up to " + latestVersion()
                        + (unknown.isEmpty() ? "" : " (it does not ship " + String.join(", ", unknown) + ")")
                        + "; run the newer release that wrote it, or restore a backup");
            }
            applied.verify(migrations, current);
            int target = Math.min(targetVersion, latestVersion());
            for (Migration m : migrations.subList(current, Math.max(current, target))) {
                log.info("Applying database migration {}", m.name());
                executeScript(db, m);
                applied.record(m);
            }
            int reached = Math.max(current, target);
            if (reached != current) {
                sql.update("DELETE FROM schema_version");
                sql.update("INSERT INTO schema_version(version) VALUES (?)", reached);
            }
            checkTablesExist(db, sql, reached);
            return reached;
        });
    }

    /** The version recorded in the database; 0 for a new database. */
    public static int currentVersion(Sql sql) {
        return sql.one("SELECT max(version) FROM schema_version", row -> row.getInt(1)).orElse(0);
    }

    private static void executeScript(Database db, Migration m) {
        // executeUpdate runs the whole script (several statements) through sqlite3_exec.
        try (Statement st = db.connection().createStatement()) {
            st.executeUpdate(m.sql());
        } catch (SQLException e) {
            throw new StorageException("migration " + m.name() + " failed; the database was left unchanged", e);
        }
    }

    private void checkTablesExist(Database db, Sql sql, int version) {
        Set<String> expected = new LinkedHashSet<>();
        migrations.subList(0, version).forEach(m -> expected.addAll(m.tables()));
        Set<String> present = new LinkedHashSet<>(
                sql.list("SELECT name FROM sqlite_master WHERE type = 'table'", row -> row.getString(1)));
        expected.removeAll(present);
        if (!expected.isEmpty()) {
            throw new StorageException("database " + db.file() + " at schema version " + version
                    + " is missing tables " + expected + "; refusing to start on a damaged schema");
        }
    }
}
