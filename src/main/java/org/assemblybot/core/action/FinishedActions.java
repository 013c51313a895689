package org.assemblybot.core.action;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.assemblybot.core.chat.RoomId;

/**
 * Synchronized actions once they are over, as other features see them: the debrief commons offers a debrief after
 * each. The countdown feature provides it, so features never depend on each other.
 */
public interface FinishedActions {
    /**
     * An action that took place.
     *
     * @param id           its number, as {@code !sync list} shows it
     * @param planningRoom where it was planned (where its debrief belongs)
     * @param title        its title, as the organizer announced it
     * @param endedAt      its END, or its GO when it had no duration
     * @param intense      marked intense when planned: a gathering without agenda is suggested after it
     */
    record Finished(long id, RoomId planningRoom, String title, Instant endedAt, boolean intense) {
        public Finished {
            Objects.requireNonNull(planningRoom, "planningRoom");
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(endedAt, "endedAt");
        }
    }

    /** Told, inside the transaction of the step that ended it, when an action is over. */
    @FunctionalInterface
    interface Listener {
        void actionFinished(Finished action);
    }

    /** Registers a listener (at wiring time, before anything runs). */
    void addListener(Listener listener);

    /** Action {@code id} planned in {@code planningRoom}, once it is over; empty otherwise. */
    Optional<Finished> finished(RoomId planningRoom, long id);
}
