package org.assemblybot.adapter.config;

import java.util.List;
import org.assemblybot.core.chat.UserId;

/**
 * The {@code access} section.
 *
 * @param invitesFrom         who may invite the bot (M7): full user ids ({@code @alice:example.org}) or
 *                            whole servers ({@code :example.org}); empty refuses every invite
 * @param organizerPowerLevel the room power level from which a member counts as an organizer
 */
public record AccessConfig(List<String> invitesFrom, int organizerPowerLevel) {
    public static final int DEFAULT_ORGANIZER_POWER_LEVEL = 50;

    public AccessConfig {
        invitesFrom = List.copyOf(invitesFrom);
        for (String entry : invitesFrom) {
            if (!isValidInviteSource(entry)) {
                throw new IllegalArgumentException("not a user id or :server: " + entry);
            }
        }
        if (organizerPowerLevel < 0) {
            throw new IllegalArgumentException("organizerPowerLevel must not be negative");
        }
    }

    /** A full user id like {@code @alice:example.org} or a server like {@code :example.org}. */
    public static boolean isValidInviteSource(String entry) {
        if (entry.startsWith(":")) {
            return entry.length() > 1 && UserIds.hasNoWhitespace(entry);
        }
        return UserIds.isValid(entry);
    }

    /** Whether an invite from {@code inviter} may be accepted: listed by id, or from a listed server. */
    public boolean allowsInviteFrom(UserId inviter) {
        return invitesFrom.contains(inviter.value()) || invitesFrom.contains(":" + inviter.server());
    }
}
