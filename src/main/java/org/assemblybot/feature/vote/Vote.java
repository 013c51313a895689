package org.assemblybot.feature.vote;

import java.time.Instant;
import java.util.List;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;

/**
 * A vote or a consensus proposal as stored.
 *
 * @param options    option texts; option n (1-based) is {@code options.get(n - 1)}
 * @param maxChoices how many options one person may choose (1 unless {@code --multi})
 * @param quorum     how many must take part, or null
 * @param closesAt   the deadline, or null when it stays open until closed by command
 * @param pollEvent  the native poll, or null when it could not be posted
 * @param secret     a secret vote: no poll, ballots only in direct rooms, only totals are kept and published
 */
record Vote(long id, RoomId room, Kind kind, String question, List<String> options, int maxChoices, Quorum quorum,
            Instant closesAt, UserId createdBy, Instant createdAt, State state, EventId pollEvent, boolean secret) {
    enum Kind { VOTE, PROPOSAL }

    enum State { OPEN, CLOSED }

    /** Proposal positions, as option numbers. */
    static final int AGREE = 1;
    static final int STAND_ASIDE = 2;
    static final int BLOCK = 3;
    static final List<String> POSITIONS = List.of("agree", "stand aside", "block");

    Vote {
        options = List.copyOf(options);
    }

    boolean open() {
        return state == State.OPEN;
    }

    boolean proposal() {
        return kind == Kind.PROPOSAL;
    }

    String label() {
        return (proposal() ? "Proposal #" : "Vote #") + id;
    }
}
