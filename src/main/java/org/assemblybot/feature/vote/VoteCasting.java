package org.assemblybot.feature.vote;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.command.CommandContext;
import org.assemblybot.core.command.Reply;
import org.assemblybot.core.command.UserFacingException;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.schedule.ScheduledTxn;
import org.assemblybot.core.store.Outbox;
import org.assemblybot.core.text.RichText;
import org.assemblybot.core.text.TextLimits;
import org.assemblybot.core.text.UserText;
import org.assemblybot.core.time.TimeInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Voting by command: {@code !v} with options, the positions on a proposal ({@code !agree}, {@code !standaside},
 * {@code !block} with a reason), and secret votes, whose ballot comes with {@code !ballot} and is cast in the
 * voter's direct room with the bot. The last ballot counts; one sent after the deadline does not.
 */
final class VoteCasting {
    private static final Logger log = LoggerFactory.getLogger(VoteCasting.class);

    private final FeatureKit kit;
    private final VoteStore store;
    private final VoteTexts texts;
    private final VoteLookup lookup;
    private final VoteTurnout turnout;
    private final SecretBallotBox secretBallots;
    private final String prefix;

    VoteCasting(FeatureKit kit, VoteStore store, VoteTexts texts, VoteLookup lookup, VoteTurnout turnout,
                SecretBallotBox secretBallots) {
        this.kit = kit;
        this.store = store;
        this.texts = texts;
        this.lookup = lookup;
        this.turnout = turnout;
        this.secretBallots = secretBallots;
        this.prefix = kit.prefix();
    }

