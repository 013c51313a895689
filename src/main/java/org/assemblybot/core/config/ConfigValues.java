package org.assemblybot.core.config;

import java.util.Map;

/** The checked values of every declared section, by section. */
public final class ConfigValues {
    private final Map<String, SectionValues> sections;

    ConfigValues(Map<String, SectionValues> sections) {
        this.sections = Map.copyOf(sections);
    }

    /** The values of {@code section}: as configured, or its defaults where the file leaves it out. */
    public SectionValues of(ConfigSection section) {
        SectionValues values = sections.get(section.name());
        if (values == null) {
            throw new IllegalArgumentException("section '" + section.name() + "' was not declared to the loader");
        }
        return values;
    }
}
