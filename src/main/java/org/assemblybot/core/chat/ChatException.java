package org.assemblybot.core.chat;

/** A chat operation failed after the adapter's own retries. The message never contains message text. */
public class ChatException extends RuntimeException {
    public ChatException(String message, Throwable cause) {
        super(message, cause);
    }

    public ChatException(String message) {
        super(message);
    }
}
