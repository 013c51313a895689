package org.assemblybot.adapter.sqlite;

/**
 * A storage operation failed. Unchecked so that store ports stay free of JDBC types; the message names
 * the operation, never the stored values (they may be message text, P2).
 */
public class StorageException extends RuntimeException {
    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    public StorageException(String message) {
        super(message);
    }
}
