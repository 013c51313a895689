package org.assemblybot.feature.rotation;

import org.assemblybot.core.config.ConfigSection;
import org.assemblybot.core.config.ConfigValues;
import org.assemblybot.core.config.SectionValues;
import org.assemblybot.core.config.Setting;
import org.assemblybot.core.config.ValueType;

/**
 * Limits of rotating roles.
 *
 * @param maxRolesPerPerson roles one person may hold, accept or be asked for at once in a room; beyond it they are
 *                          skipped, with that reason
 */
public record RotationConfig(int maxRolesPerPerson) {
    static final Setting<Integer> MAX_ROLES_PER_PERSON = Setting.of("max_roles_per_person",
                    ValueType.integer().atLeast(1)).byDefault(2)
            .comment("How many roles one person may hold (or have accepted, or be asked for) at once in a room;"
                    + " the fair order skips them beyond it and says why.");

    /** The {@code rotation} section of bot.yaml. */
    public static final ConfigSection SECTION = ConfigSection.optional("rotation", MAX_ROLES_PER_PERSON);

    /** P5: roles one room may declare. */
    static final int MAX_ROLES_PER_ROOM = 20;
    /** P5: seats one role may have. */
    static final int MAX_SEATS = 10;

    public static RotationConfig defaults() {
        return from(SECTION.defaults());
    }

    public static RotationConfig from(ConfigValues config) {
        return from(config.of(SECTION));
    }

    static RotationConfig from(SectionValues values) {
        return new RotationConfig(values.get(MAX_ROLES_PER_PERSON));
    }
}
