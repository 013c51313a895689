package org.assemblybot.feature.debrief;

import java.time.Instant;
import java.util.Objects;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;

/**
 * A debrief commons after an action: held in a room at {@code startsAt}, within a day of the action if it can be.
 *
 * @param id       0 for a draft not yet stored
 * @param actionId the synchronized action it follows, or null for any other action
 * @param title    what happened, as the organizer put it (shown on the card, like a vote's question)
 * @param actionAt when the action ended
 * @param rolesEnd when the last micro-role offered at it ends, or null when none was offered
 * @param purgedAt when its signups and skill tags were deleted (retention), or null
 */
record Debrief(long id, RoomId room, Long actionId, String title, Instant actionAt, Instant startsAt, State state,
               boolean intense, UserId createdBy, Instant createdAt, Instant rolesEnd, Instant purgedAt) {
    enum State { PLANNED, HELD, CANCELLED }

    /** What happened, in at most this many characters. */
    static final int MAX_TITLE = 120;

    Debrief {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(actionAt, "actionAt");
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdBy, "createdBy");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    Debrief withId(long newId) {
        return new Debrief(newId, room, actionId, title, actionAt, startsAt, state, intense, createdBy, createdAt,
                rolesEnd, purgedAt);
    }

    Debrief in(State newState) {
        return new Debrief(id, room, actionId, title, actionAt, startsAt, newState, intense, createdBy, createdAt,
                rolesEnd, purgedAt);
    }

    Debrief withRolesEnd(Instant end) {
        return new Debrief(id, room, actionId, title, actionAt, startsAt, state, intense, createdBy, createdAt, end,
                purgedAt);
    }

    Debrief purged(Instant at) {
        return new Debrief(id, room, actionId, title, actionAt, startsAt, state, intense, createdBy, createdAt,
                rolesEnd, at);
    }

    /** "#3 Blockade at the port" — how replies name it. */
    String label() {
        return "#" + id + " " + title;
    }
}
