package org.assemblybot.feature.rotation;

import java.time.Instant;
import java.util.Objects;
import org.assemblybot.core.chat.UserId;

/**
 * One person in one seat of a role for one term, or asked to be. A term is served when it was accepted and has
 * begun; a successor is a term of the next period that was asked, accepted, declined or let expire.
 *
 * @param id     0 for a draft not yet stored
 * @param from   inclusive; local midnight or an assembly's start
 * @param to     exclusive
 * @param reason a decline's or release's short reason, or null
 */
record Term(long id, long roleId, int seat, UserId holder, Instant from, Instant to, State state, Instant askedAt,
            String reason) {
    enum State {
        /** Picked as successor, waiting for an answer. */
        ASKED,
        /** Holds (or will hold) the seat: volunteered into a vacant role, accepted, or assigned from the pool. */
        ACCEPTED,
        DECLINED,
        /** Asked, and did not answer in time. */
        EXPIRED,
        /** Let go before the end: withdrew, left the room, swapped or skipped. */
        RELEASED
    }

    Term {
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(state, "state");
    }

    /** Asked or accepted: it takes a seat (and counts towards the person's load). */
    boolean active() {
        return state == State.ASKED || state == State.ACCEPTED;
    }

    boolean overlaps(Instant start, Instant end) {
        return from.isBefore(end) && to.isAfter(start);
    }
}
