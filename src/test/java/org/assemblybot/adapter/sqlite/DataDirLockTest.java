package org.assemblybot.adapter.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

// "try": some resources are held only for their effect (the lock is held for its effect only), never referenced.
@SuppressWarnings("try")
class DataDirLockTest {
    @TempDir
    Path tmp;

    @Test
    void secondAcquireFailsWithAnExplanationUntilTheFirstIsClosed() throws Exception {
        Path dataDir = tmp.resolve("data");
        try (DataDirLock first = DataDirLock.acquire(dataDir)) {
            DataDirLockedException e = assertThrows(DataDirLockedException.class, () -> DataDirLock.acquire(dataDir));
            assertEquals("another assembly-bot is already running on data dir " + dataDir + " (lock held on "
                    + dataDir.resolve(".lock") + "); stop it first — two processes on one device corrupt its"
                    + " encryption state", e.getMessage());
        }
        DataDirLock.acquire(dataDir).close();
    }

    @Test
    void lockFileAndDirectoryAreOwnerOnly() throws Exception {
        Path dataDir = tmp.resolve("data");
        try (DataDirLock lock = DataDirLock.acquire(dataDir)) {
            assertEquals("rwx------", FileModes.of(dataDir));
            assertEquals("rw-------", FileModes.of(dataDir.resolve(".lock")));
        }
    }
}
