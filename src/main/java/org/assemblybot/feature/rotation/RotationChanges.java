package org.assemblybot.feature.rotation;

import java.util.List;
import java.util.Set;
import org.assemblybot.core.assembly.RotatingRoles;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.text.RichText;

/**
 * What follows any change to a room's roles, pools, away periods or terms: empty seats are filled by the fair
 * order, new holders are announced (once per term, M1), each role's cycle is planned ({@link CycleSteps}), the
 * organizers are warned of what needs them ({@link RotationWarnings}) and the roster is edited in place.
 */
final class RotationChanges {
    private final FeatureKit kit;
    private final RotationStore store;
    private final RotationPlanner planner;
    private final Roster roster;
    private final CycleSteps steps;
    private final RotationWarnings warnings;

    RotationChanges(FeatureKit kit, RotationStore store, RotationPlanner planner, Roster roster, CycleSteps steps,
                    RotationWarnings warnings) {
        this.kit = kit;
        this.store = store;
        this.planner = planner;
        this.roster = roster;
        this.steps = steps;
        this.warnings = warnings;
        steps.follow(this);
    }

    private final List<RotatingRoles.Listener> listeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Something about {@code role} changed: every role of its room may now fill a seat (loads are per room). */
    void changed(Role role) {
        roomChanged(role.room());
    }

    void roomChanged(RoomId room) {
        followUp(room, null);
    }

    /** A step of {@code role}'s cycle ran: as after a change, and its warnings not told yet are told now. */
    void stepped(Role role) {
        followUp(role.room(), role);
    }

    private void followUp(RoomId room, Role stepped) {
        for (Role role : store.roles(room)) {
            announce(role, planner.fill(role, Set.of()));
            steps.plan(role);
        }
        warnings.check(room, stepped);
        roster.refresh(room);
        listeners.forEach(l -> l.rolesChanged(room));
    }

    /** Other features hear of every change of a room's roles ({@link RotatingRoles}). */
    void addListener(RotatingRoles.Listener listener) {
        listeners.add(listener);
    }

    /** Fills {@code role}'s empty seats passing over {@code skipped}, then the rest of the room as usual. */
    void refill(Role role, Set<UserId> skipped) {
        announce(role, planner.fill(role, skipped));
        roomChanged(role.room());
    }

    /** Fewer seats: the highest seats of terms not yet over are let go. */
    void seatsChanged(Role role) {
        for (Term term : store.terms(role.id())) {
            if (term.active() && term.seat() > role.seats() && term.to().isAfter(kit.now())) {
                store.changeTerm(term.id(), term.state(), Term.State.RELEASED, kit.now(), "fewer seats");
            }
        }
    }

    void removed(Role role) {
        steps.cancel(role.id());
        store.delete(role.id());
        roomChanged(role.room());
    }

    /** Lets {@code user}'s seats of {@code role} that are not over yet go, with {@code reason}; whether any were. */
    boolean release(Role role, UserId user, String reason) {
        boolean any = false;
        for (Term term : store.terms(role.id())) {
            if (term.active() && term.holder().equals(user) && term.to().isAfter(kit.now())) {
                any |= store.changeTerm(term.id(), term.state(), Term.State.RELEASED, kit.now(), reason);
            }
        }
        return any;
    }

    private void announce(Role role, List<Term> started) {
        for (Term term : started) {
            RichText text = RichText.create().text("🔄 " + role.name() + ": ").mention(term.holder(), null)
                    .text(term.from().isAfter(kit.now()) ? " holds it from " + RotationTexts.boundary(term.from(),
                            kit.zoneOf(role.room())) + " until " : " holds it now, until ")
                    .text(RotationTexts.boundary(term.to(), kit.zoneOf(role.room())) + ".");
            if (!role.checklist().isEmpty()) {
                text.text(" Checklist: " + String.join("; ", role.checklist()) + ".");
            }
            String ref = RotationFeature.ID + ":term:" + term.id();
            kit.post(role.room(), FeatureKit.once(ref, "start", role.room()), text);
            kit.tell(term.holder(), FeatureKit.once(ref, "tell", role.room()), RichText.create().text("You hold "
                    + role.name() + " in " + role.room().value() + " until " + RotationTexts.boundary(term.to(),
                    kit.zoneOf(role.room())) + ". " + (role.checklist().isEmpty() ? "" : "Checklist: "
                    + String.join("; ", role.checklist()) + ". ") + "Can't? " + kit.command("role withdraw "
                    + role.name() + (store.partners().partnerPeople(role.id()).contains(term.holder()) ? " --for "
                    + role.room().value() : "")) + " passes it on."));
        }
    }
}
