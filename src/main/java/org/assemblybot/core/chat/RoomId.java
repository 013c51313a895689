package org.assemblybot.core.chat;

import java.util.Objects;

/** A Matrix room id such as {@code !abc:example.org}. */
public record RoomId(String value) {
    public RoomId {
        Objects.requireNonNull(value, "value");
        if (!value.startsWith("!")) {
            throw new IllegalArgumentException("a room id starts with '!'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
