package org.assemblybot.core.chat;

import java.util.Objects;

/** A Matrix event id such as {@code $abc}. */
public record EventId(String value) {
    public EventId {
        Objects.requireNonNull(value, "value");
        if (!value.startsWith("$")) {
            throw new IllegalArgumentException("an event id starts with '$'");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
