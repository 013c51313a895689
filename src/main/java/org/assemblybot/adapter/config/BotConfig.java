package org.assemblybot.adapter.config;

import java.util.Objects;
import org.assemblybot.core.config.ConfigValues;

/**
 * The whole {@code bot.yaml}: a record for each section the adapters need, and the checked values of every
 * declared section, from which each feature makes its own config record ({@code CountdownConfig.from}).
 * Load it with {@link ConfigLoader#load}.
 */
public record BotConfig(MatrixConfig matrix, StorageConfig storage, AccessConfig access, CommandsConfig commands,
                        ConfigValues sections) {
    public BotConfig {
        Objects.requireNonNull(matrix, "matrix");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(commands, "commands");
        Objects.requireNonNull(sections, "sections");
    }
}
