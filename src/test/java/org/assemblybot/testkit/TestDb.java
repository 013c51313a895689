package org.assemblybot.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.assemblybot.adapter.sqlite.Database;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real SQLite database with the real migrations in a fresh temporary directory. Use it as
 * {@code @RegisterExtension final TestDb testDb = new TestDb();} for one database per test, or call
 * {@link #open(Path)} with a {@code @TempDir} for tests that reopen the database.
 */
public final class TestDb implements BeforeEachCallback, AfterEachCallback {
    private Path tempDir;
    private Database db;

    /** Opens (and migrates) a database in {@code tempDir/data}; the caller closes it. */
    public static Database open(Path tempDir) {
        return Database.open(dataDir(tempDir));
    }

    public static Path dataDir(Path tempDir) {
        return tempDir.resolve("data");
    }

    public Database db() {
        return db;
    }

    public Path dataDir() {
        return dataDir(tempDir);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        tempDir = Files.createTempDirectory("assembly-bot-test");
        db = open(tempDir);
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        db.close();
        try (Stream<Path> paths = Files.walk(tempDir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
