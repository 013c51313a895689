package org.assemblybot.feature.debrief;

import java.util.ArrayList;
import java.util.List;
import org.assemblybot.core.action.FinishedActions;
import org.assemblybot.core.assembly.AssemblyRoles;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.command.ArgSpec;
import org.assemblybot.core.command.Command;
import org.assemblybot.core.command.OptionSpec;
import org.assemblybot.core.feature.Feature;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.schedule.DueHandler;

/**
 * The debrief commons (issue 11): after an action, harvest it. The planning room is offered a debrief when a
 * synchronized action is over ({@link FinishedActions}); at the debrief a card asks three questions, each with its
 * thread ({@link DebriefSteps}); organizers offer micro-roles for two weeks and people sign up ({@link MicroRoles});
 * answers given privately become skill tags, never stored text, and wished skills become a skill share
 * ({@link Skills}). Signups and tags are deleted after the retention period; {@code !forget me} deletes one person's
 * at once.
 */
public final class DebriefFeature implements Feature {
    public static final String ID = "debrief";

    private final FeatureKit kit;
    private final DebriefStore store;
    private final DebriefSteps steps;
    private final DebriefCommands commands;
    private final MicroRoles roles;
    private final Skills skills;

    public DebriefFeature(FeatureKit kit, SqliteDebriefStore store, FinishedActions actions, AssemblyRoles holders,
                          DebriefConfig config) {
        this.kit = kit;
        this.store = store;
        DebriefTexts texts = new DebriefTexts(kit.prefix());
        SqliteGatheringStore gatherings = new SqliteGatheringStore(store.database());
        this.steps = new DebriefSteps(kit, store, gatherings, texts, config);
        this.roles = new MicroRoles(kit, store, steps, store);
        // A wished skill takes a shadow seat next to a related micro-role's holder at once; the micro-roles tell
        // both people themselves, so the skills' message lists only the rotating roles' seats (one message each).
        ShadowSeats microRoleSeats = (debrief, tag, person) -> {
            roles.offerShadow(debrief.room(), tag, person);
            return List.of();
        };
        this.skills = new Skills(kit, store, store, gatherings, holders, config.reminder(), microRoleSeats);
        steps.delegate(roles, skills, skills::held);
        this.commands = new DebriefCommands(kit, store, gatherings, actions, steps, texts, roles::refreshBoards);
        actions.addListener(action -> kit.post(action.planningRoom(), FeatureKit.once(ID + ":offer:" + action.id(),
                "offer", action.planningRoom()), texts.offer(action.id(), action.title(), action.intense(),
                DebriefTexts.suggestedTime(action.endedAt(), kit.zoneOf(action.planningRoom())))));
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public DueHandler dueHandler() {
        return steps;
    }

    @Override
    public List<Command> commands() {
        List<Command> all = new ArrayList<>();
        all.add(Command.named("debrief").summary("The debrief commons after an action: three questions, small roles "
                        + "for two weeks, a skill share.").example(DebriefTexts.START_EXAMPLE)
                .sub(Command.named("start").args(ArgSpec.required("action", "a synchronized action's number, or what "
                                        + "happened in quotes"), ArgSpec.rest("time", "when, in this room's zone", true))
                        .options(OptionSpec.flag("intense", "a hard action: a gathering without agenda is suggested"))
                        .forOrganizers().summary("Plans a debrief after an action (best within 24 hours).")
                        .example(DebriefTexts.START_EXAMPLE).handler(commands::start))
                .sub(Command.named("roles").args(ArgSpec.required("add", "add"), ArgSpec.required("role", "the "
                                        + "role, in quotes when it has several words"),
                                ArgSpec.required("slots", "how many people, 1 to 20"))
                        .options(OptionSpec.value("days", "14", "how long one term lasts (default 14 days)"))
                        .forOrganizers().summary("Offers a micro-role at the latest debrief.")
                        .example("debrief roles add \"medic team\" 4").handler(roles::add))
                .sub(Command.named("care").args(ArgSpec.rest("time", "when, in this room's zone", true))
                        .forOrganizers().summary("Plans a gathering without agenda after an action.")
                        .example("debrief care sunday 16:00").handler(commands::care))
                .sub(Command.named("list").summary("Lists this room's debriefs.").example("debrief list")
                        .handler(commands::list))
                .sub(Command.named("cancel").args(ArgSpec.required("id", "the debrief's number")).forOrganizers()
                        .summary("Cancels a planned debrief.").example("debrief cancel 2").handler(commands::cancel))
                .build());
        all.add(Command.named("forget").args(ArgSpec.required("me", "me")).summary("Deletes your signups and skill "
                + "tags from every debrief in this room; in your direct room with me, in every room.").example("forget me").handler(commands::forget).build());
        all.addAll(roles.commands());
        all.addAll(skills.commands());
        return all;
    }

    /** The bot left a room: its debriefs go (M6); everything else is for the micro-roles and skills to see. */
    @Override
    public void onEvent(ChatEvent event) {
        if (event instanceof ChatEvent.Membership m && m.target().equals(kit.self())
                && (m.membership().equals("leave") || m.membership().equals("ban"))) {
            steps.cancelRoom(m.room(), store.inRoom(m.room(), Integer.MAX_VALUE));
            skills.cancelRoom(m.room()); // its skill shares' reminders, before their gatherings go
            store.forgetRoom(m.room());
            return;
        }
        roles.onEvent(event);
        skills.onEvent(event);
    }

    /** A plain message in someone's direct room with the bot: perhaps an answer to the questions asked in turn. */
    @Override
    public void onDirectMessage(ChatEvent.Message message) {
        skills.onDirectMessage(message);
    }
}
