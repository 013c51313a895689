package org.assemblybot.feature.debrief;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.feature.FeatureKit;

/**
 * What happens to signups: a term starts (a free slot, or promotion from the waiting list), is renewed, ends (a
 * release with thanks) or is dropped; every change fills freed slots from the waiting list in signup order, keeps the
 * debrief's end of roles up to date (retention and the summary are planned from it) and refreshes the board. Called
 * in the caller's transaction: the commands' and the scheduler's.
 */
final class Terms {
    private final FeatureKit kit;
    private final DebriefStore debriefs;
    private final SqliteMicroRoleStore store;
    private final DebriefSteps steps;
    private final TermSchedule schedule;
    private final RoleBoard board;
    private final MicroRoleTexts texts;

    Terms(FeatureKit kit, DebriefStore debriefs, SqliteMicroRoleStore store, DebriefSteps steps, TermSchedule schedule,
          RoleBoard board, MicroRoleTexts texts) {
        this.kit = kit;
        this.debriefs = debriefs;
        this.store = store;
        this.steps = steps;
        this.schedule = schedule;
        this.board = board;
        this.texts = texts;
    }

    /**
     * A term of {@code role} for {@code s} (a new signup or a waiting place) from now. Newcomer: the person held no
     * micro-role in this room before.
     */
    Signup hold(Signup s, MicroRole role, RoomId room) {
        Instant now = kit.now();
        Signup holding = s.holding(now, now.plus(role.term()), !store.heldBefore(room, s.user(), s.id()));
        holding = holding.id() == 0 ? store.add(holding) : save(holding);
        schedule.plan(holding, role, room);
        return holding;
    }

    /** One more term from the current end. */
    Signup renew(Signup s, MicroRole role, RoomId room) {
        Signup renewed = save(s.renewedUntil(s.endsAt().plus(role.term())));
        schedule.plan(renewed, role, room);
        return renewed;
    }

    /** The term is over: released with a thank-you (a shadow: told it ended); the slot goes to the next waiting. */
    void release(Signup s, MicroRole role, Debrief d) {
        if (!s.active() || s.kind() == Signup.Kind.WAITING) {
            return;
        }
        save(s.ended(Signup.State.RELEASED, kit.now()));
        schedule.cancel(s);
        kit.tell(s.user(), TermSchedule.txn(s, "released", d.room()), s.kind() == Signup.Kind.HOLDER
                ? texts.released(s.user(), role) : texts.shadowEnded(s.user(), role));
        fill(role, d);
    }

    /** The person dropped it, or left the room: nothing more is planned for it, and a freed slot is filled. */
    void drop(Signup s, MicroRole role, Debrief d) {
        save(s.ended(Signup.State.DROPPED, kit.now()));
        schedule.cancel(s);
        if (s.kind() == Signup.Kind.HOLDER) {
            fill(role, d);
        }
    }

    /** Free slots go to the waiting list, first come first served; each promoted person is told by direct message. */
    void fill(MicroRole role, Debrief d) {
        List<Signup> active = store.active(role.id());
        long free = role.slots() - active.stream().filter(x -> x.kind() == Signup.Kind.HOLDER).count();
        ZoneId zone = kit.zoneOf(d.room());
        for (Signup waiting : active.stream().filter(x -> x.kind() == Signup.Kind.WAITING).limit(Math.max(0, free))
                .toList()) {
            Signup held = hold(waiting, role, d.room());
            kit.tell(held.user(), FeatureKit.once(TermSchedule.ref(held), "promoted", d.room()),
                    texts.promoted(held.user(), role, held.endsAt(), zone));
        }
    }

    /**
     * After any change: the debrief's roles end when the last term ends, and no earlier than each role's offer
     * (its days from the debrief, or from when it was added later). When that moved, retention and the summary are
     * planned again. The board shows the change.
     */
    Debrief settle(long debriefId) {
        Debrief found = debriefs.debrief(debriefId).orElseThrow();
        Instant end = store.roles(found.id()).stream().map(r -> offerEnd(found, r)).max(Instant::compareTo).orElse(null);
        Instant lastTerm = store.lastTermEnd(found.id());
        if (end == null || lastTerm != null && lastTerm.isAfter(end)) {
            end = lastTerm;
        }
        Debrief settled = found;
        if (end != null && !end.equals(found.rolesEnd()) && found.purgedAt() == null) {
            steps.rolesEndAt(found, end);
            schedule.planSummary(found, end);
            settled = found.withRolesEnd(end);
        }
        board.update(settled);
        return settled;
    }

    /** Whether people may still sign up: not cancelled, not purged, and its roles' time not over. */
    boolean running(Debrief d) {
        return d.state() != Debrief.State.CANCELLED && d.purgedAt() == null
                && (d.rolesEnd() == null || d.rolesEnd().isAfter(kit.now()));
    }

    /** The room's debriefs whose roles still run, the latest first. */
    List<Debrief> runningIn(RoomId room) {
        return debriefs.inRoom(room, DebriefCommands.LISTED).stream().filter(this::running)
                .filter(d -> !store.roles(d.id()).isEmpty()).toList();
    }

    /** Someone's active signup in a role, if any. */
    Optional<Signup> of(MicroRole role, UserId person) {
        return store.active(role.id()).stream().filter(s -> s.user().equals(person)).findFirst();
    }

    private static Instant offerEnd(Debrief d, MicroRole r) {
        Instant from = r.createdAt().isAfter(d.startsAt()) ? r.createdAt() : d.startsAt();
        return from.plus(r.term());
    }

    private Signup save(Signup s) {
        store.save(s);
        return s;
    }
}
