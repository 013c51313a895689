package org.assemblybot.feature.rotation;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.schedule.DueHandler;
import org.assemblybot.core.schedule.MisfirePolicy;
import org.assemblybot.core.schedule.ScheduleItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A role's cycle on the durable scheduler (T1): each step of the running term is a schedule item, (re)planned from
 * the database after every change and rebuilt at boot. Item ids are fixed per role, kind and handover (an expiry:
 * per asked term), so planning again replaces rather than adds, and a step runs once per occurrence (T4).
 *
 * <p>Misfire policies (T2), times from {@link CycleTimes}:
 * <ul>
 *   <li>{@code ask} (shadow start): RUN_LATE — a late ask still asks; a shadow start already past when the term is
 *       planned asks right away;</li>
 *   <li>{@code expire} (an asked successor's deadline): RUN_LATE — the next in line is asked, unless the handover
 *       has come meanwhile (the handover closes the request then);</li>
 *   <li>{@code remind} (handover reminder): MISS_IF_LATE after {@link #REMINDER_GRACE} — a late reminder is not
 *       sent (the scheduler records the miss); one already past when planned is not scheduled at all;</li>
 *   <li>{@code turn} (the handover): RUN_LATE — a late handover still hands over.</li>
 * </ul>
 */
final class CycleSteps implements DueHandler {
    private static final Logger log = LoggerFactory.getLogger(CycleSteps.class);
    static final String ASK = "ask";
    static final String EXPIRE = "expire";
    static final String REMIND = "remind";
    static final String TURN = "turn";
    static final Duration REMINDER_GRACE = Duration.ofHours(1);
    private static final Duration GRACE = Duration.ofMinutes(5);

    private final FeatureKit kit;
    private final RotationStore store;
    private final RotationPlanner planner;
    private final Succession succession;
    private final Handover handover;
    private RotationChanges changes;

    CycleSteps(FeatureKit kit, RotationStore store, RotationPlanner planner, Succession succession, Handover handover) {
        this.kit = kit;
        this.store = store;
        this.planner = planner;
        this.succession = succession;
        this.handover = handover;
    }

    void follow(RotationChanges onStep) {
        this.changes = onStep;
    }

    /** Plans the steps of {@code role}'s running term; asks at once when its shadow period has begun. */
    void plan(Role role) {
        Optional<Window> current = planner.current(role);
        if (current.isEmpty() || planner.seats(role, current.get()).stream()
                .noneMatch(t -> t.state() == Term.State.ACCEPTED)) {
            return;
        }
        Window term = current.get();
        Instant now = kit.now();
        Instant at = term.to();
        schedule(role, TURN, at, at, MisfirePolicy.RUN_LATE, GRACE);
        Optional<Window> next = planner.after(role, term);
        if (next.isEmpty()) {
            return;
        }
        Instant shadow = CycleTimes.shadowStart(role, term, kit.zoneOf(role.room()));
        if (shadow.isAfter(now)) {
            schedule(role, ASK, at, shadow, MisfirePolicy.RUN_LATE, GRACE);
        } else {
            succession.ask(role, next.get());
        }
        Instant remind = CycleTimes.reminder(role, at, kit.zoneOf(role.room()));
        if (remind.isAfter(now) && !remind.isBefore(shadow)) {
            schedule(role, REMIND, at, remind, MisfirePolicy.MISS_IF_LATE, REMINDER_GRACE);
        }
        for (Term asked : planner.seats(role, next.get())) {
            Instant deadline = asked.askedAt() == null ? at : CycleTimes.deadline(asked.askedAt(), at);
            if (asked.state() == Term.State.ASKED && deadline.isBefore(at)) {
                kit.scheduler().schedule(ScheduleItem.once(id(role.id(), EXPIRE, asked.id()), RotationFeature.ID,
                        EXPIRE, ref(role.id()), role.room(), deadline, MisfirePolicy.RUN_LATE, GRACE));
            }
        }
    }

    private void schedule(Role role, String kind, Instant handoverAt, Instant fireAt, MisfirePolicy misfire,
                          Duration grace) {
        kit.scheduler().schedule(ScheduleItem.once(id(role.id(), kind, handoverAt.toEpochMilli()), RotationFeature.ID,
                kind, ref(role.id()), role.room(), fireAt, misfire, grace));
    }

    /** The role is gone, or its term moved: its steps are cancelled (and planned anew by the caller). */
    void cancel(long roleId) {
        kit.scheduler().cancelByRef(RotationFeature.ID, ref(roleId));
    }

    @Override
    public void onDue(ScheduleItem item, Instant occurrence, Duration late) {
        Optional<Role> found = roleOf(item);
        if (found.isEmpty()) {
            return;
        }
        Role role = found.get();
        long number = Long.parseLong(item.id().substring(item.id().lastIndexOf(':') + 1));
        switch (item.kind()) {
            case EXPIRE -> store.terms(role.id()).stream()
                    .filter(t -> t.id() == number && t.state() == Term.State.ASKED && t.from().isAfter(kit.now()))
                    .findFirst().ifPresent(t -> succession.passOn(role, t, Term.State.EXPIRED, "did not answer within "
                            + CycleTimes.ANSWER_WITHIN.toHours() + " hours about", null));
            case REMIND -> handover.remind(role, Instant.ofEpochMilli(number), item.id(), occurrence);
            case TURN -> handover.handOver(role, Instant.ofEpochMilli(number));
            default -> {
                // ASK: planning again asks, the shadow period having begun
            }
        }
        changes.stepped(role);
    }

    /** Only a reminder can be missed (the others run late): it is not sent late; the scheduler recorded the miss. */
    @Override
    public void onMissed(ScheduleItem item, Instant occurrence, Duration late) {
        log.info("rotation step {} was {} late and is not sent", item.id(), late);
    }

    private Optional<Role> roleOf(ScheduleItem item) {
        try {
            return store.role(Long.parseLong(item.ref().substring(item.ref().lastIndexOf(':') + 1)));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static String ref(long roleId) {
        return RotationFeature.ID + ":" + roleId;
    }

    private static String id(long roleId, String kind, long number) {
        return RotationFeature.ID + ":" + roleId + ":" + kind + ":" + number;
    }
}
