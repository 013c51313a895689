package org.assemblybot.core.chat;

/**
 * The homeserver refused a request for good (e.g. 403: the bot is no longer in the room). Retrying the same
 * request will not help; a rate limit is not a refusal.
 */
public class ChatRefusedException extends ChatException {
    public ChatRefusedException(String message, Throwable cause) {
        super(message, cause);
    }
}
