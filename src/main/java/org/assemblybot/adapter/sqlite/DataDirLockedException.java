package org.assemblybot.adapter.sqlite;

import java.nio.file.Path;

/** Another assembly-bot holds the data directory (E1); the message tells the operator what to do. */
public class DataDirLockedException extends RuntimeException {
    public DataDirLockedException(Path dataDir, Path lockFile) {
        super("another assembly-bot is already running on data dir " + dataDir + " (lock held on " + lockFile
                + "); stop it first — two processes on one device corrupt its encryption state");
    }
}
