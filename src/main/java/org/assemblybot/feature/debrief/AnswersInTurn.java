package org.assemblybot.feature.debrief;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.command.CommandContext;
import org.assemblybot.core.command.Reply;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.text.RichText;
import org.assemblybot.feature.debrief.SqliteSkillStore.Kind;
import org.assemblybot.feature.debrief.SqliteSkillStore.Progress;

/**
 * The three questions asked in turn by direct message: {@code !answers} asks question 1, and each plain message the
 * person then sends in their direct room answers the next question — posted in its thread without their name, like
 * {@code !witness}. Question 2 asks for lines {@code used <skill>} / {@code wish <skill>}, which become tags. Only the
 * number of the next question is stored ({@code debrief_progress.next}), never an answer.
 */
final class AnswersInTurn {
    private static final int QUESTIONS = DebriefTexts.QUESTIONS.size();
    /** "used first aid", "Wish: legal observing", "wish for first aid", "wished to learn comms". */
    private static final Pattern SKILL_LINE = Pattern.compile(
            "(?i)(used?|wish(?:ed)?)\\b\\s*:?\\s*(?:for\\s+|to learn\\s+)?(.+)");

    private final FeatureKit kit;
    private final AnswerTarget target;
    private final SqliteSkillStore store;
    private final DebriefStore debriefs;
    private final PrivateAnswers answers;
    private final SkillMatches matches;
    private final SkillTexts texts;

    AnswersInTurn(FeatureKit kit, AnswerTarget target, SqliteSkillStore store, DebriefStore debriefs,
                  PrivateAnswers answers, SkillMatches matches, SkillTexts texts) {
        this.kit = kit;
        this.target = target;
        this.store = store;
        this.debriefs = debriefs;
        this.answers = answers;
        this.matches = matches;
        this.texts = texts;
    }

    /** {@code !answers}: question 1 by direct message (again from the start, if they had begun). */
    Reply start(CommandContext context) {
        Debrief d = target.of(context, texts.usage("answers [--for <debrief>]", "answers"));
        store.progress(d.id(), context.sender(), 1, kit.now());
        if (target.isDirect(context)) {
            return Reply.of(texts.firstQuestion(d));
        }
        kit.tell(context.sender(), FeatureKit.once(DebriefFeature.ID + ":answers:" + context.event().value(), "ask",
                d.room()), texts.firstQuestion(d));
        return Reply.text("I sent you the three questions of debrief " + d.label() + " by direct message: answer them "
                + "there, one at a time; your answers appear in the threads without your name.");
    }

    /** {@code !answers stop}. */
    Reply stop(CommandContext context) {
        Optional<Progress> answering = store.answering(context.sender(), QUESTIONS);
        if (answering.isEmpty()) {
            return Reply.text("You are not answering a debrief's questions right now; `" + texts.command("answers")
                    + "` starts.");
        }
        store.progress(answering.get().debriefId(), context.sender(), QUESTIONS + 1, kit.now());
        return Reply.text("Stopped. What you answered stays in the threads; `" + texts.command("answers")
                + "` starts again from question 1.");
    }

    /** A plain message in the person's direct room (once per event, never an edit): the next answer, if any. */
    void onDirectMessage(ChatEvent.Message message) {
        if (message.isEdit() || kit.directRooms() == null
                || !kit.directRooms().isDirectRoomWith(message.room(), message.sender())) {
            return; // M5: an edited answer is not posted again
        }
        UserId person = message.sender();
        Optional<Progress> answering = store.answering(person, QUESTIONS);
        String words = message.body().strip();
        if (answering.isEmpty() || words.isEmpty()) {
            return; // not answering questions: the message is not for the debrief
        }
        Progress at = answering.get();
        Optional<Debrief> open = debriefs.debrief(at.debriefId()).filter(d -> target.takesAnswersFrom(d, person));
        String txn = FeatureKit.once(DebriefFeature.ID + ":answer:" + message.id().value(), "ack", message.room());
        if (open.isEmpty()) {
            store.progress(at.debriefId(), person, QUESTIONS + 1, kit.now());
            kit.tell(person, txn, RichText.create().text("That debrief no longer takes answers (a week has passed, or "
                    + "you left its room); I posted nothing."));
            return;
        }
        Debrief d = open.get();
        int length = words.codePointCount(0, words.length());
        if (length > PrivateAnswers.MAX_ANSWER) {
            kit.tell(person, txn, RichText.create().text(texts.answerTooLong(length)));
            return;
        }
        int question = at.next();
        String done = "Skipped.";
        if (!"skip".equalsIgnoreCase(words)) {
            done = answers.relay(d, question, words, message.id()) ? texts.posted(d, question)
                    : texts.noThread(d, question);
            if (question == PrivateAnswers.SKILLS) {
                done += tags(d, person, words);
            }
        }
        store.progress(d.id(), person, question + 1, kit.now());
        kit.tell(person, txn, texts.next(done, question + 1));
    }

    /** Question 2's lines {@code used <skill>} / {@code wish <skill>} as tags; says which were kept. */
    private String tags(Debrief d, UserId person, String words) {
        List<String> kept = new ArrayList<>();
        for (String line : words.split("[\\n;]")) {
            Matcher skill = SKILL_LINE.matcher(line.strip());
            if (!skill.matches()) {
                continue;
            }
            Kind kind = skill.group(1).toLowerCase(Locale.ROOT).startsWith("use") ? Kind.USED : Kind.WISHED;
            String tag = SkillTags.normalise(SkillTags.split(skill.group(2)).skill());
            if (SkillTags.fits(tag)) {
                matches.tag(d, person, tag, kind);
                kept.add("“" + tag + "” (" + (kind == Kind.USED ? "used" : "wished") + ")");
            }
        }
        return kept.isEmpty() ? " No skill tags: for those, write lines like `used first aid` or `wish legal "
                + "observing`." : " Skill tags kept: " + String.join(", ", kept) + ".";
    }
}
