package org.assemblybot.adapter.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the bot account's password (P3): from {@code matrix.password_file} if set, else from the
 * environment variable {@value #ENV}. The password never goes into a log, an exception or a toString.
 */
public final class PasswordSource {
    public static final String ENV = "ASSEMBLY_BOT_PASSWORD";

    private static final Logger log = LoggerFactory.getLogger(PasswordSource.class);
    private static final Set<PosixFilePermission> READABLE_BY_OTHERS =
            EnumSet.of(PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);

    private PasswordSource() {
    }

    /** The password; a {@link ConfigException} when none is configured or the file cannot be used. */
    public static String resolve(MatrixConfig matrix, Map<String, String> env) {
        if (matrix.passwordFile() != null) {
            return fromFile(matrix.passwordFile());
        }
        String fromEnv = env.get(ENV);
        if (fromEnv == null || fromEnv.isEmpty()) {
            throw new ConfigException("no password for " + matrix.userId() + ": set 'matrix.password_file' to a file"
                    + " that holds it, or the environment variable " + ENV);
        }
        return fromEnv;
    }

    private static String fromFile(Path file) {
        warnIfReadableByOthers(file);
        String content;
        try {
            content = Files.readString(file);
        } catch (IOException e) {
            // Only the exception's type: its message is a path or an OS error, but never risk content.
            throw new ConfigException("cannot read the password file " + file + " ('matrix.password_file'): "
                    + e.getClass().getSimpleName());
        }
        // Editors and `echo` add a final newline that is not part of the password.
        String password = content.replaceAll("[\\r\\n]+$", "");
        if (password.isEmpty()) {
            throw new ConfigException("the password file " + file + " ('matrix.password_file') is empty");
        }
        return password;
    }

    private static void warnIfReadableByOthers(Path file) {
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            if (mode.stream().anyMatch(READABLE_BY_OTHERS::contains)) {
                log.warn("The password file {} can be read by group or others; run: chmod 600 {}", file, file);
            }
        } catch (IOException | UnsupportedOperationException e) {
            // Unreadable files are reported by the read itself; non-POSIX file systems have no mode to check.
        }
    }
}
