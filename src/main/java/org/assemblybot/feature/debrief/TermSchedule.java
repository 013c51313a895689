package org.assemblybot.feature.debrief;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.schedule.MisfirePolicy;
import org.assemblybot.core.schedule.ScheduleItem;

/**
 * The micro-roles' items on the durable scheduler (T1). Per signup: the halfway and day-before reminders of a
 * holder's current term and the end of the term (a holder's or a shadow's); per debrief: the summary when its last
 * term ended. Ids are fixed per signup (or debrief) and step, so a renewal or a moved end replaces the item and each
 * step runs once per term (T4).
 *
 * <p>Misfire policies (T2): a reminder that comes late is not sent (MISS_IF_LATE after an hour: a "halfway" two
 * days late only confuses); the end of a term and the summary run however late (RUN_LATE): releasing people and
 * thanking them is owed, also after the bot was down.
 */
final class TermSchedule {
    static final String HALFWAY = "role-halfway";
    static final String DAY_BEFORE = "role-daybefore";
    static final String END = "role-end";
    static final String SUMMARY = "role-summary";
    static final Duration REMINDER_GRACE = Duration.ofHours(1);
    private static final Duration GRACE = Duration.ofMinutes(5);
    private static final Duration DAY = Duration.ofDays(1);

    private final FeatureKit kit;

    TermSchedule(FeatureKit kit) {
        this.kit = kit;
    }

    /**
     * Plans the current term of {@code s} in {@code role}: for a holder the reminders still ahead and the end; for a
     * shadow only the end. The term runs from {@code endsAt - days} (a renewal adds a term after the current end).
     */
    void plan(Signup s, MicroRole role, RoomId room) {
        Instant end = s.endsAt();
        if (s.kind() == Signup.Kind.HOLDER) {
            Instant halfway = end.minus(role.term().dividedBy(2));
            Instant dayBefore = end.minus(DAY);
            reminder(s, HALFWAY, halfway, room);
            // A term of a day or two has no separate "day before": the halfway reminder says it all.
            if (dayBefore.isAfter(halfway)) {
                reminder(s, DAY_BEFORE, dayBefore, room);
            }
        }
        kit.scheduler().schedule(ScheduleItem.once(id(s, END), DebriefFeature.ID, END, ref(s), room, end,
                MisfirePolicy.RUN_LATE, GRACE));
    }

    private void reminder(Signup s, String step, Instant at, RoomId room) {
        if (at.isAfter(kit.now())) {
            kit.scheduler().schedule(ScheduleItem.once(id(s, step), DebriefFeature.ID, step, ref(s), room, at,
                    MisfirePolicy.MISS_IF_LATE, REMINDER_GRACE));
        } else {
            kit.scheduler().cancel(id(s, step)); // a renewal's earlier reminder must not stay planned
        }
    }

    /** The signup ended early (dropped, left the room): its reminders and end go. */
    void cancel(Signup s) {
        kit.scheduler().cancelByRef(DebriefFeature.ID, ref(s));
    }

    /** The debrief's summary comes when its last term ends, {@code at}; planned again whenever that moves. */
    void planSummary(Debrief d, Instant at) {
        kit.scheduler().schedule(ScheduleItem.once(summaryRef(d.id()) + ":summary", DebriefFeature.ID, SUMMARY,
                summaryRef(d.id()), d.room(), at, MisfirePolicy.RUN_LATE, GRACE));
    }

    /** {@code debrief:signup:12}: the ref of a signup's items. */
    static String ref(Signup s) {
        return DebriefFeature.ID + ":signup:" + s.id();
    }

    static String summaryRef(long debriefId) {
        return DebriefFeature.ID + ":" + debriefId + ":roles";
    }

    /** The number in an item's ref: the signup's (or the debrief's, for the summary). */
    static Optional<Long> number(ScheduleItem item) {
        String[] parts = item.ref().split(":");
        try {
            return Optional.of(Long.parseLong(parts[item.kind().equals(SUMMARY) ? 1 : 2]));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** A message about the current term of {@code s}: once per signup, term and step (M1). */
    static String txn(Signup s, String step, RoomId room) {
        return FeatureKit.once(ref(s) + ":t" + s.renewals(), step, room);
    }

    private static String id(Signup s, String step) {
        return ref(s) + ":" + step;
    }
}
