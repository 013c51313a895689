package org.assemblybot.adapter.config;

/**
 * The configuration cannot be used. The message is meant for the operator as is: it names the file and
 * the key path, e.g. {@code bot.yaml: missing required key 'matrix.user_id'}. It never holds a secret.
 */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
