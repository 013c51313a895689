package org.assemblybot.feature.vote;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.feature.CreatorRedactionNotice;

/** Where votes live. Every method joins the caller's transaction when there is one. */
interface VoteStore {
    /** Stores a new vote (its id and poll event are ignored) and returns the id it got. */
    long create(Vote draft);

    Optional<Vote> find(long id);

    /** Open votes in {@code room}, oldest first. */
    List<Vote> openIn(RoomId room);

    void setPollEvent(long id, EventId poll);

    /** Remembers the command that created the vote and its thread (null outside threads), for M5. */
    void setCommand(long id, EventId command, EventId threadRoot);

    /** The vote that the command {@code command} in {@code room} created. */
    Optional<CreatorRedactionNotice.Creation> byCommand(RoomId room, EventId command);

    /** Remembers the transaction id the vote's poll was queued with, to learn its event id once sent. */
    void setPollTxn(long id, String txnId);

    /** The vote whose poll was queued with {@code txnId}. */
    Optional<Vote> byPollTxn(String txnId);

    /** The vote whose native poll in {@code room} is {@code poll}. */
    Optional<Vote> byPoll(RoomId room, EventId poll);

    /** Marks it closed; false if it already was. */
    boolean close(long id, Instant at);

    /** Replaces everything {@code user} chose with {@code choices}, given by the event {@code via}. */
    void replaceBallot(long id, UserId user, List<Integer> choices, String reason, EventId via, Instant at);

    /**
     * Adds one choice of {@code user} (given by {@code via}); when that makes more than {@code max}, the oldest
     * choices go.
     */
    void addChoice(long id, UserId user, int choice, int max, EventId via, Instant at);

    /** Withdraws what the event {@code via} gave in {@code room}; the vote's id if it gave anything. */
    Optional<Long> withdraw(RoomId room, EventId via);

    /** Every ballot, by user id. */
    List<Ballot> ballots(long id);

    /** Records an event of the vote's room that could not be decrypted; false if it was already counted. */
    boolean recordUndecryptable(long id, EventId event);

    int undecryptable(long id);

    /**
     * Secret votes: whether {@code user} has voted (looked up under SHA-256(the vote's salt + user id), never the
     * user id), with the token of their ballot; empty when they have not voted.
     */
    Optional<SecretVoter> secretVoter(long id, UserId user);

    /** Secret votes: marks {@code user} as having voted, with the token of their current ballot (no choice). */
    void markSecretVoter(long id, UserId user, String token);

    /** Secret votes: adds {@code delta} to the running total of option {@code choice} (0: the number of voters). */
    void addToSecretTotal(long id, int choice, int delta);

    /** Secret votes: the running totals by option number (0: the number of voters); absent options are 0. */
    Map<Integer, Integer> secretTotals(long id);

    /** At close, once the results carry them: block reasons (people's own words) are not kept any longer. */
    void forgetReasons(long id);

    /** Secret votes at close: the totals stay; the salt and who voted are deleted. */
    void finishSecret(long id);

    /**
     * Someone has voted in a secret vote.
     *
     * @param token random, new with each ballot, or null when the ballot was cast before the bot restarted
     */
    record SecretVoter(String token) {
    }
}
