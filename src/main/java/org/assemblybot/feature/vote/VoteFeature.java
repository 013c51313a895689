package org.assemblybot.feature.vote;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.DirectRooms;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.OutgoingMessage;
import org.assemblybot.core.chat.Polls;
import org.assemblybot.core.chat.RoomDirectory;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.command.ArgSpec;
import org.assemblybot.core.command.Command;
import org.assemblybot.core.command.CommandContext;
import org.assemblybot.core.command.OptionSpec;
import org.assemblybot.core.command.OrganizerCheck;
import org.assemblybot.core.command.Target;
import org.assemblybot.core.command.Reply;
import org.assemblybot.core.command.UserFacingException;
import org.assemblybot.core.feature.Feature;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.live.LiveKey;
import org.assemblybot.core.live.LiveMessages;
import org.assemblybot.core.schedule.DueHandler;
import org.assemblybot.core.schedule.MisfirePolicy;
import org.assemblybot.core.schedule.ScheduleItem;
import org.assemblybot.core.schedule.ScheduledTxn;
import org.assemblybot.core.schedule.Scheduler;
import org.assemblybot.core.store.Outbox;
import org.assemblybot.core.store.RoomSettings;
import org.assemblybot.core.store.SentListener;
import org.assemblybot.core.text.RichText;
import org.assemblybot.core.text.TextLimits;
import org.assemblybot.core.text.UserText;
import org.assemblybot.core.time.Durations;
import org.assemblybot.core.time.TimeInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
 */
public final class VoteFeature implements Feature, DueHandler, SentListener {
    public static final String ID = "vote";
    private static final Logger log = LoggerFactory.getLogger(VoteFeature.class);
    /** P5: open votes one room may hold at a time. */
    static final int MAX_OPEN_PER_ROOM = 10;
    static final Duration REMINDER_BEFORE = Duration.ofMinutes(1);
    /** Votes shorter than this get no "closes in 1 minute" notice. */
    static final Duration REMINDER_MIN_LENGTH = Duration.ofMinutes(2);
    /** A close later than this says that it was late. */
    static final Duration CLOSE_GRACE = Duration.ofMinutes(1);
    private static final Duration REMINDER_GRACE = Duration.ofSeconds(30);

    static final String VOTE_USAGE = "Usage: `!vote \"<question>\" [option …] [--close 5m|at <time>] [--multi N] "
            + "[--quorum N|N%] [--secret]`\nExample: `!vote \"Where do we meet?\" \"town hall\" library park --close 1h`";

    private final FeatureKit kit;
    private final UserId self;
    private final VoteStore store;
    private final Scheduler scheduler;
    private final Outbox outbox;
    private final RoomDirectory rooms;
    private final DirectRooms directRooms;
    private final RoomSettings settings;
    private final OrganizerCheck organizers;
    private final TimeInput timeInput;
    private final Clock clock;
    private final VoteTexts texts;
    private final SecretBallotBox secretBallots;
    private final String prefix;
    private final String voteUsage;
    private final String proposeUsage;
    private final String castUsage;
    private final VoteCommandRedaction commandRedaction;
    private final VoteRoomRemoval roomRemoval;
    private final LiveMessages live;

