package org.assemblybot.feature.debrief;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.assemblybot.core.assembly.AssemblyRoles;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.command.Command;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.schedule.DueHandler;
import org.assemblybot.core.schedule.ScheduleItem;

/**
 * SKELETON — to be built (helper "skills"): private answers ({@code !witness}, {@code !skill used|wish},
 * {@code !build}, the three questions in turn by direct message), skill tags, {@code !skillshare plan}, pairings.
 */
final class Skills implements DueHandler {
    Skills(FeatureKit kit, DebriefStore debriefs, DebriefSteps steps, SqliteDebriefStore sqlite,
           SqliteGatheringStore gatherings, AssemblyRoles holders) {
    }

    List<Command> commands() {
        return List.of();
    }

    void onEvent(ChatEvent event) {
    }

    /** The debrief's card and questions were posted. */
    void held(Debrief debrief) {
    }

    @Override
    public void onDue(ScheduleItem item, Instant occurrence, Duration late) {
    }

    @Override
    public void onMissed(ScheduleItem item, Instant occurrence, Duration late) {
    }
}
