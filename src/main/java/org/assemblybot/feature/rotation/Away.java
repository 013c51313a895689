package org.assemblybot.feature.rotation;

import java.time.Instant;
import org.assemblybot.core.chat.UserId;

/** Someone away from {@code since} until {@code until}; {@code reason} is their own short words, or null. */
record Away(UserId user, Instant since, Instant until, String reason) {
    boolean covers(Instant instant) {
        return !since.isAfter(instant) && until.isAfter(instant);
    }
}
