package org.assemblybot.feature.debrief;

import java.time.Instant;
import java.util.Objects;
import org.assemblybot.core.chat.UserId;

/**
 * Someone's place in a micro-role: holding it for a term, waiting for a slot, or shadowing its holder.
 *
 * @param id       0 for a draft not yet stored
 * @param since    when they signed up (a waiting place's order)
 * @param startsAt the current term's start (holders and shadows), or null while waiting
 * @param endsAt   the current term's end, or null while waiting
 * @param renewals how many more terms a holder took after the first
 * @param newcomer whether they held no micro-role in this room before (for the summary)
 * @param endedAt  when they were released or dropped it, or null while active
 */
record Signup(long id, long roleId, UserId user, Kind kind, State state, Instant since, Instant startsAt,
              Instant endsAt, int renewals, boolean newcomer, Instant endedAt) {
    enum Kind { HOLDER, WAITING, SHADOW }

    enum State { ACTIVE, DROPPED, RELEASED }

    Signup {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(since, "since");
    }

    static Signup waiting(long roleId, UserId user, Instant at) {
        return new Signup(0, roleId, user, Kind.WAITING, State.ACTIVE, at, null, null, 0, false, null);
    }

    /** Holds the role (signed up into a free slot, or promoted from the waiting list) from {@code at}. */
    Signup holding(Instant at, Instant until, boolean firstRole) {
        return new Signup(id, roleId, user, Kind.HOLDER, State.ACTIVE, since, at, until, renewals, firstRole, null);
    }

    static Signup shadow(long roleId, UserId user, Instant at, Instant until) {
        return new Signup(0, roleId, user, Kind.SHADOW, State.ACTIVE, at, at, until, 0, false, null);
    }

    Signup renewedUntil(Instant until) {
        return new Signup(id, roleId, user, kind, state, since, startsAt, until, renewals + 1, newcomer, endedAt);
    }

    Signup ended(State how, Instant at) {
        return new Signup(id, roleId, user, kind, how, since, startsAt, endsAt, renewals, newcomer, at);
    }

    Signup withId(long newId) {
        return new Signup(newId, roleId, user, kind, state, since, startsAt, endsAt, renewals, newcomer, endedAt);
    }

    boolean active() {
        return state == State.ACTIVE;
    }
}