    public VoteFeature(FeatureKit kit, VoteStore store) {
        this.kit = kit;
        this.self = kit.self();
        this.store = store;
        this.scheduler = kit.scheduler();
        this.outbox = kit.outbox();
        this.live = kit.live();
        this.rooms = kit.rooms();
        this.directRooms = kit.directRooms();
        this.settings = kit.settings();
        this.organizers = kit.organizers();
        this.timeInput = kit.time();
        this.clock = kit.clock();
        String prefix = kit.prefix();
        this.texts = new VoteTexts(prefix);
        this.secretBallots = new SecretBallotBox(store);
        this.prefix = prefix;
        this.voteUsage = VOTE_USAGE.replace("!", prefix);
        this.proposeUsage = "Usage: `" + prefix + "propose \"<proposal>\" [--close 5m|at <time>] [--quorum N|N%]`\n"
                + "Example: `" + prefix + "propose \"We hold the assembly on Saturdays\" --close 1d`";
        this.castUsage = "Usage: `" + prefix + "v <id> <number or option>` (several with commas when the vote allows "
                + "it); for proposals `" + prefix + "v <id> agree|stand aside|block <reason>`\nExample: `" + prefix
                + "v 3 2`. `" + prefix + "vote list` shows the open votes.";
        this.commandRedaction = new VoteCommandRedaction(store, outbox, clock, prefix);
        this.roomRemoval = new VoteRoomRemoval(store, secretBallots, scheduler, clock);
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
                        .handler(this::vote)
                        .sub(Command.named("list").summary("Lists the open votes and proposals of this room.")
                                .example("vote list").handler(this::list))
                        .sub(Command.named("close").args(id).summary("Closes a vote or proposal now and posts the results.")
                                .example("vote close 3")
                                .forCreatorOrOrganizers("whoever started it, and organizers", this::openVote)
                                .handler(this::closeCommand))
                        .build(),
                Command.named("v").args(id, ArgSpec.rest("choice", "option number(s) or text; for proposals agree, "
                                + "stand aside or block <reason>", false))
                        .summary("Votes (or changes your vote) without the poll; the last vote counts.")
                        .example("v 3 2").handler(this::cast).build(),
                Command.named("propose")
                        .args(ArgSpec.rest("proposal", "what you propose, in quotes", true))
                        .options(close, quorum)
                        .summary("Starts a consensus proposal: agree, stand aside or block (with a reason). It passes "
                                + "with no block and everyone else who took a position agreeing.")
                        .example("propose \"We hold the assembly on Saturdays\" --close 1d").handler(this::propose).build(),
                Command.named("ballot").args(id)
                        .summary("Sends you the ballot of a secret vote in a private room with me; vote there with "
                                + prefix + "v.")
                        .example("ballot 3").handler(this::ballot).build(),
                Command.named("agree").args(id).summary("Agrees with a proposal.").example("agree 4")
                        .handler(c -> position(c, Vote.AGREE)).build(),
                Command.named("standaside").aliases("stand-aside").args(id)
                        .summary("Stands aside on a proposal: you don't agree, but you don't stop it.")
                        .example("standaside 4").handler(c -> position(c, Vote.STAND_ASIDE)).build(),
                Command.named("block").args(id, ArgSpec.rest("reason", "why you block it (required)", false))
                        .summary("Blocks a proposal; a block needs a reason and pauses the proposal.")
                        .example("block 4 it clashes with the union meeting").handler(c -> position(c, Vote.BLOCK))
                        .build());
    }

    /** Closing is for the vote's creator and the organizers (the gate reads this before the handler runs). */
    private Target openVote(CommandContext context) {
        Vote vote = voteHere(context.room(), context.words(), "vote close");
        return new Target(vote.label(), vote.room(), vote.createdBy());
    }

    @Override
    public DueHandler dueHandler() {
        return this;
    }

    // ---------------------------------------------------------------------------------------------
    // Commands

    private Reply vote(CommandContext context) {
        return start(context, VoteRequest.parse(context.words(), context.options(), false, voteUsage), Vote.Kind.VOTE);
    }

    private Reply propose(CommandContext context) {
        return start(context, VoteRequest.parse(context.words(), context.options(), true, proposeUsage),
                Vote.Kind.PROPOSAL);
    }

    private Reply start(CommandContext context, VoteRequest request, Vote.Kind kind) {
        String usage = kind == Vote.Kind.PROPOSAL ? proposeUsage : voteUsage;
        ZoneId zone = zoneOf(context.room());
        Instant now = clock.instant();
        Instant closesAt = null;
        if (request.closeIn() != null) {
            closesAt = now.plus(Durations.fromCommand(request.closeIn()));
        } else if (request.closeAt() != null) {
            closesAt = timeInput.parse(request.closeAt(), zone);
            if (!closesAt.isAfter(now)) {
                throw new UserFacingException("The deadline " + TimeInput.describe(closesAt, zone) + " has passed. Give "
                        + "a time in the future.\n" + usage);
            }
        }
        if (store.openIn(context.room()).size() >= MAX_OPEN_PER_ROOM) {
            throw new UserFacingException("This room already has " + MAX_OPEN_PER_ROOM + " open votes; close one first ("
                    + prefix + "vote list).");
        }
        Vote draft = new Vote(0, context.room(), kind, request.question(), request.options(), request.multi(),
                request.quorum(), closesAt, context.sender(), now, Vote.State.OPEN, null, request.secret());
        long id = store.create(draft);
        store.setCommand(id, context.event(), context.threadRoot()); // M5: redacting it asks the creator
        Vote vote = store.find(id).orElseThrow();
        if (vote.secret()) {
            // No poll and no reactions: both would show who chose what.
            scheduleClose(vote);
            log.info("secret {} #{} opened in {} with {} options", kind, id, context.room(), vote.options().size());
            return Reply.of(texts.createdSecret(vote, zone));
        }
        queuePoll(vote, context.event(), zone);
        scheduleClose(vote);
        log.info("{} #{} opened in {} with {} options", kind, id, context.room(), vote.options().size());
        return Reply.of(texts.created(vote, zone, true));
    }

    /**
     * Queues the native poll; its transaction id derives from the command, so a retried command posts it once
     * (M1). The relay sends it after the commit and reports its event id to {@link #sent}.
     */
    private void queuePoll(Vote vote, EventId command, ZoneId zone) {
        List<String> options = VoteTexts.pollOptions(vote);
        List<Polls.Answer> answers = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            answers.add(new Polls.Answer(Integer.toString(i + 1), options.get(i)));
        }
        String question = vote.label() + ": " + vote.question();
        String txnId = ScheduledTxn.of(ref(vote) + ":poll:" + command.value(), Instant.EPOCH, vote.room(), "poll");
        store.setPollTxn(vote.id(), txnId);
        outbox.enqueue(txnId, vote.room(), new Outbox.PollStart(new Polls.PollStart(question, answers,
                vote.maxChoices(), true, texts.pollFallback(vote, zone))), clock.instant());
    }

    /**
     * The poll was posted: remember its event id (responses and reactions refer to it). A vote closed before
     * its poll went out ends the poll at once, so clients do not show it open forever.
     */
    @Override
    public void sent(String txnId, RoomId room, EventId eventId) {
        store.byPollTxn(txnId).ifPresent(vote -> {
            store.setPollEvent(vote.id(), eventId);
            if (!vote.open()) {
                queuePollEnd(vote, eventId, texts.results(vote, tally(vote), store.undecryptable(vote.id()), null,
                        zoneOf(vote.room())).plain());
            }
        });
    }

    private void queuePollEnd(Vote vote, EventId poll, String results) {
        outbox.enqueue(ScheduledTxn.of(ref(vote) + ":end", Instant.EPOCH, vote.room(), "end"), vote.room(),
                new Outbox.PollEnd(poll, results), clock.instant());
    }

    private void scheduleClose(Vote vote) {
        if (vote.closesAt() == null) {
            return;
        }
        String ref = ref(vote);
        scheduler.schedule(ScheduleItem.once(ref + ":close", ID, "close", ref, vote.room(), vote.closesAt(),
                MisfirePolicy.RUN_LATE, CLOSE_GRACE));
        if (Duration.between(vote.createdAt(), vote.closesAt()).compareTo(REMINDER_MIN_LENGTH) > 0) {
            scheduler.schedule(ScheduleItem.once(ref + ":reminder", ID, "reminder", ref, vote.room(),
                    vote.closesAt().minus(REMINDER_BEFORE), MisfirePolicy.MISS_IF_LATE, REMINDER_GRACE));
        }
    }

    private Reply list(CommandContext context) {
        return Reply.of(texts.list(store.openIn(context.room()), vote -> tally(vote).voters(), zoneOf(context.room())));
    }

    private Reply closeCommand(CommandContext context) {
        Vote vote = voteHere(context.room(), context.words(), "vote close");
        scheduler.cancelByRef(ID, ref(vote));
        close(vote, null);
        return Reply.text("Closed " + vote.label() + ".");
    }

    /** {@code !ballot <id>}: the ballot of a secret vote, posted in the person's direct room with the bot. */
    private Reply ballot(CommandContext context) {
        List<String> words = context.words();
        Vote vote = voteHere(context.room(), words.subList(0, Math.min(1, words.size())), "ballot");
        if (!vote.secret()) {
            throw new UserFacingException(vote.label() + " is not secret: answer its poll here or type `" + prefix + "v "
                    + vote.id() + " <number or option>`.");
        }
        if (!rooms.joinedMembers(vote.room()).contains(context.sender()) || context.sender().equals(self)) {
            throw new UserFacingException("Only joined members of this room get a ballot for " + vote.label() + ".");
        }
        // The relay finds or opens the private room after the commit: no network inside the transaction.
        RichText ballot = texts.ballot(vote, zoneOf(vote.room()));
        outbox.enqueueDirect(ScheduledTxn.of(ref(vote) + ":ballot:" + context.event().value(), Instant.EPOCH,
                        context.room(), "ballot"), context.sender(),
                OutgoingMessage.notice(ballot.plain(), ballot.html()).mentioning(ballot.mentions()), clock.instant());
        return Reply.text("I sent you a ballot in a private room.");
    }

    /**
     * {@code !v} for a secret vote: only in the voter's direct room with the bot, only by a joined member of the
     * vote's room; counted in the {@link SecretBallotBox}, which keeps no voter–choice link on disk. The reply
     * does not name the choice: it waits in the outbox, keyed by the voter's room, until it is sent.
     */
    private Reply castSecret(CommandContext context, Vote vote, List<String> rest) {
        String hint = vote.label() + " is secret: vote only in your private room with me. Ask for your ballot with `"
                + prefix + "ballot " + vote.id() + "` in the vote's room.";
        if (context.room().equals(vote.room()) || !isDirectRoomOf(context.room(), context.sender())) {
            throw new UserFacingException("Not counted. " + hint);
        }
        // The command names the choice: once handled, the bot redacts it, so that neither the room's history nor
        // the bot's Matrix store (which replaces a redacted event by its stripped form) keeps a copy to decrypt.
        outbox.enqueue(ScheduledTxn.of(ref(vote) + ":redact:" + context.event().value(), Instant.EPOCH,
                context.room(), "redact"), context.room(), new Outbox.Redaction(context.event(),
                "secret ballot: handled, not kept"), clock.instant());
        if (!vote.open()) {
            throw new UserFacingException(vote.label() + " is closed.");
        }
        if (context.sender().equals(self) || !rooms.joinedMembers(vote.room()).contains(context.sender())) {
            throw new UserFacingException("Not counted: only joined members of the vote's room can vote in "
                    + vote.label() + ".");
        }
        if (rest.isEmpty()) {
            throw new UserFacingException("Which option? " + castUsage);
        }
        List<Integer> choices = choices(vote, rest);
        requireOpenAt(vote, context.sentAt());
        String counted = texts.secretBallot(vote, secretBallots.cast(vote, context.sender(), choices));
        showTurnout(vote);
        return Reply.text(counted);
    }

    /** The room has just the bot and {@code person} in it and is the bot's direct room with them. */
    private boolean isDirectRoomOf(RoomId room, UserId person) {
        Set<UserId> joined = rooms.joinedMembers(room);
        if (joined.size() != 2 || !joined.contains(self) || !joined.contains(person)) {
            return false;
        }
        return directRooms.isDirectRoomWith(room, person);
    }

    private Reply cast(CommandContext context) {
        List<String> words = context.words();
        if (!words.isEmpty()) {
            Optional<Vote> secret = store.find(voteNumber(words.get(0))).filter(Vote::secret);
            if (secret.isPresent() && (secret.get().room().equals(context.room())
                    || isDirectRoomOf(context.room(), context.sender()))) {
                return castSecret(context, secret.get(), words.subList(1, words.size()));
            }
        }
        Vote vote = voteHere(context.room(), words.isEmpty() ? words : words.subList(0, 1), "v");
        List<String> rest = words.subList(1, words.size());
        if (rest.isEmpty()) {
            throw new UserFacingException("Which option? " + castUsage);
        }
        if (vote.proposal()) {
            String first = rest.get(0).toLowerCase(Locale.ROOT);
            String all = String.join(" ", rest).toLowerCase(Locale.ROOT);
            if (first.equals("block")) {
                return takePosition(context, vote, Vote.BLOCK, String.join(" ", rest.subList(1, rest.size())));
            }
            int position = switch (all) {
                case "agree", "1" -> Vote.AGREE;
                case "stand aside", "standaside", "stand-aside", "2" -> Vote.STAND_ASIDE;
                default -> throw new UserFacingException("A proposal takes `agree`, `stand aside` or `block <reason>`. "
                        + castUsage);
            };
            return takePosition(context, vote, position, null);
        }
        List<Integer> choices = choices(vote, rest);
        requireOpenAt(vote, context.sentAt());
        store.replaceBallot(vote.id(), context.sender(), choices, null, context.event(), context.sentAt());
        showTurnout(vote);
        List<String> names = choices.stream().map(c -> vote.options().get(c - 1)).toList();
        return Reply.of(RichText.create().text("Counted for " + vote.label() + ": " + String.join(", ", names)
                + ". You can change it until it closes; the last vote counts."));
    }

    /** The options typed: numbers, or option texts (case-insensitive), several separated by commas. */
    private List<Integer> choices(Vote vote, List<String> rest) {
        List<String> parts = new ArrayList<>();
        String joined = String.join(" ", rest);
        if (rest.stream().allMatch(w -> w.matches("\\d+,?"))) {
            rest.forEach(w -> parts.add(w.replace(",", "")));
        } else {
            for (String part : joined.split(",")) {
                parts.add(part.strip());
            }
        }
        Set<Integer> chosen = new LinkedHashSet<>();
        for (String part : parts) {
            chosen.add(option(vote, part));
        }
        if (chosen.size() > vote.maxChoices()) {
            throw new UserFacingException(vote.label() + " allows " + vote.maxChoices() + (vote.maxChoices() == 1
                    ? " choice" : " choices") + "; you gave " + chosen.size() + ". " + castUsage);
        }
        return chosen.stream().sorted().toList();
    }

    private int option(Vote vote, String typed) {
        if (typed.matches("\\d+")) {
            int number = Integer.parseInt(typed.length() > 3 ? "0" : typed);
            if (number >= 1 && number <= vote.options().size()) {
                return number;
            }
        } else {
            for (int i = 0; i < vote.options().size(); i++) {
                if (vote.options().get(i).equalsIgnoreCase(typed)) {
                    return i + 1;
                }
            }
        }
        throw new UserFacingException(vote.label() + " has no option `" + UserText.quotable(typed, 40) + "`. Its options: "
                + optionList(vote) + ". " + castUsage);
    }

    private static String optionList(Vote vote) {
        List<String> numbered = new ArrayList<>();
        for (int i = 0; i < vote.options().size(); i++) {
            numbered.add((i + 1) + " " + vote.options().get(i));
        }
        return String.join(", ", numbered);
    }

    private Reply position(CommandContext context, int position) {
        List<String> words = context.words();
        Vote vote = voteHere(context.room(), words.subList(0, Math.min(1, words.size())), Vote.POSITIONS.get(position - 1)
                .replace(" ", ""));
        if (!vote.proposal()) {
            throw new UserFacingException(vote.label() + " is a vote, not a proposal: use `" + prefix + "v " + vote.id()
                    + " <option>`.");
        }
        return takePosition(context, vote, position, String.join(" ", words.subList(1, words.size())));
    }

    private Reply takePosition(CommandContext context, Vote vote, int position, String reason) {
        String why = reason == null ? "" : reason.strip();
        if (position == Vote.BLOCK && why.isEmpty()) {
            throw new UserFacingException("A block needs a reason, so the group can address it.\nUsage: `" + prefix
                    + "block <id> <reason>`\nExample: `" + prefix + "block " + vote.id() + " it clashes with the union "
                    + "meeting`");
        }
        TextLimits.require("reason", why, TextLimits.REASON, "Example: `" + prefix + "block " + vote.id()
                + " it clashes with the union meeting`");
        requireOpenAt(vote, context.sentAt());
        store.replaceBallot(vote.id(), context.sender(), List.of(position), position == Vote.BLOCK ? why : null,
                context.event(), context.sentAt());
        showTurnout(vote);
        if (position == Vote.BLOCK) {
            // The organizers among the joined members (M8: power level, v12 creators included).
            List<UserId> organizerIds = rooms.joinedMembers(vote.room()).stream()
                    .filter(member -> !member.equals(self) && organizers.isOrganizer(vote.room(), member))
                    .sorted(java.util.Comparator.comparing(UserId::value))
                    .toList();
            RichText notice = texts.blocked(vote, vote.createdBy(), organizerIds, context.sender(), why);
            enqueue(vote.room(), ScheduledTxn.of(ref(vote) + ":block:" + context.event().value(), Instant.EPOCH,
                    vote.room(), "block"), notice);
            log.info("{}: blocked", ref(vote));
            return Reply.text("Your block on " + vote.label() + " is recorded; the proposal is paused.");
        }
        return Reply.text("Your position on " + vote.label() + ": " + Vote.POSITIONS.get(position - 1) + ".");
    }

    // ---------------------------------------------------------------------------------------------
    // Scheduled: the reminder and the close

    @Override
    public void onDue(ScheduleItem item, Instant occurrence, Duration late) {
        Optional<Vote> found = voteOf(item);
        if (found.isEmpty() || !found.get().open()) {
            return;
        }
        Vote vote = found.get();
        switch (item.kind()) {
            case "reminder" -> enqueue(vote.room(), ScheduledTxn.of(item.id(), occurrence, vote.room(), "reminder"),
                    texts.closingSoon(vote, tally(vote), store.undecryptable(vote.id())));
            case "close" -> close(vote, late.compareTo(CLOSE_GRACE) > 0 ? late : null);
            default -> log.warn("{}: unknown step {}", ref(vote), item.kind());
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
        voteOf(item).filter(Vote::open).ifPresent(vote -> enqueue(vote.room(),
                ScheduledTxn.of(item.id(), occurrence, vote.room(), "failed"), texts.stepFailed(vote, item.kind(), errorId)));
    }

    /**
     * Closes the vote once: the state change, the results notice (one fixed transaction id per vote) and the
     * end of the poll, whoever triggers it and however often.
     */
    private void close(Vote vote, Duration late) {
        if (!store.close(vote.id(), clock.instant())) {
            return;
        }
        Tally tally = tally(vote);
        RichText results = texts.results(vote, tally, store.undecryptable(vote.id()), late, zoneOf(vote.room()));
        enqueue(vote.room(), ScheduledTxn.of(ref(vote) + ":results", Instant.EPOCH, vote.room(), "results"), results);
        // The turnout message, where there is one, becomes the results too — in place — and is then done.
        live.update(turnoutKey(vote), vote.room(), results);
        live.retire(turnoutKey(vote));
        if (vote.secret()) {
            // Only the totals stay; the salt and who voted go with the close, in the same transaction.
            secretBallots.finish(vote);
        }
        if (vote.pollEvent() != null) {
            // Through the outbox like any message: a failed end is retried, never lost.
            queuePollEnd(vote, vote.pollEvent(), results.plain());
        }
        log.info("{} closed: {} of {} members took part", ref(vote), tally.voters(), tally.members());
    }

    // ---------------------------------------------------------------------------------------------
    // Events: poll responses, number reactions, redactions, undecryptable events

    @Override
    public void onEvent(ChatEvent event) {
        if (event instanceof ChatEvent.PollResponse response) {
            onResponse(response);
        } else if (event instanceof ChatEvent.Reaction reaction) {
            onReaction(reaction);
        } else if (event instanceof ChatEvent.Redaction redaction) {
            live.redacted(redaction.room(), redaction.redacts());
            store.withdraw(redaction.room(), redaction.redacts()).flatMap(store::find).ifPresent(vote -> {
                log.debug("{}: a ballot was withdrawn by redaction", ref(vote));
                if (vote.open()) {
                    showTurnout(vote);
                }
            });
            commandRedaction.onRedaction(redaction);
        } else if (event instanceof ChatEvent.Membership membership && membership.target().equals(self)
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
        showTurnout(vote);
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
        showTurnout(vote);
    }

    /** Open, and the event was sent before the deadline (a late close does not let late votes in). */
    private boolean accepts(Vote vote, ChatEvent event) {
        return vote.open() && !event.sender().equals(self)
                && (vote.closesAt() == null || !event.sentAt().isAfter(vote.closesAt()));
    }

    // ---------------------------------------------------------------------------------------------
    // Helpers

    /**
     * Shows how many have voted in a live message, posted with the first ballot and edited in place as ballots
     * come and go (never per option: a secret vote's counts stay hidden until the close, and an open vote's poll
     * shows its own). Bursts are coalesced into one edit by {@link LiveMessages}.
     */
    private void showTurnout(Vote vote) {
        live.show(turnoutKey(vote), vote.room(), texts.turnout(vote, tally(vote)));
    }

    private static LiveKey turnoutKey(Vote vote) {
        return new LiveKey(ID, vote.id() + ":turnout");
    }

    private Tally tally(Vote vote) {
        if (vote.secret()) {
            return Tally.secret(secretBallots.totals(vote), rooms.joinedMembers(vote.room()), self);
        }
        return Tally.of(vote, store.ballots(vote.id()), rooms.joinedMembers(vote.room()), self);
    }

    private void requireOpenAt(Vote vote, Instant sentAt) {
        if (vote.closesAt() != null && sentAt.isAfter(vote.closesAt())) {
            throw new UserFacingException(vote.label() + " closed at " + TimeInput.describe(vote.closesAt(),
                    zoneOf(vote.room())) + "; your vote came too late.");
        }
    }

    private Vote voteHere(RoomId room, List<String> words, String command) {
        if (words.isEmpty()) {
            throw new UserFacingException("Usage: `" + prefix + command + " <id>`\nExample: `" + prefix + command
                    + " 3`. `" + prefix + "vote list` shows the open votes.");
        }
        long id = voteNumber(words.get(0));
        Vote vote = store.find(id).filter(v -> v.room().equals(room)).orElseThrow(() ->
                new UserFacingException("There is no vote #" + id + " in this room. " + castUsage));
        if (!vote.open()) {
            throw new UserFacingException(vote.label() + " is closed. `" + prefix + "vote list` shows the open votes.");
        }
        return vote;
    }

    private long voteNumber(String word) {
        try {
            return Long.parseLong(word.replace("#", ""));
        } catch (NumberFormatException e) {
            throw new UserFacingException("`" + UserText.quotable(word, 20) + "` is not a vote number. " + castUsage);
        }
    }

    private void enqueue(RoomId room, String txnId, RichText text) {
        kit.post(room, txnId, text);
    }

    private Optional<Vote> voteOf(ScheduleItem item) {
        try {
            return store.find(Long.parseLong(item.ref().substring(ID.length() + 1)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static String ref(Vote vote) {
        return ID + ":" + vote.id();
    }

    private ZoneId zoneOf(RoomId room) {
        return kit.zoneOf(room);
    }
}
