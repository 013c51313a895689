package org.assemblybot.adapter.config;

import java.nio.file.Path;
import java.util.Objects;

/** The {@code storage} section: the one directory that holds all durable state (E2). */
public record StorageConfig(Path dataDir) {
    public StorageConfig {
        Objects.requireNonNull(dataDir, "dataDir");
    }
}
