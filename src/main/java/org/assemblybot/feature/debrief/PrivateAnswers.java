package org.assemblybot.feature.debrief;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.command.CommandContext;
import org.assemblybot.core.command.Reply;
import org.assemblybot.core.command.UserFacingException;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.text.RichText;
import org.assemblybot.core.text.TextLimits;
import org.assemblybot.feature.debrief.SqliteSkillStore.Kind;

/**
 * {@code !witness …}, {@code !skill used|wish <skill>}, {@code !skill tally} and {@code !build …}. Sent to the bot by
 * direct message, an answer is posted in its question's thread without the sender's name ("the room keeps the
 * words"): its text is only in the outbox until sent, never in a table or a log (P1, P2). Typed in the group room,
 * the words are there already: only a skill's tag is stored.
 */
final class PrivateAnswers {
    /** One answer, in characters: a few paragraphs, not a document. */
    static final int MAX_ANSWER = 1000;
    static final int WITNESS = 1;
    static final int SKILLS = 2;
    static final int BUILD = 3;

    private final FeatureKit kit;
    private final AnswerTarget target;
    private final SqliteSkillStore store;
    private final SkillMatches matches;
    private final SkillTexts texts;

    PrivateAnswers(FeatureKit kit, AnswerTarget target, SqliteSkillStore store, SkillMatches matches, SkillTexts texts) {
        this.kit = kit;
        this.target = target;
        this.store = store;
        this.matches = matches;
        this.texts = texts;
    }

    Reply witness(CommandContext context) {
        return answer(context, WITNESS, "witness", SkillTexts.WITNESS_EXAMPLE);
    }

    Reply build(CommandContext context) {
        return answer(context, BUILD, "build", SkillTexts.BUILD_EXAMPLE);
    }

    Reply used(CommandContext context) {
        return skill(context, Kind.USED, "used");
    }

    Reply wish(CommandContext context) {
        return skill(context, Kind.WISHED, "wish");
    }

    private Reply answer(CommandContext context, int question, String command, String example) {
        if (!target.isDirect(context)) {
            return Reply.text(texts.answerInThread(question, command));
        }
        String usage = texts.usage(command + " <text>", example);
        String words = context.arg(0).strip();
        if (words.isEmpty()) {
            throw new UserFacingException("What do you want to share?" + usage);
        }
        TextLimits.require("answer", words, MAX_ANSWER, usage.strip());
        Debrief d = target.of(context, usage);
        return Reply.text(relay(d, question, words, context.event()) ? texts.posted(d, question)
                : texts.noThread(d, question));
    }

    /** The skill's name becomes a tag; by direct message, the whole line also goes to question 2's thread. */
    private Reply skill(CommandContext context, Kind kind, String word) {
        String usage = texts.usage("skill used|wish <skill>", SkillTexts.SKILL_EXAMPLE);
        String typed = context.arg(0).strip();
        String tag = SkillTags.normalise(SkillTags.split(typed).skill());
        if (tag.isEmpty()) {
            throw new UserFacingException("Which skill? Name it in a few words." + usage);
        }
        if (!SkillTags.fits(tag)) {
            throw new UserFacingException(texts.tagTooLong(tag) + usage);
        }
        TextLimits.require("answer", typed, MAX_ANSWER, usage.strip());
        Debrief d = target.of(context, usage);
        String posted = "";
        if (target.isDirect(context)) {
            posted = (relay(d, SKILLS, word + " " + typed, context.event()) ? texts.posted(d, SKILLS)
                    : texts.noThread(d, SKILLS)) + " ";
        }
        return Reply.text(posted + texts.tagged(d, tag, kind, matches.tag(d, context.sender(), tag, kind)));
    }

    /** {@code !skill tally}: the debrief's skills, wished and used, as anonymous counts. */
    Reply tally(CommandContext context) {
        Debrief d = target.of(context, texts.usage("skill tally", "skill tally"));
        List<SqliteSkillStore.Tag> tags = store.tags(d.id());
        if (tags.isEmpty()) {
            return Reply.text("No skill tags for debrief " + d.label() + " yet: `" + texts.command(SkillTexts
                    .SKILL_EXAMPLE) + "`.");
        }
        RichText text = RichText.create().text("🧮 Skills at debrief " + d.label() + " (wished / used):");
        Map<String, int[]> counts = new TreeMap<>();
        tags.forEach(t -> counts.computeIfAbsent(t.tag(), k -> new int[2])[t.kind() == Kind.WISHED ? 0 : 1]++);
        counts.forEach((tag, n) -> text.newline().text("• " + tag + ": " + n[0] + " / " + n[1]));
        return Reply.of(text);
    }

    /**
     * Posts {@code words} in question {@code question}'s thread without a name, once per source event (M1); false
     * when the question's message is not in the room (not sent yet, or deleted).
     */
    boolean relay(Debrief d, int question, String words, EventId source) {
        Optional<EventId> root = kit.live().eventOf(DebriefSteps.question(d, question), d.room());
        root.ifPresent(r -> kit.outbox().enqueue(FeatureKit.once(DebriefFeature.ID + ":answer:" + source.value(),
                "relay", d.room()), d.room(), FeatureKit.notice(texts.relayed(words)).inThread(r, r), kit.now()));
        return root.isPresent();
    }
}
