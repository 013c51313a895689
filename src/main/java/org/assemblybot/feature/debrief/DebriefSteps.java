package org.assemblybot.feature.debrief;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.live.LiveKey;
import org.assemblybot.core.schedule.DueHandler;
import org.assemblybot.core.schedule.MisfirePolicy;
import org.assemblybot.core.schedule.ScheduleItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The debrief commons on the durable scheduler (T1): the reminder and the card of each debrief, care gatherings,
 * and the deletion of signups and tags once their retention is over. Item ids are fixed per debrief (or gathering)
 * and step, so planning again replaces them and each runs once (T4). The steps of micro-roles ({@link MicroRoles})
 * and skill shares ({@link Skills}) are theirs: items whose kind starts with {@code role-} or {@code share-} are
 * passed on.
 *
 * <p>Misfire policies (T2): a late reminder is not sent (MISS_IF_LATE after a quarter of an hour); a late card
 * still goes (RUN_LATE: its questions and roles are what the room needs, also after the bot was down); a care
 * gathering's start is not announced more than {@link #CARD_GRACE} late; the purge runs however late (RUN_LATE):
 * deleting late is never harmful.
 */
final class DebriefSteps implements DueHandler {
    private static final Logger log = LoggerFactory.getLogger(DebriefSteps.class);
    static final String REMIND = "remind";
    static final String CARD = "card";
    static final String CARE_REMIND = "care-remind";
    static final String CARE = "care";
    static final String PURGE = "purge";
    static final Duration CARD_GRACE = Duration.ofHours(2);
    private static final Duration REMINDER_GRACE = Duration.ofMinutes(15);
    private static final Duration GRACE = Duration.ofMinutes(5);

    private final FeatureKit kit;
    private final DebriefStore store;
    private final SqliteGatheringStore gatherings;
    private final DebriefTexts texts;
    private final DebriefConfig config;
    private DueHandler roles;
    private DueHandler skills;

    DebriefSteps(FeatureKit kit, DebriefStore store, SqliteGatheringStore gatherings, DebriefTexts texts,
                 DebriefConfig config) {
        this.kit = kit;
        this.store = store;
        this.gatherings = gatherings;
        this.texts = texts;
        this.config = config;
    }

    private java.util.function.Consumer<Debrief> onHeld = d -> { };

    /** The handlers of the micro-roles' and skill shares' steps, and who hears that a debrief was held. */
    void delegate(DueHandler microRoles, DueHandler skillShares, java.util.function.Consumer<Debrief> held) {
        this.roles = microRoles;
        this.skills = skillShares;
        this.onHeld = held;
    }

    /** Plans a debrief's reminder (when still ahead) and card. */
    void plan(Debrief d) {
        cancel(d);
        Instant remindAt = d.startsAt().minus(config.reminder());
        if (remindAt.isAfter(kit.now())) {
            kit.scheduler().schedule(ScheduleItem.once(id(d, REMIND), DebriefFeature.ID, REMIND, ref(d), d.room(),
                    remindAt, MisfirePolicy.MISS_IF_LATE, REMINDER_GRACE));
        }
        kit.scheduler().schedule(ScheduleItem.once(id(d, CARD), DebriefFeature.ID, CARD, ref(d), d.room(),
                d.startsAt(), MisfirePolicy.RUN_LATE, GRACE));
    }

    void cancel(Debrief d) {
        kit.scheduler().cancelByRef(DebriefFeature.ID, ref(d));
    }

    /** Plans a care gathering's reminder and start. */
    void plan(Gathering g) {
        String ref = DebriefFeature.ID + ":gathering:" + g.id();
        Instant remindAt = g.startsAt().minus(config.reminder());
        if (remindAt.isAfter(kit.now())) {
            kit.scheduler().schedule(ScheduleItem.once(ref + ":" + CARE_REMIND, DebriefFeature.ID, CARE_REMIND, ref,
                    g.room(), remindAt, MisfirePolicy.MISS_IF_LATE, REMINDER_GRACE));
        }
        kit.scheduler().schedule(ScheduleItem.once(ref + ":" + CARE, DebriefFeature.ID, CARE, ref, g.room(),
                g.startsAt(), MisfirePolicy.MISS_IF_LATE, CARD_GRACE));
    }

