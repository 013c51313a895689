package org.assemblybot.adapter.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.assemblybot.core.store.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.sqlite.SQLiteConfig;

/**
 * The bot's SQLite database: one connection and one writer (S1), owner-only files (S3), migrated at open
 * (S2). Every use of the connection happens inside {@link #inTransaction}, which holds a lock, so the
 * connection is never shared between threads mid-transaction.
 */
public final class Database implements Transactions, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);
    public static final String FILE_NAME = "assembly-bot.db";

    private final Path file;
    private final Connection connection;
    /**
     * Fair, so that a thread running a series of short transactions (pruning in batches) queues behind a
     * waiting thread instead of barging back in: the delivery thread waits one batch, not the whole series.
     */
    private final ReentrantLock lock = new ReentrantLock(true);
    /** How many inTransaction calls are open on the lock-holding thread; guarded by {@link #lock}. */
    private int depth;
    /** What runs once the open transaction committed; guarded by {@link #lock}. */
    private final List<Runnable> afterCommit = new ArrayList<>();

    private Database(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    /** Opens (creating if needed) the database in {@code dataDir} and brings its schema up to date. */
    public static Database open(Path dataDir) {
        return open(dataDir, MigrationRunner.fromClasspath());
    }

    /** Opens with other migrations than the shipped ones; for tests that change a copy of them. */
    static Database open(Path dataDir, MigrationRunner migrations) {
        Database db = openUnmigrated(dataDir);
        try {
            migrations.migrate(db);
            // The first write created the -wal and -shm files: make sure they are owner-only too.
            db.restrictFileModes();
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    /** Opens without migrating; for the migration tests, which stop at older versions. */
    static Database openUnmigrated(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            PrivateFiles.ensurePrivateDirectory(dataDir);
            // Create the file ourselves so SQLite never creates it with a umask-dependent mode.
            PrivateFiles.ensurePrivateFile(file);
        } catch (IOException | UnsupportedOperationException e) {
            throw new StorageException("cannot prepare data directory " + dataDir
                    + " (it must be on a POSIX file system the bot can write)", e);
        }
        Connection connection = connect(file, new SQLiteConfig());
        Database db = new Database(file, connection);
        try {
            db.applyPragmas();
            db.restrictFileModes();
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private static Connection connect(Path file, SQLiteConfig config) {
        try {
            Properties properties = config.toProperties();
            return DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath(), properties);
        } catch (SQLException e) {
            throw new StorageException("cannot open database " + file, e);
        }
    }

    private void applyPragmas() {
        try (Statement st = connection.createStatement()) {
            try (ResultSet rs = st.executeQuery("PRAGMA journal_mode=WAL")) {
                String mode = rs.next() ? rs.getString(1) : "";
                if (!"wal".equalsIgnoreCase(mode)) {
                    throw new StorageException("database " + file + " refused WAL mode (got '" + mode + "')");
                }
            }
            // FULL: a committed transaction survives power loss, which the outbox and M3 rely on.
            st.execute("PRAGMA synchronous=FULL");
            st.execute("PRAGMA busy_timeout=5000");
            st.execute("PRAGMA foreign_keys=ON");
            // Deleted rows (sent outbox messages) are overwritten, not left in free pages (P1).
            st.execute("PRAGMA secure_delete=ON");
        } catch (SQLException e) {
            throw new StorageException("cannot configure database " + file, e);
        }
    }

    private void restrictFileModes() {
        try {
            PrivateFiles.restrictIfExists(file);
            PrivateFiles.restrictIfExists(sibling("-wal"));
            PrivateFiles.restrictIfExists(sibling("-shm"));
        } catch (IOException e) {
            throw new StorageException("cannot restrict file modes of " + file, e);
        }
    }

    private Path sibling(String suffix) {
        return file.resolveSibling(file.getFileName() + suffix);
    }

    public Path file() {
        return file;
    }

    /**
     * Runs {@code work} in one transaction. A nested call on the same thread joins the outer transaction
     * inside a savepoint: if the nested work throws, only its own writes are undone, so an outer caller
     * that catches the exception does not commit half of the nested work.
     */
    @Override
    public <T> T inTransaction(Supplier<T> work) {
        lock.lock();
        boolean outermost = depth == 0;
        T result;
        List<Runnable> committed = List.of();
        try {
            result = outermost ? outermost(work) : nested(work);
            if (outermost) {
                committed = List.copyOf(afterCommit);
            }
        } finally {
            if (outermost) {
                afterCommit.clear();
            }
            lock.unlock();
        }
        committed.forEach(Database::runAfterCommit);
        return result;
    }

    /** Whether the calling thread is inside a transaction (for checks that no network call holds the database). */
    public boolean inTransactionOnThisThread() {
        return lock.isHeldByCurrentThread() && depth > 0;
    }

    @Override
    public void afterCommit(Runnable action) {
        if (lock.isHeldByCurrentThread() && depth > 0) {
            afterCommit.add(action);
        } else {
            runAfterCommit(action);
        }
    }

    private static void runAfterCommit(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            log.error("an action after a commit failed", e);
        }
    }

    private <T> T outermost(Supplier<T> work) {
        // IMMEDIATE takes the write lock up front, so a read-then-write never fails with SQLITE_BUSY midway.
        execute("BEGIN IMMEDIATE");
        depth = 1;
        try {
            T result = work.get();
            execute("COMMIT");
            return result;
        } catch (Throwable t) {
            undo("ROLLBACK", t);
            throw t;
        } finally {
            depth = 0;
        }
    }

    private <T> T nested(Supplier<T> work) {
        String savepoint = "nested_" + depth;
        execute("SAVEPOINT " + savepoint);
        depth++;
        int actionsBefore = afterCommit.size();
        try {
            T result = work.get();
            execute("RELEASE " + savepoint);
            return result;
        } catch (Throwable t) {
            // ROLLBACK TO keeps the savepoint open; RELEASE then closes it without undoing more.
            undo("ROLLBACK TO " + savepoint, t);
            afterCommit.subList(actionsBefore, afterCommit.size()).clear(); // undone work does nothing later
            undo("RELEASE " + savepoint, t);
            throw t;
        } finally {
            depth--;
        }
    }

    /** Rolls back without hiding the original failure: a rollback error is attached to it. */
    private void undo(String sql, Throwable original) {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            original.addSuppressed(e);
        }
    }

    private void execute(String sql) {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new StorageException("'" + sql + "' failed on " + file, e);
        }
    }

    /** The connection, for stores; only inside {@link #inTransaction} on the calling thread. */
    public Connection connection() {
        if (!lock.isHeldByCurrentThread() || depth == 0) {
            throw new IllegalStateException("the database connection is only usable inside inTransaction");
        }
        return connection;
    }

    /**
     * Writes a consistent copy of the live database to {@code target} with {@code VACUUM INTO} (S4): it
     * includes what is still in the WAL and, being rebuilt from live rows only, no deleted content.
     */
    public void backup(Path target) {
        lock.lock();
        try {
            if (depth > 0) {
                throw new IllegalStateException("backup cannot run inside a transaction");
            }
            vacuumInto(connection, target);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Backs up the database of {@code dataDir} through a separate read-only connection, without migrating
     * it and without the data directory lock, so it can run while the bot is running (WAL lets a reader
     * work beside the writer).
     */
    public static void backup(Path dataDir, Path target) {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new StorageException("no database to back up at " + file);
        }
        try (Connection readOnly = readOnly(dataDir)) {
            vacuumInto(readOnly, target);
        } catch (SQLException e) {
            throw new StorageException("cannot close the backup connection to " + file, e);
        }
    }

    /**
     * A read-only connection to the database of {@code dataDir}, without migrating it and without the data
     * directory lock: safe beside a running bot (WAL). For the command line's backup, verify and export.
     */
    public static Connection readOnly(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new StorageException("no database at " + file);
        }
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setBusyTimeout(5000);
        return connect(file, config);
    }

    /**
     * The problems SQLite finds in the database of {@code dataDir} ({@code PRAGMA integrity_check} and
     * {@code foreign_key_check}), through a read-only connection; empty when it is sound.
     */
    public static List<String> verify(Path dataDir) {
        List<String> problems = new ArrayList<>();
        try (Connection connection = readOnly(dataDir); Statement st = connection.createStatement()) {
            try (ResultSet rs = st.executeQuery("PRAGMA integrity_check")) {
                while (rs.next()) {
                    if (!"ok".equals(rs.getString(1))) {
                        problems.add("integrity_check: " + rs.getString(1));
                    }
                }
            }
            try (ResultSet rs = st.executeQuery("PRAGMA foreign_key_check")) {
                while (rs.next()) {
                    problems.add("foreign_key_check: row " + rs.getLong(2) + " of " + rs.getString(1)
                            + " refers to a missing row of " + rs.getString(3));
                }
            }
        } catch (SQLException | StorageException e) {
            Throwable cause = e instanceof StorageException && e.getCause() != null ? e.getCause() : e;
            problems.add(e.getMessage() + (cause != e ? ": " + cause.getMessage() : ""));
        }
        return problems;
    }

    private static void vacuumInto(Connection connection, Path target) {
        try {
            // VACUUM INTO accepts an existing empty file: creating it first fixes its mode before any data.
            Files.createFile(target.toAbsolutePath());
            Files.setPosixFilePermissions(target, PrivateFiles.FILE_MODE);
        } catch (IOException e) {
            throw new StorageException("cannot create backup file " + target + " (it must not exist yet)", e);
        }
        try (var st = connection.prepareStatement("VACUUM INTO ?")) {
            st.setString(1, target.toAbsolutePath().toString());
            st.execute();
        } catch (SQLException e) {
            throw new StorageException("backup to " + target + " failed", e);
        }
    }

    /**
     * Copies the WAL into the database file and truncates the WAL to zero bytes, so that text of deleted
     * rows (sent outbox messages) no longer lingers in old WAL frames. Cheap enough for shutdown or after
     * draining the outbox.
     */
    public void checkpoint() {
        lock.lock();
        try {
            if (depth > 0) {
                throw new IllegalStateException("checkpoint cannot run inside a transaction");
            }
            try (Statement st = connection.createStatement();
                 ResultSet rs = st.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                if (rs.next() && rs.getInt(1) != 0) {
                    throw new StorageException("WAL checkpoint of " + file + " was blocked by another connection");
                }
            }
        } catch (SQLException e) {
            throw new StorageException("WAL checkpoint of " + file + " failed", e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            connection.close();
        } catch (SQLException e) {
            throw new StorageException("cannot close database " + file, e);
        } finally {
            lock.unlock();
        }
    }
}
