package org.assemblybot.core.config;

/**
 * A config value that cannot be used, worded for the operator: it names the key path and, for a bad scalar,
 * the value found, e.g. {@code 'countdown.max_rooms' must be a whole number of 1 or more, like 20, not 0}.
 * The config adapter puts the file's name in front. Config holds no secrets (passwords come from a file or
 * the environment), so echoing a value is safe.
 */
public final class ConfigProblem extends RuntimeException {
    public ConfigProblem(String message) {
        super(message);
    }
}
