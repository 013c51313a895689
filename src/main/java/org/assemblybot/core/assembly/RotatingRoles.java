package org.assemblybot.core.assembly;

import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;

/**
 * Lets a feature ask for a rotating role of its own, so that a task circulates like any role: the global mirror
 * asks for "Mirror researcher". Rotation provides it; people then volunteer, accept and hand over as for any
 * role, and {@link AssemblyRoles} names the holder at each assembly.
 */
public interface RotatingRoles {
    /** What {@link #addPerAssemblyRole} did. */
    enum Added {
        /** The role was added. */
        ADDED,
        /** The room already had a role of that name (in any case); it was left as it is. */
        EXISTED
    }

    /**
     * Adds a role to {@code room} whose terms run from one assembly to the next, as if {@code by} had typed
     * {@code !role add <name> --term assembly}, unless the room has one of that name. Runs in the caller's
     * transaction; refuses with a {@link org.assemblybot.core.command.UserFacingException} (the room has as many
     * roles as it may).
     */
    Added addPerAssemblyRole(RoomId room, String name, UserId by);

    /** Told, inside the transaction that changed them, when a room's roles or their holders may have changed. */
    @FunctionalInterface
    interface Listener {
        void rolesChanged(RoomId room);
    }

    /** Registers a listener (at wiring time, before anything runs). */
    void addListener(Listener listener);
}
