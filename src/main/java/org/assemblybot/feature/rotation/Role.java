package org.assemblybot.feature.rotation;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;

/**
 * A role that circulates in a room (facilitation, notes, welcome …).
 *
 * @param id        0 for a draft not yet stored
 * @param name      as the organizer wrote it; unique per room, ignoring case
 * @param seats     how many people hold it at once (1 or more)
 * @param maxTerms  how many terms in a row one person may hold; null: unlimited
 * @param checklist what the holder hands over, in order
 */
record Role(long id, RoomId room, String name, TermLength term, int seats, Shadow shadow, Integer maxTerms,
            List<String> checklist, UserId createdBy, Instant createdAt) {
    /** One term at a time unless the organizers say otherwise: the role circulates. */
    static final int DEFAULT_MAX_TERMS = 1;

    Role {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(term, "term");
        Objects.requireNonNull(shadow, "shadow");
        checklist = List.copyOf(checklist);
    }

    String key() {
        return nameKey(name);
    }

    static String nameKey(String name) {
        return name.strip().toLowerCase(java.util.Locale.ROOT);
    }

    Role withId(long newId) {
        return new Role(newId, room, name, term, seats, shadow, maxTerms, checklist, createdBy, createdAt);
    }
}
