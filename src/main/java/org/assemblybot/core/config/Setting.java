package org.assemblybot.core.config;

import java.util.Objects;

/**
 * One key of a config section, declared as data: its name, type, default (or that it is required), a value
 * for the example file where the default is not a good one to show, and a comment for that file. Each method
 * returns a new, changed copy, so declarations read as one expression:
 * <pre>{@code
 * Setting.of("max_rooms", ValueType.integer().atLeast(1)).byDefault(20)
 *         .comment("How many rooms one synchronized action may span.")
 * }</pre>
 *
 * @param <T> the typed value
 */
public final class Setting<T> {
    private static final int MAX_ECHOED = 60;

    private final String key;
    private final ValueType<T> type;
    private final T byDefault;
    private final boolean required;
    private final T example;
    private final String comment;

    private Setting(String key, ValueType<T> type, T byDefault, boolean required, T example, String comment) {
        if (!key.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("a key is lower_snake_case: " + key);
        }
        this.key = key;
        this.type = Objects.requireNonNull(type, "type");
        this.byDefault = byDefault;
        this.required = required;
        this.example = example;
        this.comment = comment;
    }

    /** An optional key without a default: it may stay unset. */
    public static <T> Setting<T> of(String key, ValueType<T> type) {
        return new Setting<>(key, type, null, false, null, "");
    }

    public Setting<T> byDefault(T value) {
        return new Setting<>(key, type, Objects.requireNonNull(value, "default"), false, example, comment);
    }

    public Setting<T> required() {
        return new Setting<>(key, type, null, true, example, comment);
    }

    /** What the example file shows, where the default is not it (a required key, an empty list). */
    public Setting<T> example(T value) {
        return new Setting<>(key, type, byDefault, required, Objects.requireNonNull(value, "example"), comment);
    }

    /** What the key is for, shown above it in the example file; "Optional, default …" is added. */
    public Setting<T> comment(String text) {
        return new Setting<>(key, type, byDefault, required, example, Objects.requireNonNull(text, "comment"));
    }

    public String key() {
        return key;
    }

    public ValueType<T> type() {
        return type;
    }

    /** The default, or null for a required key and an optional one without a default. */
    public T defaultValue() {
        return byDefault;
    }

    public boolean isRequired() {
        return required;
    }

    public String comment() {
        return comment;
    }

    /** What the example file shows: the declared example, else the default; null if there is neither. */
    public T exampleValue() {
        return example != null ? example : byDefault;
    }

    /** The example or default as YAML, for messages like "like 20"; empty when there is neither. */
    String exampleText() {
        T shown = exampleValue();
        return shown == null ? "" : type.render(shown);
    }

    /**
     * The value of this key, read from {@code raw}.
     *
     * @param path the key's full path, e.g. {@code countdown.max_rooms}
     * @throws ConfigProblem naming the path and the value found
     */
    T read(Object raw, String path) {
        try {
            return type.read(raw, exampleText());
        } catch (BadValue e) {
            throw new ConfigProblem("'" + path + e.where() + "' " + e.getMessage() + echo(e.value()));
        }
    }

    /** ", not 0", ", not \"soon\"": the value found, when it is one value short enough to repeat. */
    private static String echo(Object value) {
        if (value == null || !ValueType.isScalar(value)) {
            return "";
        }
        String text = value.toString().replaceAll("\\p{Cntrl}", " ");
        if (text.isEmpty() || text.length() > MAX_ECHOED) {
            return "";
        }
        return ", not " + (value instanceof String ? TextType.quoted(text) : text);
    }

    @Override
    public String toString() {
        return key;
    }
}
