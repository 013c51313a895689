package org.assemblybot.core.chat;

/**
 * The homeserver no longer accepts the bot's access token (HTTP 401, e.g. the token was revoked or the
 * device deleted). Nothing will get through until an operator logs the bot in again; retrying is pointless
 * and dropping messages would lose them.
 */
public class ChatUnauthorizedException extends ChatException {
    public ChatUnauthorizedException(String message, Throwable cause) {
        super(message, cause);
    }
}
