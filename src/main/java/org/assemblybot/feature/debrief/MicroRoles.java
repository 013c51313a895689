package org.assemblybot.feature.debrief;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.command.Command;
import org.assemblybot.core.command.CommandContext;
import org.assemblybot.core.command.Reply;
import org.assemblybot.core.command.UserFacingException;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.schedule.DueHandler;
import org.assemblybot.core.schedule.ScheduleItem;

/** SKELETON — to be built (helper "micro-roles"): {@code !debrief roles add}, {@code !signup …}, the board. */
final class MicroRoles implements DueHandler {
    private final FeatureKit kit;
    private final DebriefStore debriefs;
    private final DebriefSteps steps;

    MicroRoles(FeatureKit kit, DebriefStore debriefs, DebriefSteps steps, SqliteDebriefStore sqlite) {
        this.kit = kit;
        this.debriefs = debriefs;
        this.steps = steps;
    }

    /** {@code !debrief roles add <role> <slots> [--days 14]} (organizers). */
    Reply add(CommandContext context) {
        throw new UserFacingException("not built yet");
    }

    /** {@code !signup <role>}, {@code !signup drop <role>}, {@code !signup renew <role>}. */
    List<Command> commands() {
        return List.of();
    }

    void onEvent(ChatEvent event) {
    }

    /** After {@code !forget me}: the boards of the room's debriefs show what is left. */
    void refreshBoards(RoomId room) {
    }

    @Override
    public void onDue(ScheduleItem item, Instant occurrence, Duration late) {
    }

    @Override
    public void onMissed(ScheduleItem item, Instant occurrence, Duration late) {
    }
}
