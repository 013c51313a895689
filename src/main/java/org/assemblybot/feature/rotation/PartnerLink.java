package org.assemblybot.feature.rotation;

import java.time.Instant;
import java.util.Objects;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;

/**
 * A role's partner room: its people may volunteer for the role too, once the room takes part.
 *
 * @param shownAs the alias (or id) the organizer named the room by, to name it in replies
 */
record PartnerLink(long roleId, RoomId room, String shownAs, State state, UserId linkedBy, Instant linkedAt) {
    /** Asked and not answered yet; takes part; said no (or stopped taking part later). */
    enum State { PENDING, ACTIVE, DECLINED }

    PartnerLink {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(shownAs, "shownAs");
        Objects.requireNonNull(state, "state");
    }

    boolean active() {
        return state == State.ACTIVE;
    }

    /** Asked or taking part: the partner room hears about changes. */
    boolean open() {
        return state != State.DECLINED;
    }
}
