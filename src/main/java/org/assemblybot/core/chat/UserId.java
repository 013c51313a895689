package org.assemblybot.core.chat;

import java.util.Objects;

/** A Matrix user id such as {@code @alice:example.org}. */
public record UserId(String value) {
    public UserId {
        Objects.requireNonNull(value, "value");
        int colon = value.indexOf(':');
        if (!value.startsWith("@") || colon < 2 || colon == value.length() - 1) {
            throw new IllegalArgumentException("a user id looks like @name:server");
        }
    }

    /** The part after the first colon: the user's homeserver name. */
    public String server() {
        return value.substring(value.indexOf(':') + 1);
    }

    /** The part between '@' and the first colon. */
    public String localpart() {
        return value.substring(1, value.indexOf(':'));
    }

    @Override
    public String toString() {
        return value;
    }
}
