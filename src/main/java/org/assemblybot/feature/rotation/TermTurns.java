package org.assemblybot.feature.rotation;

import java.time.Duration;
import java.time.Instant;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.schedule.DueHandler;
import org.assemblybot.core.schedule.MisfirePolicy;
import org.assemblybot.core.schedule.ScheduleItem;

/**
 * The turn at each term's end, on the durable scheduler: the next term's holders are picked and announced. The
 * item's id is fixed per role and boundary, and the announcements per term (M1, T4): a restart, or the same
 * trigger twice, repeats nothing. A turn missed while the bot was down runs late (RUN_LATE, T2): the planner
 * steps over the terms that passed, boundary to boundary.
 */
final class TermTurns implements DueHandler {
    static final String KIND = "turn";

    private final FeatureKit kit;
    private final RotationStore store;
    private RotationChanges changes;

    TermTurns(FeatureKit kit, RotationStore store) {
        this.kit = kit;
        this.store = store;
    }

    void follow(RotationChanges onTurn) {
        this.changes = onTurn;
    }

    /** Makes sure the turn at the end of {@code role}'s current term {@code window} is scheduled. */
    void schedule(Role role, Window window) {
        kit.scheduler().schedule(ScheduleItem.once(RotationFeature.ID + ":" + role.id() + ":turn:"
                        + window.to().toEpochMilli(), RotationFeature.ID, KIND, ref(role.id()), role.room(), window.to(),
                MisfirePolicy.RUN_LATE, Duration.ofMinutes(5)));
    }

    /** The role is gone: its turns are cancelled. */
    void cancel(long roleId) {
        kit.scheduler().cancelByRef(RotationFeature.ID, ref(roleId));
    }

    @Override
    public void onDue(ScheduleItem item, Instant occurrence, Duration late) {
        RoomId room = item.room();
        if (room != null && !store.roles(room).isEmpty()) {
            changes.roomChanged(room);
        }
    }

    @Override
    public void onMissed(ScheduleItem item, Instant occurrence, Duration late) {
        onDue(item, occurrence, late);
    }

    static String ref(long roleId) {
        return RotationFeature.ID + ":" + roleId;
    }
}
