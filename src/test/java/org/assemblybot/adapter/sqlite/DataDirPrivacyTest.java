package org.assemblybot.adapter.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.assemblybot.core.chat.OutgoingMessage;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.testkit.TestDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** S3 (owner-only modes) and P1 (no message text left at rest). */
// "try": some resources are held only for their effect (open databases are held for their files only), never referenced.
@SuppressWarnings("try")
class DataDirPrivacyTest {
    @TempDir
    Path tmp;

    @Test
    void newDataDirIsOwnerOnlyIncludingWalFiles() throws IOException {
        try (Database db = TestDb.open(tmp)) {
            Path dir = TestDb.dataDir(tmp);
            assertEquals("rwx------", FileModes.of(dir));
            for (String name : List.of("assembly-bot.db", "assembly-bot.db-wal", "assembly-bot.db-shm")) {
                Path file = dir.resolve(name);
                assertTrue(Files.exists(file), name + " exists once the database was written");
                assertEquals("rw-------", FileModes.of(file), name);
            }
        }
    }

    @Test
    void existingWiderModesAreTightened() throws IOException {
        Path dir = TestDb.dataDir(tmp);
        Files.createDirectories(dir);
        FileModes.set(dir, "rwxr-xr-x");
        Files.createFile(dir.resolve(Database.FILE_NAME));
        FileModes.set(dir.resolve(Database.FILE_NAME), "rw-r--r--");

        try (Database db = TestDb.open(tmp)) {
            assertEquals("rwx------", FileModes.of(dir));
            assertEquals("rw-------", FileModes.of(dir.resolve(Database.FILE_NAME)));
        }
    }

    @Test
    void aWalLeftBehindWithAWiderModeIsTightened() throws IOException {
        Path wal = TestDb.dataDir(tmp).resolve(Database.FILE_NAME + "-wal");
        // The WAL only survives while a connection is open (or after a crash): keep one open meanwhile.
        try (Database first = TestDb.open(tmp)) {
            FileModes.set(wal, "rw-rw-rw-");
            try (Database second = TestDb.open(tmp)) {
                assertEquals("rw-------", FileModes.of(wal));
            }
        }
    }

    @Test
    void sentMessageTextIsNotLeftInAnyFileOfTheDataDir() throws IOException {
        String canary = "canary-7f3a9c-do-not-store";
        Path dir = TestDb.dataDir(tmp);
        try (Database db = TestDb.open(tmp)) {
            SqliteOutbox outbox = new SqliteOutbox(db);
            outbox.enqueue("txn-1", new RoomId("!r:x"), OutgoingMessage.notice(canary, "<b>" + canary + "</b>"),
                    Instant.EPOCH);
            assertTrue(anyFileContains(dir, canary), "the test must see the canary while it is queued");

            outbox.remove("txn-1");
            db.checkpoint();

            assertFalse(anyFileContains(dir, canary), "a sent message's text must not stay on disk");
        }
        assertFalse(anyFileContains(dir, canary), "nor after close");
    }

    private static boolean anyFileContains(Path dir, String text) throws IOException {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (indexOf(Files.readAllBytes(file), needle) >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
