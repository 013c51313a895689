package org.assemblybot.feature.countdown;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;

/**
 * One synchronized action: a title and an instant (T0) announced in several rooms.
 *
 * @param duration how long it lasts (an END message follows), or null
 * @param notices  offsets before T0 at which a T-minus notice goes out, largest first
 * @param zones    extra zones every announcement shows
 */
record SyncAction(long id, String title, Instant t0, Duration duration, List<Duration> notices, List<ZoneId> zones,
                  RoomId originRoom, UserId createdBy, State state) {
    enum State { PLANNED, DONE, CANCELLED, MISSED }

    SyncAction {
        notices = List.copyOf(notices);
        zones = List.copyOf(zones);
    }

    boolean planned() {
        return state == State.PLANNED;
    }

    /** Never print the title: it is what people typed (P2). */
    @Override
    public String toString() {
        return "SyncAction[#" + id + ", t0=" + t0 + ", state=" + state + "]";
    }
}
