package org.assemblybot.feature.vote;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.assemblybot.core.chat.UserId;

/**
 * The ballot box of secret votes: one ballot per voter, changeable, counted — and nothing on disk that says who
 * chose what, also to someone holding the whole data directory.
 *
 * <p>The disk holds two things that do not refer to each other: <em>who has voted</em> (a salted hash of the
 * user id, with a random token that changes with every ballot) and the <em>running totals</em> per option.
 * The hash is no secret — the salt is beside it, and the handled-command marks and the direct room show who
 * voted anyway; it only says "has voted", which prevents a second ballot. What a ballot chose exists on disk
 * only as +1 on the totals. To let people change their vote, the bot remembers in memory only, per vote, the
 * choices behind each token it handed out.
 *
 * <p>The restart rule: memory is lost when the bot stops. A ballot cast before a restart stays counted, but the
 * bot no longer knows what it chose, so it can no longer be changed; the voter is told so when they try.
 * Ballots cast after the restart can be changed again.
 *
 * <p>Left for the WAL: a ballot's +1 is written in the same commit as the voter's mark, and the old page stays
 * in the database file until the WAL is checkpointed — which the outbox does as soon as the reply has left
 * (normally well under a second). Nothing here logs a choice.
 */
final class SecretBallotBox {
    enum Result {
        /** A first ballot, counted. */
        COUNTED,
        /** A ballot cast in this run of the bot replaced by a new one. */
        CHANGED,
        /** A ballot cast before the bot restarted: still counted, and it cannot be changed. */
        UNCHANGEABLE
    }

    private final VoteStore store;
    private final Random random;
    /** Per vote: token → the choices of that ballot. Only in memory, never written or logged. */
    private final Map<Long, Map<String, List<Integer>>> ballots = new ConcurrentHashMap<>();

    SecretBallotBox(VoteStore store) {
        this(store, new SecureRandom());
    }

    SecretBallotBox(VoteStore store, Random random) {
        this.store = store;
        this.random = random;
    }

    /** Counts {@code choices} as {@code voter}'s ballot, replacing their earlier one when this run knows it. */
    Result cast(Vote vote, UserId voter, List<Integer> choices) {
        Map<String, List<Integer>> known = ballots.computeIfAbsent(vote.id(), id -> new ConcurrentHashMap<>());
        Optional<VoteStore.SecretVoter> previous = store.secretVoter(vote.id(), voter);
        List<Integer> replaced = List.of();
        if (previous.isPresent()) {
            String token = previous.get().token();
            replaced = token == null ? null : known.get(token);
            if (replaced == null) {
                return Result.UNCHANGEABLE;
            }
        }
        String token = newToken();
        store.markSecretVoter(vote.id(), voter, token);
        if (previous.isEmpty()) {
            store.addToSecretTotal(vote.id(), 0, 1);
        }
        replaced.forEach(choice -> store.addToSecretTotal(vote.id(), choice, -1));
        choices.forEach(choice -> store.addToSecretTotal(vote.id(), choice, 1));
        // The old token's entry stays: if this transaction rolls back, the disk still points at it.
        known.put(token, List.copyOf(choices));
        return previous.isEmpty() ? Result.COUNTED : Result.CHANGED;
    }

    /** The totals: per option (index 0 is option 1), and the number of voters. */
    Totals totals(Vote vote) {
        Map<Integer, Integer> stored = store.secretTotals(vote.id());
        List<Integer> counts = IntStream.rangeClosed(1, vote.options().size())
                .mapToObj(option -> stored.getOrDefault(option, 0)).toList();
        return new Totals(counts, stored.getOrDefault(0, 0));
    }

    /** At close: the totals stay, who voted and the in-memory ballots go. */
    void finish(Vote vote) {
        store.finishSecret(vote.id());
        ballots.remove(vote.id());
    }

    private String newToken() {
        byte[] token = new byte[16];
        random.nextBytes(token);
        return HexFormat.of().formatHex(token);
    }

    record Totals(List<Integer> counts, int voters) {
        Totals {
            counts = List.copyOf(counts);
        }
    }
}
