package org.assemblybot.feature.vote;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.assemblybot.core.command.CommandContext;
import org.assemblybot.core.command.Reply;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.schedule.DueHandler;
import org.assemblybot.core.schedule.MisfirePolicy;
import org.assemblybot.core.schedule.ScheduleItem;
import org.assemblybot.core.schedule.ScheduledTxn;
import org.assemblybot.core.text.RichText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a vote: the "closes in 1 minute" reminder, the close at its deadline or by {@code !vote close}, and
 * the results. The close runs late rather than never (RUN_LATE, T2) and says so; closing twice yields one result
 * (T4): the vote is closed in the same transaction that queues the result, whose transaction id is fixed per
 * vote (M1).
 */
final class VoteClosing implements DueHandler {
    private static final Logger log = LoggerFactory.getLogger(VoteClosing.class);
    private static final Duration REMINDER_GRACE = Duration.ofSeconds(30);

    private final FeatureKit kit;
    private final VoteStore store;
    private final VoteTexts texts;
    private final VoteLookup lookup;
    private final VoteTurnout turnout;
    private final VotePolls polls;
    private final SecretBallotBox secretBallots;

    VoteClosing(FeatureKit kit, VoteStore store, VoteTexts texts, VoteLookup lookup, VoteTurnout turnout,
                VotePolls polls, SecretBallotBox secretBallots) {
        this.kit = kit;
        this.store = store;
        this.texts = texts;
        this.lookup = lookup;
        this.turnout = turnout;
        this.polls = polls;
        this.secretBallots = secretBallots;
    }

    /** The close at the deadline, if there is one, and a reminder a minute before it when the vote is long enough. */
    void schedule(Vote vote) {
        if (vote.closesAt() == null) {
            return;
        }
        String ref = VoteFeature.ref(vote);
        kit.scheduler().schedule(ScheduleItem.once(ref + ":close", VoteFeature.ID, "close", ref, vote.room(),
                vote.closesAt(), MisfirePolicy.RUN_LATE, VoteFeature.CLOSE_GRACE));
        if (Duration.between(vote.createdAt(), vote.closesAt()).compareTo(VoteFeature.REMINDER_MIN_LENGTH) > 0) {
            kit.scheduler().schedule(ScheduleItem.once(ref + ":reminder", VoteFeature.ID, "reminder", ref, vote.room(),
                    vote.closesAt().minus(VoteFeature.REMINDER_BEFORE), MisfirePolicy.MISS_IF_LATE, REMINDER_GRACE));
        }
    }

    /** {@code !vote close <id>}: now, before its deadline (the gate has checked who may). */
    Reply closeCommand(CommandContext context) {
        Vote vote = lookup.voteHere(context.room(), context.words(), "vote close");
        kit.scheduler().cancelByRef(VoteFeature.ID, VoteFeature.ref(vote));
        close(vote, null);
        return Reply.text("Closed " + vote.label() + ".");
    }

    @Override
    public void onDue(ScheduleItem item, Instant occurrence, Duration late) {
        Optional<Vote> found = voteOf(item).filter(Vote::open);
        if (found.isEmpty()) {
            return;
        }
        Vote vote = found.get();
        switch (item.kind()) {
            case "reminder" -> kit.post(vote.room(), ScheduledTxn.of(item.id(), occurrence, vote.room(), "reminder"),
                    texts.closingSoon(vote, turnout.tally(vote), store.undecryptable(vote.id())));
            case "close" -> close(vote, late.compareTo(VoteFeature.CLOSE_GRACE) > 0 ? late : null);
            default -> log.warn("{}: unknown step {}", VoteFeature.ref(vote), item.kind());
        }
    }

    @Override
    public void onMissed(ScheduleItem item, Instant occurrence, Duration late) {
        // Only the reminder can be missed: a late "closes in 1 minute" would be wrong; the close says the rest.
        log.info("vote step {} skipped, {} ms late", item.id(), late.toMillis());
    }

    /** Nothing fails silently: the vote's room is told, with how to close it by hand. */
    @Override
    public void onGaveUp(ScheduleItem item, Instant occurrence, String errorId) {
        voteOf(item).filter(Vote::open).ifPresent(vote -> kit.post(vote.room(),
                ScheduledTxn.of(item.id(), occurrence, vote.room(), "failed"), texts.stepFailed(vote, item.kind(), errorId)));
    }

    /**
     * Closes the vote once: the state change, the results notice (one fixed transaction id per vote) and the
     * end of the poll, whoever triggers it and however often.
     *
     * @param late how late a scheduled close ran, said with the results; null within its grace and by command
     */
    private void close(Vote vote, Duration late) {
        if (!store.close(vote.id(), kit.now())) {
            return;
        }
        Tally tally = turnout.tally(vote);
        RichText results = texts.results(vote, tally, store.undecryptable(vote.id()), late, kit.zoneOf(vote.room()));
        kit.post(vote.room(), FeatureKit.once(VoteFeature.ref(vote), "results", vote.room()), results);
        turnout.showResults(vote, results);
        store.forgetReasons(vote.id()); // the room has them now, in the results
        if (vote.secret()) {
            // Only the totals stay; the salt and who voted go with the close, in the same transaction.
            secretBallots.finish(vote);
        }
        if (vote.pollEvent() != null) {
            polls.end(vote, vote.pollEvent(), results.plain());
        }
        log.info("{} closed: {} of {} members took part", VoteFeature.ref(vote), tally.voters(), tally.members());
    }

    private Optional<Vote> voteOf(ScheduleItem item) {
        try {
            return store.find(Long.parseLong(item.ref().substring(VoteFeature.ID.length() + 1)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
