package org.assemblybot.feature.debrief;

import java.text.Normalizer;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.assemblybot.core.chat.UserId;

/**
 * A micro-role offered at a debrief: "medic team", 4 slots, terms of 14 days.
 *
 * @param id      0 for a draft not yet stored
 * @param name    as the organizer wrote it (shown on the board, like a role's name in rotation)
 * @param nameKey {@link #key normalised}, unique per debrief: how {@code !signup} finds it
 */
record MicroRole(long id, long debriefId, String name, String nameKey, int slots, int days, UserId createdBy,
                 Instant createdAt) {
    static final int MAX_SLOTS = 20;
    static final int MAX_DAYS = 60;
    static final int DEFAULT_DAYS = 14;
    static final int MAX_NAME = 40;

    MicroRole {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(nameKey, "nameKey");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    MicroRole withId(long newId) {
        return new MicroRole(newId, debriefId, name, nameKey, slots, days, createdBy, createdAt);
    }

    Duration term() {
        return Duration.ofDays(days);
    }

    /**
     * "Medic-Team!", "medic  team" and "médic team" are one role: lower case, accents dropped, letters and digits
     * only, single spaces. Empty when nothing of that is left.
     */
    static String key(String typed) {
        String plain = Normalizer.normalize(typed, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        return plain.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    /** The words of a key, for matching a skill tag to a role. */
    static List<String> words(String key) {
        return key.isEmpty() ? List.of() : Arrays.asList(key.split(" "));
    }
}
