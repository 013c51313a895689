package org.assemblybot.feature.debrief;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assemblybot.core.assembly.AssemblyRoles;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.command.ArgSpec;
import org.assemblybot.core.command.Command;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.schedule.DueHandler;
import org.assemblybot.core.schedule.ScheduleItem;

/**
 * The debrief's answers and skills: private answers posted in the questions' threads without a name
 * ({@link PrivateAnswers}: {@code !witness}, {@code !skill used|wish}, {@code !build}; {@link AnswersInTurn}:
 * {@code !answers} and plain direct messages), skill tags and what they set going ({@link SkillMatches}: pairings,
 * shadow seats), and skill shares ({@link SkillShares}). The bot keeps no answer text: only tags, the number of the
 * next question, and who is invited to which skill share.
 */
final class Skills implements DueHandler {
    private final PrivateAnswers answers;
    private final AnswersInTurn inTurn;
    private final SkillShares shares;

    /**
     * @param reminder     how long before a skill share its invitees are reminded ({@link DebriefConfig#reminder})
     * @param microRoleSeats the micro-roles' shadow seats (the hook, {@link ShadowSeats#NONE} until connected)
     */
    Skills(FeatureKit kit, DebriefStore debriefs, SqliteDebriefStore sqlite, SqliteGatheringStore gatherings,
           AssemblyRoles holders, Duration reminder, ShadowSeats microRoleSeats) {
        SkillTexts texts = new SkillTexts(kit.prefix());
        SqliteSkillStore store = new SqliteSkillStore(sqlite.database());
        AnswerTarget target = new AnswerTarget(kit, debriefs, store);
        SkillMatches matches = new SkillMatches(kit, store, gatherings, holders, microRoleSeats, texts);
        this.answers = new PrivateAnswers(kit, target, store, matches, texts);
        this.inTurn = new AnswersInTurn(kit, target, store, debriefs, answers, matches, texts);
        this.shares = new SkillShares(kit, debriefs, gatherings, store, reminder, texts);
    }

    List<Command> commands() {
        ArgSpec text = ArgSpec.rest("text", "your answer; by direct message it is posted without your name", true);
        ArgSpec skill = ArgSpec.rest("skill", "the skill in a few words; anything after a full stop is only posted",
                true);
        return List.of(
                Command.named("witness").args(text).options(AnswerTarget.FOR).summary("Answers the debrief's first "
                                + "question, “What did you witness?” — by direct message, without your name.")
                        .example(SkillTexts.WITNESS_EXAMPLE).handler(answers::witness).build(),
                Command.named("skill").summary("Skills at the debrief: one you used or wish you had (kept as a tag), "
                                + "and the tally.").example(SkillTexts.SKILL_EXAMPLE)
                        .sub(Command.named("used").args(skill).options(AnswerTarget.FOR).summary("A skill you used "
                                + "in the action.").example("skill used first aid").handler(answers::used))
                        .sub(Command.named("wish").args(skill).options(AnswerTarget.FOR).summary("A skill you wish "
                                + "you had: you may be paired with someone who used it.").example(SkillTexts
                                .SKILL_EXAMPLE).handler(answers::wish))
                        .sub(Command.named("tally").options(AnswerTarget.FOR).summary("The skills wished and used, "
                                + "counted without names.").example("skill tally").handler(answers::tally))
                        .build(),
                Command.named("build").args(text).options(AnswerTarget.FOR).summary("Answers the debrief's third "
                                + "question, “What do you want to build next?” — by direct message, without your name.")
                        .example(SkillTexts.BUILD_EXAMPLE).handler(answers::build).build(),
                Command.named("answers").options(AnswerTarget.FOR).summary("The debrief's three questions by direct "
                                + "message, one at a time; your answers go to the threads without your name.")
                        .example("answers").handler(inTurn::start)
                        .sub(Command.named("stop").summary("Stops the questions in turn.").example("answers stop")
                                .handler(inTurn::stop))
                        .build(),
                Command.named("skillshare").summary("A skill share after a debrief: those who used a skill teach those "
                                + "who wished it.").example(SkillTexts.SHARE_EXAMPLE)
                        .sub(Command.named("plan").args(ArgSpec.required("topic", "the skill, in quotes when it has "
                                        + "several words"), ArgSpec.rest("time", "when, in this room's zone", true))
                                .forOrganizers().summary("Plans a skill share (best within 48 hours of the action).")
                                .example(SkillTexts.SHARE_EXAMPLE).handler(shares::plan))
                        .sub(Command.named("list").summary("Lists the planned skill shares.").example("skillshare list")
                                .handler(shares::list))
                        .sub(Command.named("cancel").args(ArgSpec.required("id", "the skill share's number"))
                                .forOrganizers().summary("Cancels a planned skill share.").example("skillshare cancel 2")
                                .handler(shares::cancel))
                        .build());
    }

    void onEvent(ChatEvent event) {
        // Answers in the room's threads stay the room's: nothing to keep from them.
    }

    /** A plain message in someone's direct room with the bot: perhaps their answer to a question asked in turn. */
    void onDirectMessage(ChatEvent.Message message) {
        inTurn.onDirectMessage(message);
    }

    /** The bot left {@code room}: the steps of its planned skill shares go. */
    void cancelRoom(RoomId room) {
        shares.cancelRoom(room);
    }

    /** The debrief's card and questions were posted: nobody is asked in private unless they ask ({@code !answers}). */
    void held(Debrief debrief) {
    }

    @Override
    public void onDue(ScheduleItem item, Instant occurrence, Duration late) {
        shares.onDue(item, occurrence, late);
    }

    @Override
    public void onMissed(ScheduleItem item, Instant occurrence, Duration late) {
        shares.onMissed(item, occurrence, late);
    }
}
