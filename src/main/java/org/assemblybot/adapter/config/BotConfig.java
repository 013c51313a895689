package org.assemblybot.adapter.config;

import org.assemblybot.feature.countdown.CountdownConfig;
import java.util.Objects;

/** The whole {@code bot.yaml}, one record per section. Load it with {@link ConfigLoader#load}. */
public record BotConfig(MatrixConfig matrix, StorageConfig storage, AccessConfig access, CommandsConfig commands,
                        CountdownConfig countdown) {
    public BotConfig {
        Objects.requireNonNull(matrix, "matrix");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(access, "access");
        Objects.requireNonNull(commands, "commands");
        Objects.requireNonNull(countdown, "countdown");
    }
}
