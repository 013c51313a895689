package org.assemblybot.core.schedule;

import java.util.Objects;

/** Names one scheduled trigger: the schedule item it fires. */
public record JobKey(String itemId) {
    public JobKey {
        Objects.requireNonNull(itemId, "itemId");
    }
}
