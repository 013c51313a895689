package org.assemblybot.adapter.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Optional;
import java.util.Set;

/**
 * One mapping of the YAML tree together with its key path, so every error can name the exact key
 * ({@code matrix.user_id}) and the file. Null values count as absent, so {@code key: ~} means "use the
 * default".
 */
final class YamlSection {
    private final String file;
    private final String path;
    private final JsonNode node;

    YamlSection(String file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    /** Fails on the first key that is not one of {@code known}: a typo must not silently become a default. */
    YamlSection allowOnly(Set<String> known) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new ConfigException(file + ": unknown key '" + keyPath(name) + "'");
            }
        }
        return this;
    }

    Optional<JsonNode> optional(String key) {
        JsonNode value = node.get(key);
        return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
    }

    JsonNode required(String key) {
        return optional(key).orElseThrow(
                () -> new ConfigException(file + ": missing required key '" + keyPath(key) + "'"));
    }

    Optional<YamlSection> optionalSection(String key) {
        return optional(key).map(value -> section(key, value));
    }

    YamlSection requiredSection(String key) {
        return section(key, required(key));
    }

    private YamlSection section(String key, JsonNode value) {
        if (!value.isObject()) {
            throw invalid(keyPath(key), "must be a section of keys");
        }
        return new YamlSection(file, keyPath(key), value);
    }

    /** A scalar as text (numbers too, so {@code device_name: 2024} works); lists and sections fail. */
    Optional<String> optionalText(String key) {
        return optional(key).map(value -> text(keyPath(key), value));
    }

    String requiredText(String key) {
        return text(keyPath(key), required(key));
    }

    String text(String keyPath, JsonNode value) {
        if (!value.isValueNode()) {
            throw invalid(keyPath, "must be a single value, not a list or section");
        }
        return value.asText();
    }

    String keyPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    ConfigException invalid(String keyPath, String problem) {
        return new ConfigException(file + ": '" + keyPath + "' " + problem);
    }
}
