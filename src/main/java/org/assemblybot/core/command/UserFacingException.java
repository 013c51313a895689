package org.assemblybot.core.command;

/** An error whose message is written for the person who ran the command and is shown in the room. */
public class UserFacingException extends RuntimeException {
    public UserFacingException(String message) {
        super(message);
    }
}
