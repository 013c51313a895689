package org.assemblybot.feature.vote;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.text.RichText;
import org.assemblybot.core.time.TimeInput;

/**
 * What the vote feature says. Every text is built with {@link RichText}, so questions, options and reasons are
 * escaped; people in results are plain (escaped) user ids, never pills — a result must not ping everyone (P4).
 */
final class VoteTexts {
    /** The keycap emoji 1️⃣ … 9️⃣ and 🔟, for option 1 to 10. */
    static final List<String> KEYCAPS;

    static {
        List<String> keys = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            keys.add(i + "\uFE0F\u20E3");
        }
        keys.add("\uD83D\uDD1F");
        KEYCAPS = List.copyOf(keys);
    }

    private static final String VOTE_USAGE = "Usage: `!vote \"<question>\" [option …] [--close 5m|at <time>] [--multi N] "
            + "[--quorum N|N%] [--secret]`\nExample: `!vote \"Where do we meet?\" \"town hall\" library park --close 1h`";

    private final String prefix;

    VoteTexts(String prefix) {
        this.prefix = prefix;
    }

    /** How to start a vote, with this bot's prefix. */
    String voteUsage() {
        return VOTE_USAGE.replace("!", prefix);
    }

    String proposeUsage() {
        return "Usage: `" + prefix + "propose \"<proposal>\" [--close 5m|at <time>] [--quorum N|N%]`\n"
                + "Example: `" + prefix + "propose \"We hold the assembly on Saturdays\" --close 1d`";
    }

    /** How to vote by command; refusals about a vote's number or options end with it. */
    String castUsage() {
        return "Usage: `" + prefix + "v <id> <number or option>` (several with commas when the vote allows "
                + "it); for proposals `" + prefix + "v <id> agree|stand aside|block <reason>`\nExample: `" + prefix
                + "v 3 2`. `" + prefix + "vote list` shows the open votes.";
    }

    /** The option a number reaction stands for (1 to 10), or 0 for any other key. */
    static int keycapOption(String key) {
        String bare = key.replace("\uFE0F", "");
        for (int i = 0; i < KEYCAPS.size(); i++) {
            if (KEYCAPS.get(i).replace("\uFE0F", "").equals(bare)) {
                return i + 1;
            }
        }
        return 0;
    }

    /** The plain body for clients without polls: the question, numbered options and how to vote. */
    String pollFallback(Vote vote, ZoneId zone) {
        StringBuilder text = new StringBuilder(vote.label() + ": " + vote.question());
        List<String> options = pollOptions(vote);
        for (int i = 0; i < options.size(); i++) {
            text.append('\n').append(i + 1).append(". ").append(options.get(i));
        }
        text.append('\n').append(howToVote(vote));
        if (vote.closesAt() != null) {
            text.append("\nCloses ").append(TimeInput.describe(vote.closesAt(), zone)).append('.');
        }
        return text.toString();
    }

    /** The answers of the native poll: a proposal's poll offers agree and stand aside; a block needs a reason. */
    static List<String> pollOptions(Vote vote) {
        return vote.proposal() ? vote.options().subList(0, 2) : vote.options();
    }

    String howToVote(Vote vote) {
        if (vote.proposal()) {
            return "Take a position: answer the poll, react 1️⃣ (agree) or 2️⃣ (stand aside), or type " + prefix + "agree "
                    + vote.id() + ", " + prefix + "standaside " + vote.id() + " or " + prefix + "block " + vote.id()
                    + " <reason>.";
        }
        String many = vote.maxChoices() > 1 ? " (up to " + vote.maxChoices() + " choices)" : "";
        return "Vote" + many + ": answer the poll, react with the option's number on it, or type " + prefix + "v "
                + vote.id() + " <number or option>.";
    }

    RichText created(Vote vote, ZoneId zone, boolean pollPosted) {
        RichText text = RichText.create().text(vote.label() + " is open: ").bold(vote.question());
        if (vote.closesAt() != null) {
            text.text(" — closes " + TimeInput.describe(vote.closesAt(), zone) + ".");
        } else {
            text.text(" — open until closed with ").code(prefix + "vote close " + vote.id()).text(".");
        }
        if (!pollPosted) {
            text.newline().text("I could not post the poll. " + howToVote(vote));
        }
        return text;
    }

    /** The announcement of a secret vote: question and options, no poll, and how to get a ballot. */
    RichText createdSecret(Vote vote, ZoneId zone) {
        RichText text = RichText.create().text("Secret " + vote.label().toLowerCase(Locale.ROOT) + " is open: ")
                .bold(vote.question());
        if (vote.closesAt() != null) {
            text.text(" — closes " + TimeInput.describe(vote.closesAt(), zone) + ".");
        } else {
            text.text(" — open until closed with ").code(prefix + "vote close " + vote.id()).text(".");
        }
        numbered(text, vote);
        text.newline().text("Secret " + vote.label().toLowerCase(Locale.ROOT) + ": ask for your ballot with ")
                .code(prefix + "ballot " + vote.id()).text(". You vote in a private room with me; only totals are "
                        + "published.");
        return text;
    }

    /** The ballot of a secret vote, posted in the voter's direct room. */
    RichText ballot(Vote vote, ZoneId zone) {
        RichText text = RichText.create().text("Your ballot for secret " + vote.label().toLowerCase(Locale.ROOT) + ": ")
                .bold(vote.question());
        numbered(text, vote);
        String many = vote.maxChoices() > 1 ? " (up to " + vote.maxChoices() + ", separated by commas)" : "";
        text.newline().text("Answer with ").code(prefix + "v " + vote.id() + " <option>").text(" here" + many
                + ": the option's number or text. You can change it until it closes; the last vote counts. Only totals "
                + "are published, never who chose what. I keep no record of what you chose, so a vote cast before I "
                + "restart can't be changed after it (it stays counted).");
        if (vote.closesAt() != null) {
            text.newline().text("Closes " + TimeInput.describe(vote.closesAt(), zone) + ".");
        }
        return text;
    }

    /**
     * The answer to a secret {@code !v}. It never names the choice (the voter knows it): until sent it waits in
     * the outbox, keyed by the voter's room.
     */
    String secretBallot(Vote vote, SecretBallotBox.Result result) {
        String label = "secret " + vote.label().toLowerCase(Locale.ROOT);
        return switch (result) {
            case COUNTED -> "Your ballot for " + label + " is counted. You can change it here until it closes; the "
                    + "last one counts. Only totals are published.";
            case CHANGED -> "Your new ballot for " + label + " is counted; it replaces your earlier one. Only totals "
                    + "are published.";
            case UNCHANGEABLE -> "Not changed: your ballot for " + label + " was counted before I restarted. To keep "
                    + "it secret I kept no record of what it chose, so it can no longer be changed. It stays counted "
                    + "as you cast it.";
        };
    }

    private static void numbered(RichText text, Vote vote) {
        for (int i = 0; i < vote.options().size(); i++) {
            text.newline().text((i + 1) + ". " + vote.options().get(i));
        }
    }

    /** A scheduled step (the close, the reminder) failed on every try (error id in the operator's log). */
    RichText stepFailed(Vote vote, String step, String errorId) {
        String what = step.equals("close") ? "close " + vote.label() + " at its deadline"
                : "send the reminder for " + vote.label();
        return RichText.create().text("\u26A0 I could not " + what + ": something failed on my side (error id "
                + errorId + "). ").code(prefix + "vote close " + vote.id()).text(" closes it now.");
    }

    RichText closingSoon(Vote vote, Tally tally, int unreadable) {
        RichText text = RichText.create().text("\u23F3 " + vote.label() + " closes in 1 minute: ").bold(vote.question())
                .text(" — " + tally.voters() + " of " + tally.members() + " have " + (vote.proposal() ? "taken a position"
                        : "voted") + ".");
        if (unreadable > 0) {
            text.newline().text(unreadableLine(unreadable) + " If yours may be one of them, vote again now.");
        }
        return text;
    }

    /** The live turnout while a vote is open: how many, never who nor what (a secret vote's counts stay hidden). */
    RichText turnout(Vote vote, Tally tally) {
        return RichText.create().text("\uD83D\uDDF3 " + vote.label() + ": ").bold(vote.question())
                .text(" — " + tally.voters() + " of " + tally.members() + " members have "
                        + (vote.proposal() ? "taken a position" : "voted") + " so far.");
    }

    /** Pings the proposer and the room's organizers (and no one else): a block needs their attention. */
    RichText blocked(Vote vote, UserId proposer, List<UserId> organizers, UserId blocker, String reason) {
        RichText text = RichText.create().text("\u26D4 " + vote.label() + " is paused: " + blocker.value() + " blocks it: ")
                .italic(reason).newline()
                .mention(proposer, proposer.value());
        for (UserId organizer : organizers) {
            if (!organizer.equals(proposer)) {
                text.text(", ").mention(organizer, organizer.value());
            }
        }
        return text.text(organizers.isEmpty() ? " and the organizers" : "")
                .text(": talk it through. It cannot pass while a block stands; the block is lifted "
                        + "when they take another position.");
    }

    /** The results notice and the text sent with the end of the poll. */
    RichText results(Vote vote, Tally tally, int unreadable, Duration late, ZoneId zone) {
        RichText text = RichText.create();
        if (vote.proposal()) {
            boolean passed = tally.proposalPasses(vote.quorum());
            text.text("\uD83D\uDDF3 " + vote.label() + " " + (passed ? "PASSED" : "did NOT pass") + ": ")
                    .bold(vote.question()).newline();
            text.text("Agree: " + tally.count(Vote.AGREE) + " · Stand aside: " + tally.count(Vote.STAND_ASIDE)
                    + " · Block: " + tally.count(Vote.BLOCK));
            for (Ballot block : tally.blocks()) {
                text.newline().text("Block by " + block.user().value() + ": ").italic(block.reason() == null
                        ? "the reason is in the results posted at the close" : block.reason());
            }
            if (!passed) {
                text.newline().text("Why: " + whyNot(vote, tally));
            }
        } else {
            text.text("\uD83D\uDDF3 Results of " + vote.label() + ": ").bold(vote.question());
            for (int i = 1; i <= vote.options().size(); i++) {
                text.newline().text(vote.options().get(i - 1) + ": " + tally.count(i) + " (" + share(tally.count(i),
                        tally.voters()) + ")");
            }
        }
        text.newline().text("Turnout: " + tally.voters() + " of " + tally.members() + " members ("
                + share(tally.voters(), tally.members()) + ").");
        if (vote.quorum() != null) {
            text.text(" Quorum " + vote.quorum().describe(tally.members()) + ": "
                    + (tally.quorumMet(vote.quorum()) ? "met." : "NOT met."));
        }
        if (vote.secret()) {
            text.newline().text("Secret vote: only totals are published.");
        } else if (!tally.counted().isEmpty()) {
            text.newline().text("Who chose what: " + whoChoseWhat(vote, tally));
        }
        if (tally.ignored() > 0) {
            text.newline().text(tally.ignored() + (tally.ignored() == 1 ? " vote" : " votes")
                    + " of people who are not members of this room did not count.");
        }
        if (unreadable > 0) {
            text.newline().text(unreadableLine(unreadable) + " If yours may be one of them, check that your app shares "
                    + "its keys with my session and vote again.");
        }
        if (late != null) {
            text.newline().text("Closed late: the deadline was " + TimeInput.describe(vote.closesAt(), zone) + "; I was "
                    + TimeInput.relativeLength(late) + " late (down or overloaded). Responses sent after the deadline "
                    + "did not count.");
        }
        return text;
    }

    private static String whyNot(Vote vote, Tally tally) {
        if (!tally.quorumMet(vote.quorum())) {
            return "the quorum was not met.";
        }
        if (!tally.blocks().isEmpty()) {
            return "blocked.";
        }
        return "not enough agreement.";
    }

    private static String whoChoseWhat(Vote vote, Tally tally) {
        List<String> parts = new ArrayList<>();
        for (int i = 1; i <= vote.options().size(); i++) {
            int option = i;
            List<String> people = tally.counted().stream().filter(b -> b.choices().contains(option))
                    .map(b -> b.user().value()).sorted().toList();
            if (!people.isEmpty()) {
                parts.add(vote.options().get(i - 1) + " — " + String.join(", ", people));
            }
        }
        return String.join(" · ", parts);
    }

    private static String unreadableLine(int unreadable) {
        return unreadable + (unreadable == 1 ? " message" : " messages") + " in this room could not be read while the "
                + "vote was open (unable to decrypt); any vote in them is not counted.";
    }

    RichText list(List<Vote> votes, java.util.function.ToIntFunction<Vote> voters, ZoneId zone) {
        if (votes.isEmpty()) {
            return RichText.create().text("No open votes here. Start one with ")
                    .code(prefix + "vote \"<question>\" [option …]").text(".");
        }
        RichText text = RichText.create().text("Open votes:");
        for (Vote vote : votes) {
            text.newline().text("#" + vote.id() + " ").bold(vote.question()).text(" — " + voters.applyAsInt(vote)
                    + " so far, " + (vote.closesAt() == null ? "no deadline"
                    : "closes " + TimeInput.describe(vote.closesAt(), zone)) + (vote.proposal() ? " (proposal)" : "")
                    + (vote.secret() ? " (secret: " + prefix + "ballot " + vote.id() + ")" : ""));
        }
        return text;
    }

    static String share(int part, int whole) {
        return whole == 0 ? "0%" : String.format(Locale.ROOT, "%.0f%%", part * 100.0 / whole);
    }
}
