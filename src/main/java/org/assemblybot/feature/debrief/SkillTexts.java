package org.assemblybot.feature.debrief;

import java.util.List;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.text.RichText;

/**
 * What the private answers, skill tags and skill shares say. Every word a person typed goes through
 * {@link RichText#text} (escaped, {@code @room} defused: P4), and answers relayed to the room carry no name.
 */
final class SkillTexts {
    static final String WITNESS_EXAMPLE = "witness people kept each other safe at the gate";
    static final String SKILL_EXAMPLE = "skill wish first aid";
    static final String BUILD_EXAMPLE = "build a legal support team";
    static final String SHARE_EXAMPLE = "skillshare plan \"first aid\" saturday 15:00";

    private final String prefix;

    SkillTexts(String prefix) {
        this.prefix = prefix;
    }

    String command(String words) {
        return prefix + words;
    }

    /** " Usage: `!witness <text>`. Example: `!witness …`." — for refusals. */
    String usage(String usage, String example) {
        return "\nUsage: `" + command(usage) + "`. Example: `" + command(example) + "`.";
    }

    /** An answer given privately, in the question's thread: the words, no name. */
    RichText relayed(String words) {
        return RichText.create().text("💬 ").italic("Shared privately, without a name:").text(" " + words);
    }

    /** The reply by direct message once an answer went to the thread. */
    String posted(Debrief d, int question) {
        return "Posted without your name in the thread of question " + question + " (“"
                + DebriefTexts.QUESTIONS.get(question - 1) + "”) of debrief " + d.label() + ". I keep no copy.";
    }

    /** The question's message is not in the room (not sent yet, or deleted): nothing was posted. */
    String noThread(Debrief d, int question) {
        return "The thread of question " + question + " of debrief " + d.label() + " is not there (not posted yet, or "
                + "deleted), so I posted nothing.";
    }

    /** {@code !witness} or {@code !build} typed in the group room: the words are there already. */
    String answerInThread(int question, String command) {
        return "Your words are in the room already: answer in the thread of question " + question + " (“"
                + DebriefTexts.QUESTIONS.get(question - 1) + "”), so the answers stay together. To answer without "
                + "your name, send `" + command(command + " …") + "` to me by direct message.";
    }

    String tagged(Debrief d, String tag, SqliteSkillStore.Kind kind, boolean added) {
        String what = kind == SqliteSkillStore.Kind.USED ? "used" : "wished for";
        return (added ? "Noted" : "Already noted") + " for debrief " + d.label() + ": a skill " + what + ", tagged “"
                + tag + "” (the tag is all I keep; `" + command("forget me") + "` deletes it: in the room for its debriefs, here for every room).";
    }

    String tagTooLong(String tag) {
        return "Name the skill in a few words (at most " + SkillTags.MAX + " characters; yours has "
                + tag.codePointCount(0, tag.length()) + "). Anything you want to say about it goes after a full stop: "
                + "that part is posted, never kept.";
    }

    /** The first question by direct message, after {@code !answers}. */
    RichText firstQuestion(Debrief d) {
        return question(RichText.create().text("📋 Debrief ").bold(d.label()).text(": three questions, one at a time. "
                        + "Answer each with a plain message here; it is posted in the question's thread without your "
                        + "name, and I keep no copy. Send ").code("skip").text(" to skip one, ")
                .code(command("answers stop")).text(" to stop.").newline(), 1);
    }

    /** Question {@code number}, as asked in turn; question 2 asks for lines that become skill tags. */
    RichText question(RichText text, int number) {
        text.text(number + "/" + DebriefTexts.QUESTIONS.size() + " ")
                .bold(DebriefTexts.QUESTIONS.get(number - 1));
        if (number == 2) {
            text.text(" One skill per line, starting with ").code("used").text(" or ").code("wish").text(" (e.g. ")
                    .code("used first aid").text(", ").code("wish legal observing").text(") — those words become "
                            + "skill tags; anything after a full stop is only posted.");
        }
        return text;
    }

    /** After an answer in turn: where it went, then the next question (or thanks). */
    RichText next(String done, int next) {
        RichText text = RichText.create().text(done);
        if (next <= DebriefTexts.QUESTIONS.size()) {
            return question(text.newline(), next);
        }
        return text.newline().text("🙏 That was the last question. Thank you for harvesting this action with us.");
    }

    String answerTooLong(int length) {
        return "That answer has " + length + " characters; at most " + PrivateAnswers.MAX_ANSWER + " fit in one. "
                + "Send it in shorter pieces with `" + command("witness …") + "` or `" + command("build …")
                + "`, or shorten it and send it again.";
    }

    /**
     * Posted once per debrief and skill when a wish meets an offer. Counts, never names: tags are answers, often
     * given in private, and the room learns only that a pairing exists; the people are invited by direct message.
     */
    RichText pairing(String tag, int wished, int used, String deadline) {
        return RichText.create().text("🤝 " + people(wished) + " wished to learn " + tag + " and " + people(used)
                        + " used it — a skill share within 48 hours (by " + deadline + ")? ")
                .code(command("skillshare plan \"" + tag + "\" <time>"))
                .text(" — once it is planned, whoever tagged the skill is invited by direct message.");
    }

    static String people(int count) {
        return count == 1 ? "1 person" : count + " people";
    }

    /** A shadow seat with a role's holders, offered by direct message to someone who wished a skill. */
    RichText shadow(String tag, List<ShadowSeats.Seat> seats) {
        RichText text = RichText.create().text("🪑 You wished to learn " + tag + ". A way in: shadow someone who does "
                + "it now.");
        for (ShadowSeats.Seat seat : seats) {
            text.newline().text("• " + seat.role() + " with ");
            mentions(text, seat.holders());
            if (seat.command() != null) {
                text.text(": ").code(command(seat.command()));
            } else {
                text.text(" — ask them, they know how it goes.");
            }
        }
        return text;
    }

    RichText mentions(RichText text, List<UserId> people) {
        for (int i = 0; i < people.size(); i++) {
            text.text(i == 0 ? "" : i == people.size() - 1 ? " and " : ", ").mention(people.get(i),
                    people.get(i).value());
        }
        return text;
    }
}
