package org.assemblybot.feature.vote;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.feature.FeatureKit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Votes that come as events rather than commands: poll responses and number reactions on the poll. Also a
 * redaction, which withdraws the ballot it gave (M5) or asks the creator when it was the starting command, the
 * bot leaving a room (M6), and undecryptable events while a vote is open, reported with the result (E4).
 */
final class VoteEvents {
    private static final Logger log = LoggerFactory.getLogger(VoteEvents.class);

    private final FeatureKit kit;
    private final VoteStore store;
    private final VoteTurnout turnout;
    private final VoteCommandRedaction commandRedaction;
    private final VoteRoomRemoval roomRemoval;

    VoteEvents(FeatureKit kit, VoteStore store, VoteTurnout turnout, VoteCommandRedaction commandRedaction,
               VoteRoomRemoval roomRemoval) {
        this.kit = kit;
        this.store = store;
        this.turnout = turnout;
        this.commandRedaction = commandRedaction;
        this.roomRemoval = roomRemoval;
    }

    void onEvent(ChatEvent event) {
        if (event instanceof ChatEvent.PollResponse response) {
            onResponse(response);
        } else if (event instanceof ChatEvent.Reaction reaction) {
            onReaction(reaction);
        } else if (event instanceof ChatEvent.Redaction redaction) {
            kit.live().redacted(redaction.room(), redaction.redacts());
            store.withdraw(redaction.room(), redaction.redacts()).flatMap(store::find).ifPresent(vote -> {
                log.debug("{}: a ballot was withdrawn by redaction", VoteFeature.ref(vote));
                if (vote.open()) {
                    turnout.show(vote);
                }
            });
            commandRedaction.onRedaction(redaction);
        } else if (event instanceof ChatEvent.Membership membership && membership.target().equals(kit.self())
                && (membership.membership().equals("leave") || membership.membership().equals("ban"))) {
            roomRemoval.removedFrom(membership.room());
        } else if (event instanceof ChatEvent.Undecryptable undecryptable) {
            for (Vote vote : store.openIn(undecryptable.room())) {
                if (!undecryptable.sentAt().isBefore(vote.createdAt())) {
                    store.recordUndecryptable(vote.id(), undecryptable.id());
                }
            }
        }
        // A Message is never a vote here: `!v` runs through the router, and an edit of it never runs (M5).
    }

    private void onResponse(ChatEvent.PollResponse response) {
        Optional<Vote> found = store.byPoll(response.room(), response.poll()).filter(v -> accepts(v, response));
        if (found.isEmpty()) {
            return;
        }
        Vote vote = found.get();
        List<Integer> choices = new ArrayList<>();
        for (String answer : response.answers()) {
            try {
                int number = Integer.parseInt(answer);
                if (number >= 1 && number <= VoteTexts.pollOptions(vote).size() && !choices.contains(number)) {
                    choices.add(number);
                }
            } catch (NumberFormatException e) {
                // Not one of ours; ignored as clients do.
            }
        }
        // MSC3381: more answers than allowed is a spoiled ballot; none is a retraction.
        if (choices.size() > vote.maxChoices()) {
            return;
        }
        store.replaceBallot(vote.id(), response.sender(), choices.stream().sorted().toList(), null, response.id(),
                response.sentAt());
        turnout.show(vote);
    }

    private void onReaction(ChatEvent.Reaction reaction) {
        int option = VoteTexts.keycapOption(reaction.key());
        if (option == 0) {
            return;
        }
        Optional<Vote> found = store.byPoll(reaction.room(), reaction.target()).filter(v -> accepts(v, reaction));
        if (found.isEmpty() || option > VoteTexts.pollOptions(found.get()).size()) {
            return;
        }
        Vote vote = found.get();
        if (vote.maxChoices() == 1) {
            store.replaceBallot(vote.id(), reaction.sender(), List.of(option), null, reaction.id(), reaction.sentAt());
        } else {
            store.addChoice(vote.id(), reaction.sender(), option, vote.maxChoices(), reaction.id(), reaction.sentAt());
        }
        turnout.show(vote);
    }

    /** Open, and the event was sent before the deadline (a late close does not let late votes in). */
    private boolean accepts(Vote vote, ChatEvent event) {
        return vote.open() && !event.sender().equals(kit.self())
                && (vote.closesAt() == null || !event.sentAt().isAfter(vote.closesAt()));
    }
}
