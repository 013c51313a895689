package org.assemblybot.feature.vote;

import java.time.Instant;
import java.time.ZoneId;
import org.assemblybot.core.command.CommandContext;
import org.assemblybot.core.command.Reply;
import org.assemblybot.core.command.UserFacingException;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.time.Durations;
import org.assemblybot.core.time.TimeInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code !vote} and {@code !propose}: a vote or consensus proposal is stored, its poll queued (none for a secret
 * vote) and its close scheduled, all in the command's transaction.
 */
final class VoteStart {
    private static final Logger log = LoggerFactory.getLogger(VoteStart.class);

    private final FeatureKit kit;
    private final VoteStore store;
    private final VoteTexts texts;
    private final VotePolls polls;
    private final VoteClosing closing;

    VoteStart(FeatureKit kit, VoteStore store, VoteTexts texts, VotePolls polls, VoteClosing closing) {
        this.kit = kit;
        this.store = store;
        this.texts = texts;
        this.polls = polls;
        this.closing = closing;
    }

    Reply vote(CommandContext context) {
        return start(context, VoteRequest.parse(context.words(), context.options(), false, texts.voteUsage()),
                Vote.Kind.VOTE);
    }

    Reply propose(CommandContext context) {
        return start(context, VoteRequest.parse(context.words(), context.options(), true, texts.proposeUsage()),
                Vote.Kind.PROPOSAL);
    }

    private Reply start(CommandContext context, VoteRequest request, Vote.Kind kind) {
        String usage = kind == Vote.Kind.PROPOSAL ? texts.proposeUsage() : texts.voteUsage();
        ZoneId zone = kit.zoneOf(context.room());
        Instant now = kit.now();
        Instant closesAt = null;
        if (request.closeIn() != null) {
            closesAt = now.plus(Durations.fromCommand(request.closeIn()));
        } else if (request.closeAt() != null) {
            closesAt = kit.time().parse(request.closeAt(), zone);
            if (!closesAt.isAfter(now)) {
                throw new UserFacingException("The deadline " + TimeInput.describe(closesAt, zone) + " has passed. Give "
                        + "a time in the future.\n" + usage);
            }
        }
        if (store.openIn(context.room()).size() >= VoteFeature.MAX_OPEN_PER_ROOM) {
            throw new UserFacingException("This room already has " + VoteFeature.MAX_OPEN_PER_ROOM + " open votes; "
                    + "close one first (" + kit.prefix() + "vote list).");
        }
        Vote draft = new Vote(0, context.room(), kind, request.question(), request.options(), request.multi(),
                request.quorum(), closesAt, context.sender(), now, Vote.State.OPEN, null, request.secret());
        long id = store.create(draft);
        store.setCommand(id, context.event(), context.threadRoot()); // M5: redacting it asks the creator
        Vote vote = store.find(id).orElseThrow();
        if (vote.secret()) {
            // No poll and no reactions: both would show who chose what.
            closing.schedule(vote);
            log.info("secret {} #{} opened in {} with {} options", kind, id, context.room(), vote.options().size());
            return Reply.of(texts.createdSecret(vote, zone));
        }
        polls.start(vote, context.event(), zone);
        closing.schedule(vote);
        log.info("{} #{} opened in {} with {} options", kind, id, context.room(), vote.options().size());
        return Reply.of(texts.created(vote, zone, true));
    }
}
