package org.assemblybot.adapter.config;

import java.nio.file.Path;
import java.util.Objects;
import org.assemblybot.core.config.ConfigSection;
import org.assemblybot.core.config.Setting;
import org.assemblybot.core.config.ValueType;

/** The {@code storage} section: the one directory that holds all durable state (E2). */
public record StorageConfig(Path dataDir) {
    static final Setting<Path> DATA_DIR = Setting.of("data_dir", ValueType.path())
            .required().example(Path.of("./data"))
            .comment("The one directory for all durable state: database, Matrix session and keys (kept 0700)."
                    + " Exactly one bot process may use it at a time; back it up with the bot's `backup` command.");
    static final ConfigSection SECTION = ConfigSection.required("storage", DATA_DIR);

    public StorageConfig {
        Objects.requireNonNull(dataDir, "dataDir");
    }
}
