package org.assemblybot.feature.rotation;

import java.time.Instant;
import org.assemblybot.core.chat.UserId;

/**
 * An organizer's override, kept in the public history of a role.
 *
 * @param subject who was assigned, swapped out or skipped
 * @param other   for a swap, who came in; else null
 * @param reason  the organizer's short reason, or null
 */
record RoleOverride(Instant at, Kind kind, UserId actor, UserId subject, UserId other, String reason) {
    enum Kind { ASSIGN, SWAP, SKIP }
}
