package org.assemblybot.adapter.sqlite;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on the data directory (E1): two processes on one Matrix device would both advance its
 * encryption state and corrupt it. The OS drops the lock when the process dies, so a crash never leaves a
 * stale lock behind; the {@code .lock} file itself stays and is reused.
 */
public final class DataDirLock implements AutoCloseable {
    public static final String FILE_NAME = ".lock";

    private final FileChannel channel;
    private final FileLock lock;

    private DataDirLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock or throws {@link DataDirLockedException} at once; never waits. */
    public static DataDirLock acquire(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            PrivateFiles.ensurePrivateDirectory(dataDir);
            PrivateFiles.ensurePrivateFile(file);
            channel = FileChannel.open(file, StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                throw new DataDirLockedException(dataDir, file);
            }
            return new DataDirLock(channel, lock);
        } catch (IOException e) {
            closeQuietly(channel, e);
            throw new StorageException("cannot lock data directory " + dataDir + " via " + file, e);
        } catch (RuntimeException e) {
            closeQuietly(channel, e);
            throw e;
        }
    }

    /** Null when held by another process or by this JVM (which Java reports with an exception instead). */
    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            return null;
        }
    }

    private static void closeQuietly(FileChannel channel, Exception failure) {
        if (channel == null) {
            return;
        }
        try {
            channel.close();
        } catch (IOException e) {
            failure.addSuppressed(e);
        }
    }

    @Override
    public void close() {
        // Closing the channel would release the lock too; releasing first says what we mean.
        try (channel) {
            lock.release();
        } catch (IOException e) {
            throw new StorageException("cannot release the data directory lock", e);
        }
    }
}
