package org.assemblybot.feature.vote;

import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.live.LiveKey;
import org.assemblybot.core.live.LiveMessages;
import org.assemblybot.core.text.RichText;

/**
 * Who took part in a vote: the tally (joined members only; a secret vote's from the ballot box), and the live
 * message that shows how many have voted, posted with the first ballot and edited in place as ballots come and
 * go. It never shows counts per option: a secret vote's counts stay hidden until the close, and an open vote's
 * poll shows its own. Bursts are coalesced into one edit by {@link LiveMessages}.
 */
final class VoteTurnout {
    private final FeatureKit kit;
    private final VoteStore store;
    private final SecretBallotBox secretBallots;
    private final VoteTexts texts;

    VoteTurnout(FeatureKit kit, VoteStore store, SecretBallotBox secretBallots, VoteTexts texts) {
        this.kit = kit;
        this.store = store;
        this.secretBallots = secretBallots;
        this.texts = texts;
    }

    Tally tally(Vote vote) {
        if (vote.secret()) {
            return Tally.secret(secretBallots.totals(vote), kit.rooms().joinedMembers(vote.room()), kit.self());
        }
        return Tally.of(vote, store.ballots(vote.id()), kit.rooms().joinedMembers(vote.room()), kit.self());
    }

    /** A ballot came or went: the turnout message shows the new number of voters. */
    void show(Vote vote) {
        kit.live().show(key(vote), vote.room(), texts.turnout(vote, tally(vote)));
    }

    /** At the close the turnout message, where there is one, becomes the results — in place — and is then done. */
    void showResults(Vote vote, RichText results) {
        kit.live().update(key(vote), vote.room(), results);
        kit.live().retire(key(vote));
    }

    private static LiveKey key(Vote vote) {
        return new LiveKey(VoteFeature.ID, vote.id() + ":turnout");
    }
}
