package org.assemblybot.core.command;

/** Who may run a command or sub-command; the router checks it before the handler runs. */
public enum Permission {
    /** Any joined member of the room. */
    EVERYONE,
    /**
     * Power level at or above {@code access.organizer_power_level} (v12 creators included) — in the room where
     * the command was typed, or in the room its {@link Target} names (e.g. where an action was planned).
     */
    ORGANIZER,
    /** Whoever created the thing the command is about (its {@link Target}), and the organizers. */
    CREATOR_OR_ORGANIZER
}
