package org.assemblybot.adapter.sqlite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the data directory readable by its owner only (S3). Modes are set with an explicit chmod after
 * creation because the mode passed at creation is filtered by the process umask, which we do not control.
 */
final class PrivateFiles {
    static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

    private static final Logger log = LoggerFactory.getLogger(PrivateFiles.class);

    private PrivateFiles() {
    }

    /** Creates the directory (and parents) if missing and sets it to 0700, also when it already existed. */
    static void ensurePrivateDirectory(Path dir) throws IOException {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIRECTORY_MODE));
        Set<PosixFilePermission> before = Files.getPosixFilePermissions(dir);
        if (!before.equals(DIRECTORY_MODE)) {
            log.info("Setting data directory {} to mode 0700 (was {})", dir, PosixFilePermissions.toString(before));
            Files.setPosixFilePermissions(dir, DIRECTORY_MODE);
        }
    }

    /** Creates an empty file if missing and sets it to 0600, so its content is never briefly exposed. */
    static void ensurePrivateFile(Path file) throws IOException {
        if (!Files.exists(file)) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE_MODE));
        }
        Files.setPosixFilePermissions(file, FILE_MODE);
    }

    /** Sets 0600 on a file that someone else (SQLite) may or may not have created yet. */
    static void restrictIfExists(Path file) throws IOException {
        if (Files.exists(file)) {
            Files.setPosixFilePermissions(file, FILE_MODE);
        }
    }
}
