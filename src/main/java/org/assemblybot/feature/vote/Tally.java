package org.assemblybot.feature.vote;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.assemblybot.core.chat.UserId;

/**
 * The count of one vote: only ballots of people who are joined members of the room count; the bot is no
 * member for turnout.
 *
 * @param counts   per option (index 0 is option 1), how many counted people chose it
 * @param counted  the ballots that count
 * @param voters   how many counted people chose anything
 * @param members  joined members of the room, the bot excepted
 * @param ignored  ballots of people who are not (or no longer) members
 */
record Tally(List<Integer> counts, List<Ballot> counted, int voters, int members, int ignored) {
    static Tally of(Vote vote, List<Ballot> ballots, Set<UserId> joined, UserId self) {
        int[] counts = new int[vote.options().size()];
        List<Ballot> counted = new ArrayList<>();
        int ignored = 0;
        for (Ballot ballot : ballots) {
            if (!joined.contains(ballot.user()) || ballot.user().equals(self)) {
                ignored++;
                continue;
            }
            counted.add(ballot);
            for (int choice : ballot.choices()) {
                if (choice >= 1 && choice <= counts.length) {
                    counts[choice - 1]++;
                }
            }
        }
        int members = (int) joined.stream().filter(u -> !u.equals(self)).count();
        return new Tally(java.util.Arrays.stream(counts).boxed().toList(), List.copyOf(counted), counted.size(),
                members, ignored);
    }

    /** A secret vote: running totals without who; membership was checked when each ballot was cast. */
    static Tally secret(SecretBallotBox.Totals totals, Set<UserId> joined, UserId self) {
        int members = (int) joined.stream().filter(u -> !u.equals(self)).count();
        return new Tally(totals.counts(), List.of(), totals.voters(), members, 0);
    }

    int count(int option) {
        return counts.get(option - 1);
    }

    boolean quorumMet(Quorum quorum) {
        return quorum == null || quorum.met(voters, members);
    }

    List<Ballot> blocks() {
        return counted.stream().filter(b -> b.choices().contains(Vote.BLOCK)).toList();
    }

    /**
     * A proposal passes when the quorum is met, nobody blocks, and everyone who took a position other than
     * standing aside agrees — with at least one agreement.
     */
    boolean proposalPasses(Quorum quorum) {
        int agree = count(Vote.AGREE);
        int deciding = voters - count(Vote.STAND_ASIDE);
        return quorumMet(quorum) && blocks().isEmpty() && agree > 0 && agree >= deciding;
    }
}
