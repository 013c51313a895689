package org.assemblybot.feature.rotation;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.schedule.ScheduledTxn;

/**
 * The end of a cycle: the handover reminder to holders and successors (with the checklist), and the handover at the
 * term boundary — the accepted successors take over and the room is told; a seat nobody accepted stays with its
 * holder for another term ({@link RotationWarnings} tells the organizers).
 */
final class Handover {
    /** The reason stored with a term a holder keeps because nobody accepted it; the roster shows it as overdue. */
    static final String KEPT = "kept: nobody accepted";

    private final FeatureKit kit;
    private final RotationStore store;
    private final RotationPlanner planner;
    private final Succession succession;
    private final CycleTexts texts;

    Handover(FeatureKit kit, RotationStore store, RotationPlanner planner, Succession succession, CycleTexts texts) {
        this.kit = kit;
        this.store = store;
        this.planner = planner;
        this.succession = succession;
        this.texts = texts;
    }

    /** The reminder of the handover at {@code handover}, by direct message; ids per (item, occurrence, person). */
    void remind(Role role, Instant handover, String itemId, Instant occurrence) {
        List<UserId> holders = succession.holders(role, handover);
        List<UserId> successors = accepted(role, handover).stream().filter(t -> !KEPT.equals(t.reason())).map(Term::holder).distinct().toList();
        ZoneId zone = kit.zoneOf(role.room());
        for (UserId holder : holders) {
            kit.tell(holder, ScheduledTxn.of(itemId, occurrence, role.room(), "holder:" + holder.value()),
                    texts.reminderToHolder(role, handover, successors, zone));
        }
        for (UserId successor : successors) {
            kit.tell(successor, ScheduledTxn.of(itemId, occurrence, role.room(), "successor:" + successor.value()),
                    texts.reminderToSuccessor(role, handover, holders, zone));
        }
    }

    /** The term boundary {@code handover}: successors who accepted take over; the other seats stay with their holder. */
    void handOver(Role role, Instant handover) {
        List<Term> ending = store.terms(role.id()).stream().filter(t -> t.state() == Term.State.ACCEPTED
                && t.to().equals(handover) && t.from().isBefore(handover)).toList();
        for (Term asked : store.terms(role.id())) {
            if (asked.state() == Term.State.ASKED && asked.from().equals(handover)) {
                succession.close(role, asked, Term.State.ASKED, Term.State.EXPIRED, "no answer by the handover");
            }
        }
        List<Term> seated = accepted(role, handover);
        List<Term> accepted = seated.stream().filter(t -> !KEPT.equals(t.reason())).toList();
        ZoneId zone = kit.zoneOf(role.room());
        String ref = RotationFeature.ID + ":" + role.id() + ":handover:" + handover.toEpochMilli();
        List<UserId> outgoing = ending.stream().map(Term::holder).distinct().toList();
        if (!accepted.isEmpty()) {
            kit.post(role.room(), FeatureKit.once(ref, "post", role.room()), texts.handover(role,
                    accepted.stream().map(Term::holder).distinct().toList(), outgoing, accepted.get(0).to(), zone));
        }
        List<UserId> keeping = new ArrayList<>();
        Optional<Window> next = accepted.isEmpty() ? planner.after(role, new Window(ending.isEmpty() ? handover
                : ending.get(0).from(), handover)) : Optional.of(new Window(handover, accepted.get(0).to()));
        for (Term seat : ending) {
            boolean taken = seated.stream().anyMatch(t -> t.seat() == seat.seat());
            if (!taken && next.isPresent() && !keeping.contains(seat.holder())) {
                store.addTerm(new Term(0, role.id(), seat.seat(), seat.holder(), next.get().from(), next.get().to(),
                        Term.State.ACCEPTED, kit.now(), KEPT));
                keeping.add(seat.holder());
            }
        }
    }

    private List<Term> accepted(Role role, Instant handover) {
        return store.terms(role.id()).stream().filter(t -> t.state() == Term.State.ACCEPTED
                && t.from().equals(handover)).toList();
    }
}
