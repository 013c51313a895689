package org.assemblybot.core.chat;

import java.time.Duration;
import java.util.Optional;

/** How far the host's clock is from the homeserver's, as well as the bot can tell. */
public interface ServerClock {
    /**
     * The latest estimate of (homeserver clock − host clock), with its uncertainty, or empty before the bot
     * has anything to measure it with.
     */
    Optional<Skew> skew();

    record Skew(Duration offset, Duration uncertainty) {
        /** Whether the clocks certainly differ by more than {@code limit}. */
        public boolean exceeds(Duration limit) {
            return offset.abs().minus(uncertainty).compareTo(limit) > 0;
        }
    }
}
