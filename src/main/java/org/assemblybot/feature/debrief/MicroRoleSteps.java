package org.assemblybot.feature.debrief;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.schedule.DueHandler;
import org.assemblybot.core.schedule.ScheduleItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the micro-roles' scheduled steps ({@link TermSchedule}): reminders to holders, the end of a term, the
 * summary. Each step looks at the database first (T1): a signup dropped or forgotten meanwhile gets nothing, and
 * messages carry transaction ids per signup, term and step, so a step run twice sends once (M1, T4).
 */
final class MicroRoleSteps implements DueHandler {
    private static final Logger log = LoggerFactory.getLogger(MicroRoleSteps.class);

    private final FeatureKit kit;
    private final DebriefStore debriefs;
    private final SqliteMicroRoleStore store;
    private final Terms terms;
    private final MicroRoleTexts texts;

    MicroRoleSteps(FeatureKit kit, DebriefStore debriefs, SqliteMicroRoleStore store, Terms terms,
                   MicroRoleTexts texts) {
        this.kit = kit;
        this.debriefs = debriefs;
        this.store = store;
        this.terms = terms;
        this.texts = texts;
    }

    @Override
    public void onDue(ScheduleItem item, Instant occurrence, Duration late) {
        if (item.kind().equals(TermSchedule.SUMMARY)) {
            TermSchedule.number(item).flatMap(debriefs::debrief).ifPresent(this::summary);
            return;
        }
        Optional<Signup> found = TermSchedule.number(item).flatMap(store::signup).filter(Signup::active);
        if (found.isEmpty()) {
            log.info("micro-role step {}: the signup ended or was deleted meanwhile", item.id());
            return;
        }
        Signup s = found.get();
        MicroRole role = store.role(s.roleId()).orElseThrow();
        Debrief d = debriefs.debrief(role.debriefId()).orElseThrow();
        switch (item.kind()) {
            case TermSchedule.HALFWAY -> kit.tell(s.user(), TermSchedule.txn(s, "halfway", d.room()),
                    texts.halfway(s.user(), role, s.endsAt(), kit.zoneOf(d.room())));
            case TermSchedule.DAY_BEFORE -> kit.tell(s.user(), TermSchedule.txn(s, "daybefore", d.room()),
                    texts.dayBefore(s.user(), role, s.endsAt(), kit.zoneOf(d.room())));
            case TermSchedule.END -> {
                // A renewal moved the end after this item was read: the new end item is planned.
                if (!s.endsAt().isAfter(kit.now())) {
                    terms.release(s, role, d);
                    terms.settle(d.id());
                }
            }
            default -> log.warn("unknown micro-role step {}", item.kind());
        }
    }

    /** A reminder that would come late is not sent: it would say the wrong thing at the wrong time. */
    @Override
    public void onMissed(ScheduleItem item, Instant occurrence, Duration late) {
        log.info("micro-role step {} was {} late and is not sent", item.id(), late);
    }

    /**
     * The debrief's last term ended: whoever is still due is released first (the end items may come after this one
     * at the same instant), which may promote waiting people and move the end; only when nothing runs any more does
     * the room get its summary, once.
     */
    private void summary(Debrief d) {
        if (d.purgedAt() != null) {
            return;
        }
        for (Signup s : store.endedBy(d.id(), kit.now())) {
            store.role(s.roleId()).ifPresent(role -> terms.release(s, role, d));
        }
        Debrief now = terms.settle(d.id());
        if (now.rolesEnd() != null && !now.rolesEnd().isAfter(kit.now())) {
            kit.post(d.room(), FeatureKit.once(TermSchedule.summaryRef(d.id()), "summary", d.room()),
                    texts.summary(now, store.tally(d.id())));
        }
    }
}