    /**
     * The debrief's micro-roles now end at {@code end}: its signups and tags are deleted {@code retention} later
     * (planned again whenever the end moves, e.g. a renewal).
     */
    void rolesEndAt(Debrief d, Instant end) {
        Debrief updated = d.withRolesEnd(end);
        store.save(updated);
        kit.scheduler().schedule(ScheduleItem.once(id(d, PURGE), DebriefFeature.ID, PURGE, ref(d) + ":purge", d.room(),
                end.plus(config.retention()), MisfirePolicy.RUN_LATE, GRACE));
    }

    @Override
    public void onDue(ScheduleItem item, Instant occurrence, Duration late) {
        if (item.kind().startsWith("role-")) {
            roles.onDue(item, occurrence, late);
            return;
        }
        if (item.kind().startsWith("share-")) {
            skills.onDue(item, occurrence, late);
            return;
        }
        switch (item.kind()) {
            case REMIND -> planned(item).ifPresent(d -> kit.post(d.room(), txn(d, REMIND), texts.reminder(d,
                    kit.zoneOf(d.room()))));
            case CARD -> planned(item).ifPresent(this::hold);
            case CARE_REMIND -> gathering(item).ifPresent(g -> kit.post(g.room(), gatheringTxn(g, CARE_REMIND),
                    texts.careReminder(g.startsAt(), kit.zoneOf(g.room()))));
            case CARE -> gathering(item).ifPresent(g -> {
                kit.post(g.room(), gatheringTxn(g, CARE), texts.careNow());
                gatherings.setState(g.id(), Gathering.State.HELD);
            });
            case PURGE -> debriefOf(item).filter(d -> d.purgedAt() == null).ifPresent(d -> {
                store.purge(d.id());
                store.save(d.purged(kit.now()));
                log.info("debrief {} in {}: signups and skill tags deleted after retention", d.id(), d.room().value());
            });
            default -> log.warn("unknown debrief step {}", item.kind());
        }
    }

    @Override
    public void onMissed(ScheduleItem item, Instant occurrence, Duration late) {
        if (item.kind().startsWith("role-")) {
            roles.onMissed(item, occurrence, late);
        } else if (item.kind().startsWith("share-")) {
            skills.onMissed(item, occurrence, late);
        } else {
            log.info("debrief step {} was {} late and is not run", item.id(), late);
        }
    }

    /** The card, then the three questions, each its own message (and thread); the debrief is held. */
    private void hold(Debrief d) {
        kit.post(d.room(), txn(d, CARD), texts.card(d));
        for (int q = 1; q <= DebriefTexts.QUESTIONS.size(); q++) {
            kit.live().show(question(d, q), d.room(), texts.question(q));
        }
        if (d.intense()) {
            kit.post(d.room(), txn(d, "care-suggestion"), texts.careSuggestion());
        }
        Debrief held = d.in(Debrief.State.HELD);
        store.save(held);
        onHeld.accept(held);
    }

    /** The live key of question {@code number} of a debrief: its event is the thread answers go to. */
    static LiveKey question(Debrief d, int number) {
        return new LiveKey(DebriefFeature.ID, "q" + number + ":" + d.id());
    }

    private Optional<Debrief> planned(ScheduleItem item) {
        return debriefOf(item).filter(d -> d.state() == Debrief.State.PLANNED);
    }

    private Optional<Debrief> debriefOf(ScheduleItem item) {
        String[] parts = item.ref().split(":");
        try {
            return store.debrief(Long.parseLong(parts[1]));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private Optional<Gathering> gathering(ScheduleItem item) {
        String[] parts = item.ref().split(":");
        try {
            return gatherings.gathering(Long.parseLong(parts[2])).filter(g -> g.state() == Gathering.State.PLANNED);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    static String ref(Debrief d) {
        return DebriefFeature.ID + ":" + d.id();
    }

    private static String id(Debrief d, String step) {
        return ref(d) + ":" + step;
    }

    static String txn(Debrief d, String step) {
        return FeatureKit.once(ref(d), step, d.room());
    }

    private static String gatheringTxn(Gathering g, String step) {
        return FeatureKit.once(DebriefFeature.ID + ":gathering:" + g.id(), step, g.room());
    }

    /** A room's debriefs and gatherings are gone (M6): their steps go too. */
    void cancelRoom(RoomId room, java.util.List<Debrief> debriefs) {
        debriefs.forEach(d -> {
            cancel(d);
            kit.scheduler().cancelByRef(DebriefFeature.ID, ref(d) + ":purge");
        });
    }
}
