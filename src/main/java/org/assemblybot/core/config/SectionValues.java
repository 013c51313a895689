package org.assemblybot.core.config;

import java.util.Map;
import java.util.Optional;

/** The checked values of one section; a feature turns them into its config record. */
public final class SectionValues {
    private final ConfigSection section;
    private final Map<Setting<?>, Object> values;

    SectionValues(ConfigSection section, Map<Setting<?>, Object> values) {
        this.section = section;
        this.values = Map.copyOf(values);
    }

    /** The value, or its default. */
    public <T> T get(Setting<T> setting) {
        return find(setting).orElseThrow(() -> new IllegalStateException(
                "'" + section.name() + "." + setting.key() + "' has no value and no default; use find()"));
    }

    /** The value or default; empty for an optional key without a default that was not set. */
    public <T> Optional<T> find(Setting<T> setting) {
        if (!section.settings().contains(setting)) {
            throw new IllegalArgumentException(setting.key() + " is not declared in section " + section.name());
        }
        @SuppressWarnings("unchecked") // read by this setting's own type
        T value = (T) values.get(setting);
        return Optional.ofNullable(value);
    }
}
