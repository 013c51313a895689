package org.assemblybot.feature.vote;

import java.time.Duration;
import java.util.List;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.command.ArgSpec;
import org.assemblybot.core.command.Command;
import org.assemblybot.core.command.CommandContext;
import org.assemblybot.core.command.OptionSpec;
import org.assemblybot.core.command.Target;
import org.assemblybot.core.feature.Feature;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.schedule.DueHandler;
import org.assemblybot.core.store.SentListener;

/**
 * Votes and consensus proposals, posted as native polls (with a text fallback) and votable by poll response,
 * by number reaction on the poll and by command.
 *
 * Everything is in the database (T1): the vote, every ballot with the event that gave it (so a redaction
 * withdraws it, M5), and the close and reminder items, which the Scheduler rebuilds at boot. The close runs
 * late rather than never (RUN_LATE, T2) and says so; closing twice yields one result (T4): the vote is closed
 * in the same transaction that queues the result, and the result's transaction id is fixed per vote (M1).
 * Only joined members' ballots count; undecryptable events in the room are counted while a vote is open and
 * reported with the result (E4).
 *
 * This class declares the commands and hands the work on: {@link VoteStart} starts votes and proposals,
 * {@link VoteCasting} takes ballots and positions (secret ones too), {@link VoteClosing} closes and counts,
 * {@link VotePolls} keeps the native polls and {@link VoteEvents} handles the events.
 */
public final class VoteFeature implements Feature, SentListener {
    public static final String ID = "vote";
    /** P5: open votes one room may hold at a time. */
    static final int MAX_OPEN_PER_ROOM = 10;
    static final Duration REMINDER_BEFORE = Duration.ofMinutes(1);
    /** Votes shorter than this get no "closes in 1 minute" notice. */
    static final Duration REMINDER_MIN_LENGTH = Duration.ofMinutes(2);
    /** A close later than this says that it was late. */
    static final Duration CLOSE_GRACE = Duration.ofMinutes(1);

    private final String prefix;
    private final VoteLookup lookup;
    private final VotePolls polls;
    private final VoteStart start;
    private final VoteCasting casting;
    private final VoteClosing closing;
    private final VoteEvents events;

    public VoteFeature(FeatureKit kit, VoteStore store) {
        this.prefix = kit.prefix();
        VoteTexts texts = new VoteTexts(kit.prefix());
        SecretBallotBox secretBallots = new SecretBallotBox(store);
        VoteTurnout turnout = new VoteTurnout(kit, store, secretBallots, texts);
        this.lookup = new VoteLookup(kit, store, texts, turnout);
        this.polls = new VotePolls(kit, store, texts, turnout);
        this.closing = new VoteClosing(kit, store, texts, lookup, turnout, polls, secretBallots);
        this.start = new VoteStart(kit, store, texts, polls, closing);
        this.casting = new VoteCasting(kit, store, texts, lookup, turnout, secretBallots);
        this.events = new VoteEvents(kit, store, turnout,
                new VoteCommandRedaction(store, kit.outbox(), kit.clock(), kit.prefix()),
                new VoteRoomRemoval(store, secretBallots, kit.scheduler(), kit.clock()));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public List<Command> commands() {
        ArgSpec id = ArgSpec.required("id", "the vote's number, from " + prefix + "vote list");
        OptionSpec close = OptionSpec.words("close", "5m|at <time>", "when it closes: after a while, or at a time");
        OptionSpec quorum = OptionSpec.value("quorum", "N|N%", "how many members must take part for it to count");
        return List.of(
                Command.named("vote")
                        .args(ArgSpec.required("question", "the question, in quotes when it has several words"),
                                ArgSpec.rest("option …", "the answers (without them: yes, no, abstain)", false))
                        .options(close, OptionSpec.value("multi", "N", "how many answers one person may choose"), quorum,
                                OptionSpec.flag("secret", "an anonymous vote, balloted in private rooms"))
                        .summary("Starts a vote (a poll; without options: yes / no / abstain), lists open votes or "
                                + "closes one.")
                        .example("vote \"Where do we meet?\" \"town hall\" library park --close 1h")
                        .handler(start::vote)
                        .sub(Command.named("list").summary("Lists the open votes and proposals of this room.")
                                .example("vote list").handler(lookup::list))
                        .sub(Command.named("close").args(id).summary("Closes a vote or proposal now and posts the results.")
                                .example("vote close 3")
                                .forCreatorOrOrganizers("whoever started it, and organizers", this::openVote)
                                .handler(closing::closeCommand))
                        .build(),
                Command.named("v").args(id, ArgSpec.rest("choice", "option number(s) or text; for proposals agree, "
                                + "stand aside or block <reason>", false))
                        .summary("Votes (or changes your vote) without the poll; the last vote counts.")
                        .example("v 3 2").handler(casting::cast).build(),
                Command.named("propose")
                        .args(ArgSpec.rest("proposal", "what you propose, in quotes", true))
                        .options(close, quorum)
                        .summary("Starts a consensus proposal: agree, stand aside or block (with a reason). It passes "
                                + "with no block and everyone else who took a position agreeing.")
                        .example("propose \"We hold the assembly on Saturdays\" --close 1d").handler(start::propose).build(),
                Command.named("ballot").args(id)
                        .summary("Sends you the ballot of a secret vote in a private room with me; vote there with "
                                + prefix + "v.")
                        .example("ballot 3").handler(casting::ballot).build(),
                Command.named("agree").args(id).summary("Agrees with a proposal.").example("agree 4")
                        .handler(c -> casting.position(c, Vote.AGREE)).build(),
                Command.named("standaside").aliases("stand-aside").args(id)
                        .summary("Stands aside on a proposal: you don't agree, but you don't stop it.")
                        .example("standaside 4").handler(c -> casting.position(c, Vote.STAND_ASIDE)).build(),
                Command.named("block").args(id, ArgSpec.rest("reason", "why you block it (required)", false))
                        .summary("Blocks a proposal; a block needs a reason and pauses the proposal.")
                        .example("block 4 it clashes with the union meeting").handler(c -> casting.position(c, Vote.BLOCK))
                        .build());
    }

    /** Closing is for the vote's creator and the organizers (the gate reads this before the handler runs). */
    private Target openVote(CommandContext context) {
        Vote vote = lookup.voteHere(context.room(), context.words(), "vote close");
        return new Target(vote.label(), vote.room(), vote.createdBy());
    }

    @Override
    public DueHandler dueHandler() {
        return closing;
    }

    /** Poll responses, number reactions, redactions, undecryptable events, the bot leaving a room. */
    @Override
    public void onEvent(ChatEvent event) {
        events.onEvent(event);
    }

    /** The outbox sent a message: when it was a vote's poll, its event id is remembered. */
    @Override
    public void sent(String txnId, RoomId room, EventId eventId) {
        polls.sent(txnId, room, eventId);
    }

    /** The schedule items of a vote carry this reference: cancelling by it stops them all. */
    static String ref(Vote vote) {
        return ID + ":" + vote.id();
    }
}
