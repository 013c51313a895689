package org.assemblybot.feature.countdown;

import java.util.Locale;
import org.assemblybot.core.chat.RoomId;

/**
 * A room of an action. Its announcement and countdown there are live messages ({@link SyncLiveMessages}), which
 * keep their own event ids.
 */
record SyncRoom(long actionId, RoomId room, Participation participation) {

    /**
     * Whether the room takes part. A partner room where the planner is no organizer is only asked, and takes
     * part once one of its own organizers accepts; until then it gets the request and nothing else.
     */
    enum Participation {
        /** Takes part: announcements, notices, countdown, GO and END. */
        ACTIVE("taking part"),
        /** Asked, waiting for an organizer there to accept or decline; expires unanswered at the GO. */
        PENDING("waiting for consent"),
        DECLINED("declined"),
        /** The bot was removed from the room (M6). */
        DROPPED("dropped");

        private final String label;

        Participation(String label) {
            this.label = label;
        }

        /** What {@code !sync show} says about the room. */
        String label() {
            return label;
        }

        /** The value in {@code sync_rooms.state}. */
        String stored() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Participation ofStored(String value) {
            return valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    boolean active() {
        return participation == Participation.ACTIVE;
    }

    boolean pending() {
        return participation == Participation.PENDING;
    }
}
