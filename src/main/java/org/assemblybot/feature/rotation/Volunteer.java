package org.assemblybot.feature.rotation;

import java.time.Instant;
import org.assemblybot.core.chat.UserId;

/** Someone in a role's pool, by their own choice; {@code seq} is the order of volunteering (for ties). */
record Volunteer(UserId user, Instant since, long seq) {
}