    Reply cast(CommandContext context) {
        List<String> words = context.words();
        if (!words.isEmpty()) {
            Optional<Vote> secret = store.find(lookup.voteNumber(words.get(0))).filter(Vote::secret);
            if (secret.isPresent() && (secret.get().room().equals(context.room())
                    || isDirectRoomOf(context.room(), context.sender()))) {
                return castSecret(context, secret.get(), words.subList(1, words.size()));
            }
        }
        Vote vote = lookup.voteHere(context.room(), words.isEmpty() ? words : words.subList(0, 1), "v");
        List<String> rest = words.subList(1, words.size());
        if (rest.isEmpty()) {
            throw new UserFacingException("Which option? " + texts.castUsage());
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
                        + texts.castUsage());
            };
            return takePosition(context, vote, position, null);
        }
        List<Integer> choices = choices(vote, rest);
        requireOpenAt(vote, context.sentAt());
        store.replaceBallot(vote.id(), context.sender(), choices, null, context.event(), context.sentAt());
        turnout.show(vote);
        List<String> names = choices.stream().map(c -> vote.options().get(c - 1)).toList();
        return Reply.of(RichText.create().text("Counted for " + vote.label() + ": " + String.join(", ", names)
                + ". You can change it until it closes; the last vote counts."));
    }

    /** {@code !agree}, {@code !standaside} and {@code !block}: a position on a proposal. */
    Reply position(CommandContext context, int position) {
        List<String> words = context.words();
        Vote vote = lookup.voteHere(context.room(), words.subList(0, Math.min(1, words.size())),
                Vote.POSITIONS.get(position - 1).replace(" ", ""));
        if (!vote.proposal()) {
            throw new UserFacingException(vote.label() + " is a vote, not a proposal: use `" + prefix + "v " + vote.id()
                    + " <option>`.");
        }
        return takePosition(context, vote, position, String.join(" ", words.subList(1, words.size())));
    }

    /** {@code !ballot <id>}: the ballot of a secret vote, posted in the person's direct room with the bot. */
    Reply ballot(CommandContext context) {
        List<String> words = context.words();
        Vote vote = lookup.voteHere(context.room(), words.subList(0, Math.min(1, words.size())), "ballot");
        if (!vote.secret()) {
            throw new UserFacingException(vote.label() + " is not secret: answer its poll here or type `" + prefix + "v "
                    + vote.id() + " <number or option>`.");
        }
        if (!kit.rooms().joinedMembers(vote.room()).contains(context.sender()) || context.sender().equals(kit.self())) {
            throw new UserFacingException("Only joined members of this room get a ballot for " + vote.label() + ".");
        }
        // The relay finds or opens the private room after the commit: no network inside the transaction.
        kit.tell(context.sender(), ScheduledTxn.of(VoteFeature.ref(vote) + ":ballot:" + context.event().value(),
                Instant.EPOCH, context.room(), "ballot"), texts.ballot(vote, kit.zoneOf(vote.room())));
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
        kit.outbox().enqueue(ScheduledTxn.of(VoteFeature.ref(vote) + ":redact:" + context.event().value(),
                Instant.EPOCH, context.room(), "redact"), context.room(), new Outbox.Redaction(context.event(),
                "secret ballot: handled, not kept"), kit.now());
        if (!vote.open()) {
            throw new UserFacingException(vote.label() + " is closed.");
        }
        if (context.sender().equals(kit.self()) || !kit.rooms().joinedMembers(vote.room()).contains(context.sender())) {
            throw new UserFacingException("Not counted: only joined members of the vote's room can vote in "
                    + vote.label() + ".");
        }
        if (rest.isEmpty()) {
            throw new UserFacingException("Which option? " + texts.castUsage());
        }
        List<Integer> choices = choices(vote, rest);
        requireOpenAt(vote, context.sentAt());
        String counted = texts.secretBallot(vote, secretBallots.cast(vote, context.sender(), choices));
        turnout.show(vote);
        return Reply.text(counted);
    }

    /** The room has just the bot and {@code person} in it and is the bot's direct room with them. */
    private boolean isDirectRoomOf(RoomId room, UserId person) {
        Set<UserId> joined = kit.rooms().joinedMembers(room);
        if (joined.size() != 2 || !joined.contains(kit.self()) || !joined.contains(person)) {
            return false;
        }
        return kit.directRooms().isDirectRoomWith(room, person);
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
        turnout.show(vote);
        if (position == Vote.BLOCK) {
            // The organizers among the joined members (M8: power level, v12 creators included).
            List<UserId> organizerIds = kit.rooms().joinedMembers(vote.room()).stream()
                    .filter(member -> !member.equals(kit.self()) && kit.organizers().isOrganizer(vote.room(), member))
                    .sorted(Comparator.comparing(UserId::value))
                    .toList();
            RichText notice = texts.blocked(vote, vote.createdBy(), organizerIds, context.sender(), why);
            kit.post(vote.room(), ScheduledTxn.of(VoteFeature.ref(vote) + ":block:" + context.event().value(),
                    Instant.EPOCH, vote.room(), "block"), notice);
            log.info("{}: blocked", VoteFeature.ref(vote));
            return Reply.text("Your block on " + vote.label() + " is recorded; the proposal is paused.");
        }
        return Reply.text("Your position on " + vote.label() + ": " + Vote.POSITIONS.get(position - 1) + ".");
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
                    ? " choice" : " choices") + "; you gave " + chosen.size() + ". " + texts.castUsage());
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
                + optionList(vote) + ". " + texts.castUsage());
    }

    private static String optionList(Vote vote) {
        List<String> numbered = new ArrayList<>();
        for (int i = 0; i < vote.options().size(); i++) {
            numbered.add((i + 1) + " " + vote.options().get(i));
        }
        return String.join(", ", numbered);
    }

    private void requireOpenAt(Vote vote, Instant sentAt) {
        if (vote.closesAt() != null && sentAt.isAfter(vote.closesAt())) {
            throw new UserFacingException(vote.label() + " closed at " + TimeInput.describe(vote.closesAt(),
                    kit.zoneOf(vote.room())) + "; your vote came too late.");
        }
    }
}
