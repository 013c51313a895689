package org.assemblybot.core.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.assemblybot.core.text.EditDistance;

/**
 * Every section the bot knows, in the order of the example file: the one place that checks a whole config
 * tree. Unknown keys fail, naming the key and the declared key probably meant, because a misspelt key must
 * never silently fall back to its default.
 */
public final class ConfigSchema {
    private static final int MAX_TYPO_DISTANCE = 2;

    private final List<ConfigSection> sections;

    public ConfigSchema(List<ConfigSection> sections) {
        Map<String, ConfigSection> byName = new LinkedHashMap<>();
        for (ConfigSection section : sections) {
            if (byName.put(section.name(), section) != null) {
                throw new IllegalArgumentException("section declared twice: " + section.name());
            }
        }
        this.sections = List.copyOf(sections);
    }

    public List<ConfigSection> sections() {
        return sections;
    }

    /** "matrix, storage, access, …", for saying what the file should hold. */
    public String sectionNames() {
        return sections.stream().map(ConfigSection::name).collect(Collectors.joining(", "));
    }

    /**
     * Checks the tree {@code root} (sections to keys to plain values) against the declarations.
     *
     * @throws ConfigProblem for the first unknown key, missing required key or bad value, named by its path
     */
    public ConfigValues read(Map<String, ?> root) {
        for (String name : root.keySet()) {
            if (section(name).isEmpty()) {
                throw unknown(name, suggestionForSection(name));
            }
        }
        Map<String, SectionValues> values = new LinkedHashMap<>();
        for (ConfigSection section : sections) {
            Object raw = root.get(section.name());
            if (raw == null && section.isRequired()) {
                throw new ConfigProblem("missing required key '" + section.name() + "'");
            }
            if (raw != null && !(raw instanceof Map<?, ?>)) {
                throw new ConfigProblem("'" + section.name() + "' must be a section of keys");
            }
            Map<String, ?> keys = raw == null ? Map.of() : asKeys((Map<?, ?>) raw);
            for (String key : keys.keySet()) {
                if (section.settings().stream().noneMatch(s -> s.key().equals(key))) {
                    throw unknown(section.name() + "." + key, suggestionForKey(section, key));
                }
            }
            values.put(section.name(), section.read(keys));
        }
        return new ConfigValues(values);
    }

    private Optional<ConfigSection> section(String name) {
        return sections.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    private static Map<String, ?> asKeys(Map<?, ?> raw) {
        Map<String, Object> keys = new LinkedHashMap<>();
        raw.forEach((key, value) -> keys.put(String.valueOf(key), value));
        return keys;
    }

    private static ConfigProblem unknown(String path, Optional<String> meant) {
        return new ConfigProblem("unknown key '" + path + "'" + meant.map(m -> "; did you mean '" + m + "'?").orElse(""));
    }

    private Optional<String> suggestionForSection(String typed) {
        return nearest(typed, sections.stream().map(ConfigSection::name).toList());
    }

    /** A near key of the same section ("homeservr"), else the same key in the section it belongs to. */
    private Optional<String> suggestionForKey(ConfigSection section, String typed) {
        Optional<String> near = nearest(typed, section.settings().stream().map(Setting::key).toList());
        if (near.isPresent()) {
            return near.map(key -> section.name() + "." + key);
        }
        return sections.stream()
                .filter(other -> other.settings().stream().anyMatch(s -> s.key().equals(typed)))
                .map(other -> other.name() + "." + typed)
                .findFirst();
    }

    /** The closest candidate within a couple of typos; short words are near too much to guess from. */
    private static Optional<String> nearest(String typed, List<String> candidates) {
        record Near(String candidate, int distance) {
        }
        List<Near> near = new ArrayList<>();
        for (String candidate : candidates) {
            int distance = EditDistance.between(typed, candidate);
            if (distance <= MAX_TYPO_DISTANCE && distance * 2 < typed.length()) {
                near.add(new Near(candidate, distance));
            }
        }
        return near.stream().min(Comparator.comparingInt(Near::distance)).map(Near::candidate);
    }
}
