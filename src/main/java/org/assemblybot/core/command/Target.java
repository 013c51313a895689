package org.assemblybot.core.command;

import java.util.Objects;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;

/**
 * What a command acts on, as far as the permission gate needs to know: whose organizers decide, and who
 * created it. A feature resolves it from the bound arguments (e.g. a vote number), so that "only the
 * creator or an organizer may close it" is declared, not checked inside the handler.
 *
 * @param label   how the thing is named in a refusal, e.g. {@code Vote #3}
 * @param room    the room whose organizers may act on it
 * @param creator who created it, or null when nobody owns it
 */
public record Target(String label, RoomId room, UserId creator) {
    public Target {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(room, "room");
    }

    /** Finds the target of one invocation; throws {@link UserFacingException} when there is none. */
    @FunctionalInterface
    public interface Resolver {
        Target resolve(CommandContext context);
    }
}
