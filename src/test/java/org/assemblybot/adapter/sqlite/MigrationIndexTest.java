package org.assemblybot.adapter.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The runner reads {@code migrations/index.txt}, not the folder: this test fails when a script in the
 * folder is missing from the index, listed out of order, or numbered with a gap or a duplicate.
 */
class MigrationIndexTest {
    private static final Path FOLDER = Path.of(System.getProperty("basedir", "")).toAbsolutePath().resolve("migrations");

    @Test
    void indexListsEveryScriptInVersionOrder() throws IOException {
        List<String> scripts;
        try (Stream<Path> files = Files.list(FOLDER)) {
            scripts = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("V") && n.endsWith(".sql"))
                    .sorted(Comparator.comparingInt(Migration::versionOf))
                    .toList();
        }
        List<String> indexed = Files.readAllLines(FOLDER.resolve("index.txt")).stream()
                .map(String::strip)
                .filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .toList();

        assertEquals(scripts, indexed, "migrations/index.txt must list every V*.sql file, in version order");
        assertEquals(scripts.stream().map(Migration::versionOf).distinct().count(), scripts.size(),
                "every version number is used once");
    }

    @Test
    void classpathRunnerSeesTheSameMigrations() throws IOException {
        long scripts;
        try (Stream<Path> files = Files.list(FOLDER)) {
            scripts = files.filter(p -> p.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
        }
        assertEquals(scripts, MigrationRunner.fromClasspath().migrations().size());
    }
}
