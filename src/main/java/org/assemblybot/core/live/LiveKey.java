package org.assemblybot.core.live;

import java.util.Objects;

/**
 * The stable name of a live message: the owning feature and a name unique within it, e.g. {@code sync} +
 * {@code 12:countdown}, written {@code sync:12:countdown}. The same key in several rooms is one message per room.
 * A key is never reused for something else: its transaction ids derive from it (M1).
 */
public record LiveKey(String feature, String name) {
    public LiveKey {
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(name, "name");
        if (feature.isEmpty() || feature.contains(":") || name.isEmpty()) {
            throw new IllegalArgumentException("a live key is a feature id without ':' and a non-empty name");
        }
    }

    /** Reads {@link #value()} back. */
    public static LiveKey parse(String value) {
        int colon = value.indexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("not a live key: " + value);
        }
        return new LiveKey(value.substring(0, colon), value.substring(colon + 1));
    }

    /** {@code feature:name}, as stored. */
    public String value() {
        return feature + ":" + name;
    }

    @Override
    public String toString() {
        return value();
    }
}
