package org.assemblybot.feature.debrief;

import java.time.Instant;
import java.util.Objects;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;

/**
 * A gathering planned after a debrief: a skill share (experienced people teach newcomers) or a care gathering
 * without agenda.
 *
 * @param debriefId the debrief it follows, or null
 * @param topic     a skill share's topic as the organizer put it; null for a care gathering
 */
record Gathering(long id, Long debriefId, RoomId room, Kind kind, String topic, Instant startsAt, State state,
                 UserId createdBy, Instant createdAt) {
    enum Kind { SKILLSHARE, CARE }

    enum State { PLANNED, HELD, CANCELLED }

    Gathering {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    Gathering withId(long newId) {
        return new Gathering(newId, debriefId, room, kind, topic, startsAt, state, createdBy, createdAt);
    }

    Gathering in(State newState) {
        return new Gathering(id, debriefId, room, kind, topic, startsAt, newState, createdBy, createdAt);
    }
}
