package org.assemblybot.adapter.sqlite;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the forward-only migrations (S2). The scripts are listed in {@code migrations/index.txt}
 * because listing a classpath folder inside a jar is fragile; a unit test keeps the index in step with
 * the folder. All pending migrations run in one transaction, followed by a check that every declared
 * table exists, so a failed upgrade leaves the database exactly as it was.
 */
public final class MigrationRunner {
    static final String INDEX = "migrations/index.txt";

    private static final Logger log = LoggerFactory.getLogger(MigrationRunner.class);

    private final List<Migration> migrations;

    /**
     * @param migrations in strictly increasing version order. Numbers may skip (parallel branches reserve
     *                   their numbers ahead of the merge); a database records the highest version applied.
     */
    public MigrationRunner(List<Migration> migrations) {
        int previous = 0;
        for (Migration m : migrations) {
            if (m.version() <= previous) {
                throw new IllegalArgumentException("migration " + m.name() + " comes after version " + previous
                        + "; versions must increase");
            }
            previous = m.version();
        }
        this.migrations = List.copyOf(migrations);
    }

    /** The migrations shipped on the classpath, in the order of {@code migrations/index.txt}. */
    public static MigrationRunner fromClasspath() {
        List<Migration> migrations = new ArrayList<>();
        for (String line : resource(INDEX).split("\n")) {
            String name = line.strip();
            if (!name.isEmpty() && !name.startsWith("#")) {
                migrations.add(Migration.parse(name, resource("migrations/" + name)));
            }
        }
        return new MigrationRunner(migrations);
    }

    private static String resource(String path) {
        try (InputStream in = MigrationRunner.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new StorageException("missing resource " + path + " (is migrations/ on the classpath?)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new StorageException("cannot read resource " + path, e);
        }
    }

    public List<Migration> migrations() {
        return migrations;
    }

    public int latestVersion() {
        return migrations.isEmpty() ? 0 : migrations.get(migrations.size() - 1).version();
    }

    /** The migrations with a version above {@code after} and at most {@code upTo}, in order. */
    private List<Migration> between(int after, int upTo) {
        return migrations.stream().filter(m -> m.version() > after && m.version() <= upTo).toList();
    }

    /** Brings the schema to the latest version; returns the version reached. */
    public int migrate(Database db) {
        return migrate(db, latestVersion());
    }

    /** Brings the schema up to {@code targetVersion} at most (tests use this to build older databases). */
    public int migrate(Database db, int targetVersion) {
        Sql sql = new Sql(db);
        return db.inTransaction(() -> {
            sql.update("CREATE TABLE IF NOT EXISTS schema_version(version INTEGER NOT NULL)");
            int current = currentVersion(sql);
            if (current > latestVersion()) {
                throw new StorageException("database " + db.file() + " has schema version " + current
                        + " but this assembly-bot only knows up to " + latestVersion()
                        + "; run the newer release that wrote it, or restore a backup");
            }
            int reached = current;
            for (Migration m : between(current, targetVersion)) {
                log.info("Applying database migration {}", m.name());
                executeScript(db, m);
                reached = m.version();
            }
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
        between(0, version).forEach(m -> expected.addAll(m.tables()));
        Set<String> present = new LinkedHashSet<>(
                sql.list("SELECT name FROM sqlite_master WHERE type = 'table'", row -> row.getString(1)));
        expected.removeAll(present);
        if (!expected.isEmpty()) {
            throw new StorageException("database " + db.file() + " at schema version " + version
                    + " is missing tables " + expected + "; refusing to start on a damaged schema");
        }
    }
}
