package org.assemblybot.feature.vote;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.Polls;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.schedule.ScheduledTxn;
import org.assemblybot.core.store.Outbox;

/**
 * The native poll of a vote that is not secret: queued with the start, its event id remembered once it is sent
 * (responses and number reactions refer to it), and ended with the results at the close. All of it goes through
 * the outbox like any message: a failed start or end is retried, never lost.
 */
final class VotePolls {
    private final FeatureKit kit;
    private final VoteStore store;
    private final VoteTexts texts;
    private final VoteTurnout turnout;

    VotePolls(FeatureKit kit, VoteStore store, VoteTexts texts, VoteTurnout turnout) {
        this.kit = kit;
        this.store = store;
        this.texts = texts;
        this.turnout = turnout;
    }

    /**
     * Queues the native poll; its transaction id derives from the command, so a retried command posts it once
     * (M1). The relay sends it after the commit and reports its event id to {@link #sent}.
     */
    void start(Vote vote, EventId command, ZoneId zone) {
        List<String> options = VoteTexts.pollOptions(vote);
        List<Polls.Answer> answers = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            answers.add(new Polls.Answer(Integer.toString(i + 1), options.get(i)));
        }
        String question = vote.label() + ": " + vote.question();
        String txnId = ScheduledTxn.of(VoteFeature.ref(vote) + ":poll:" + command.value(), Instant.EPOCH, vote.room(),
                "poll");
        store.setPollTxn(vote.id(), txnId);
        kit.outbox().enqueue(txnId, vote.room(), new Outbox.PollStart(new Polls.PollStart(question, answers,
                vote.maxChoices(), true, texts.pollFallback(vote, zone))), kit.now());
    }

    /**
     * The poll was posted: remember its event id. A vote closed before its poll went out ends the poll at once,
     * so clients do not show it open forever.
     */
    void sent(String txnId, RoomId room, EventId eventId) {
        store.byPollTxn(txnId).ifPresent(vote -> {
            store.setPollEvent(vote.id(), eventId);
            if (!vote.open()) {
                end(vote, eventId, texts.results(vote, turnout.tally(vote), store.undecryptable(vote.id()), null,
                        kit.zoneOf(vote.room())).plain());
            }
        });
    }

    /** Ends the poll {@code poll} with the results; one fixed transaction id per vote, however often it runs. */
    void end(Vote vote, EventId poll, String results) {
        kit.outbox().enqueue(FeatureKit.once(VoteFeature.ref(vote), "end", vote.room()), vote.room(),
                new Outbox.PollEnd(poll, results), kit.now());
    }
}
