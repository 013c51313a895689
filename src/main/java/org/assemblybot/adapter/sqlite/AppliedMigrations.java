package org.assemblybot.adapter.sqlite;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The runner's record of each migration it applied: file name and SHA-256, one row per version. At every
 * start the shipped files are compared with it, so an applied migration that was edited, renamed or removed
 * stops the bot before it writes anything, instead of leaving databases that differ by when they were
 * created. The table is the runner's own bookkeeping, like {@code schema_version}, not a migration: it has
 * to exist before the migrations it checks, and it must not depend on their numbering.
 */
final class AppliedMigrations {
    private static final Logger log = LoggerFactory.getLogger(AppliedMigrations.class);

    private record Applied(String name, String sha256) {
    }

    private final Sql sql;
    private final Path file;

    AppliedMigrations(Sql sql, Path file) {
        this.sql = sql;
        this.file = file;
    }

    void createIfMissing() {
        sql.update("CREATE TABLE IF NOT EXISTS schema_migrations("
                + "version INTEGER PRIMARY KEY, name TEXT NOT NULL, sha256 TEXT NOT NULL)");
    }

    void record(Migration m) {
        sql.update("INSERT INTO schema_migrations(version, name, sha256) VALUES (?, ?, ?)",
                m.version(), m.name(), m.sha256());
    }

    /** The recorded names of applied versions above {@code version}, for naming what the code lacks. */
    List<String> namesAbove(int version) {
        return sql.list("SELECT name FROM schema_migrations WHERE version > ? ORDER BY version",
                row -> row.getString(1), version);
    }

    /**
     * Checks the first {@code applied} of the {@code shipped} migrations against the record and throws
     * naming the first that differs. A version without a record was applied before checksums were kept:
     * its shipped file is trusted once and recorded.
     */
    void verify(List<Migration> shipped, int applied) {
        Map<Integer, Applied> recorded = sql.list("SELECT version, name, sha256 FROM schema_migrations",
                row -> Map.entry(row.getInt(1), new Applied(row.getString(2), row.getString(3))))
                .stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        List<Migration> unrecorded = new ArrayList<>();
        for (Migration m : shipped.subList(0, applied)) {
            Applied was = recorded.get(m.version());
            if (was == null) {
                unrecorded.add(m);
            } else if (!was.name().equals(m.name())) {
                throw new StorageException("database " + file + " applied " + was.name() + " as version "
                        + m.version() + ", but this assembly-bot ships " + m.name() + " in its place: an applied "
                        + "migration must never be renamed or removed. Restore " + was.name()
                        + " and put changes in a new migration.");
            } else if (!was.sha256().equals(m.sha256())) {
                throw new StorageException("migration " + m.name() + " was edited after it was applied to database "
                        + file + " (SHA-256 then " + shortHash(was.sha256()) + "…, now " + shortHash(m.sha256())
                        + "…): an applied migration must never change. Restore " + m.name()
                        + " and put changes in a new migration.");
            }
        }
        if (!unrecorded.isEmpty()) {
            unrecorded.forEach(this::record);
            log.info("database {} predates migration checksums: recorded those of {} as shipped; from now on "
                    + "an edited applied migration stops the bot", file,
                    unrecorded.stream().map(Migration::name).collect(Collectors.joining(", ")));
        }
    }

    private static String shortHash(String hex) {
        return hex.substring(0, Math.min(12, hex.length()));
    }
}
