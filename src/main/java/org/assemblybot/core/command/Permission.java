package org.assemblybot.core.command;

/** Who may run a command. */
public enum Permission {
    /** Any joined member of the room. */
    EVERYONE,
    /** Power level at or above {@code access.organizer_power_level} in that room; v12 creators included. */
    ORGANIZER
}
