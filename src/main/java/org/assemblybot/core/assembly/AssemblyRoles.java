package org.assemblybot.core.assembly;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;

/**
 * Who holds which role at an assembly, for the reminders before it ("Facilitation: @dana"). Rotation provides
 * it; without rotation nobody is named.
 */
@FunctionalInterface
public interface AssemblyRoles {
    AssemblyRoles NONE = (room, start) -> Map.of();

    /** Role name → its holders at the assembly of {@code room} starting at {@code start}, in display order. */
    Map<String, List<UserId>> holdersAt(RoomId room, Instant start);
}
