package org.assemblybot.core.config;

/**
 * Thrown by a {@link ValueType} for a value it refuses; {@link Setting} adds the key path and the value.
 * {@code where} is what follows the key in the path, e.g. {@code [2]} for a list's third entry.
 */
final class BadValue extends RuntimeException {
    private final String where;
    private final transient Object value;

    BadValue(String problem, Object value) {
        this(problem, "", value);
    }

    private BadValue(String problem, String where, Object value) {
        super(problem, null, false, false);
        this.where = where;
        this.value = value;
    }

    /** The same problem one level down, e.g. in entry {@code index} of a list. */
    BadValue at(String inner) {
        return new BadValue(getMessage(), inner + where, value);
    }

    String where() {
        return where;
    }

    Object value() {
        return value;
    }
}
