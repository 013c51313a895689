package org.assemblybot.adapter.config;

import java.util.List;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.config.ConfigSection;
import org.assemblybot.core.config.SectionValues;
import org.assemblybot.core.config.Setting;
import org.assemblybot.core.config.ValueType;

/**
 * The {@code access} section.
 *
 * @param invitesFrom         who may invite the bot (M7): full user ids ({@code @alice:example.org}) or
 *                            whole servers ({@code :example.org}); empty refuses every invite
 * @param organizerPowerLevel the room power level from which a member counts as an organizer
 */
public record AccessConfig(List<String> invitesFrom, int organizerPowerLevel) {
    public static final int DEFAULT_ORGANIZER_POWER_LEVEL = 50;

    static final Setting<List<String>> INVITES_FROM = Setting.of("invites_from", ValueType.list(ValueType.text()
                            .check(AccessConfig::isValidInviteSource,
                                    "must be a user id like @alice:example.org or a server like :example.org"))
                    .notAList("must be a list, e.g. [\"@alice:example.org\", \":example.org\"]"))
            .byDefault(List.of()).example(List.of("@alice:localhost", ":localhost"))
            .comment("Who may invite the bot into a room; an empty list refuses every invite. Full user ids like"
                    + " \"@alice:example.org\", or whole servers like \":example.org\". Quote each entry.");
    static final Setting<Integer> ORGANIZER_POWER_LEVEL = Setting.of("organizer_power_level",
                    ValueType.integer().atLeast(0))
            .byDefault(DEFAULT_ORGANIZER_POWER_LEVEL)
            .comment("Members with at least this room power level count as organizers.");
    static final ConfigSection SECTION = ConfigSection.optional("access", INVITES_FROM, ORGANIZER_POWER_LEVEL);

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

    static AccessConfig from(SectionValues values) {
        return new AccessConfig(values.get(INVITES_FROM), values.get(ORGANIZER_POWER_LEVEL));
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
