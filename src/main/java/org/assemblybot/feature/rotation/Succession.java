package org.assemblybot.feature.rotation;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.live.LiveKey;

/**
 * Successors by consent: the next in line (by {@link RotationOrder}) is asked in the room — a live message that
 * ✅ accepts — and directly, as is the holder; an answer or a silence closes the request; a decline, a silence or a
 * successor leaving passes the role on to the next in line, and the organizers are told in the room.
 *
 * <p>Every message is tied to the asked term's id, which is stored in the same transaction as the message's
 * outbox entry: running a step again, also after a restart, finds the term and sends nothing twice (M1, T4).
 */
final class Succession {
    private static final String ASK = "ask:";

    private final FeatureKit kit;
    private final RotationStore store;
    private final RotationPlanner planner;
    private final CycleTexts texts;

    Succession(FeatureKit kit, RotationStore store, RotationPlanner planner, CycleTexts texts) {
        this.kit = kit;
        this.store = store;
        this.planner = planner;
        this.texts = texts;
    }

    /**
     * Asks successors for the seats of the term {@code next} that nobody holds or is asked for; the newly asked. When
     * the line ran out after a decline or a silence, the organizers are told once (the handover tells them too).
     */
    List<Term> ask(Role role, Window next) {
        Set<Integer> named = planner.seats(role, next).stream().map(Term::seat).collect(Collectors.toSet());
        List<Integer> empty = IntStream.rangeClosed(1, role.seats()).filter(s -> !named.contains(s)).boxed().toList();
        if (empty.isEmpty()) {
            return List.of();
        }
        List<UserId> holders = holders(role, next.from());
        List<UserId> picked = RotationOrder.pick(planner.inputs(role, next, Set.of()), next.from(), empty.size());
        List<Term> asked = new ArrayList<>();
        for (int i = 0; i < picked.size(); i++) {
            Term term = store.addTerm(new Term(0, role.id(), empty.get(i), picked.get(i), next.from(), next.to(),
                    Term.State.ASKED, kit.now(), null));
            send(role, term, holders);
            asked.add(term);
        }
        if (picked.size() < empty.size() && refused(role, next)) {
            kit.post(role.room(), FeatureKit.once(RotationFeature.ID + ":" + role.id() + ":" + next.from().toEpochMilli(),
                    "nobody", role.room()), texts.nobodyInLine(role, next.from(), holders, zone(role)));
        }
        return asked;
    }

    /** Someone declined the term {@code next} or let the request expire: only then is "nobody left" news. */
    private boolean refused(Role role, Window next) {
        return store.terms(role.id()).stream().anyMatch(t -> t.from().equals(next.from())
                && (t.state() == Term.State.DECLINED || t.state() == Term.State.EXPIRED));
    }

    /**
     * Assemblies moved or were skipped and the terms were retimed: an open request shows the new dates (an edit
     * of the request in place; nobody is asked again). An answered request is retired and keeps its words.
     */
    void retimed(Role role) {
        for (Term term : store.terms(role.id())) {
            if (term.state() == Term.State.ASKED) {
                Instant deadline = CycleTimes.deadline(term.askedAt(), term.from());
                kit.live().update(key(term), role.room(), texts.askInRoom(role, term, holders(role, term.from()),
                        deadline, zone(role)));
            }
        }
    }

    private void send(Role role, Term term, List<UserId> holders) {
        ZoneId zone = zone(role);
        RoomId room = role.room();
        Instant deadline = CycleTimes.deadline(term.askedAt(), term.from());
        kit.live().show(key(term), room, texts.askInRoom(role, term, holders, deadline, zone));
        kit.tell(term.holder(), FeatureKit.once(ref(term), "ask", room),
                texts.askDirect(role, term, holders, deadline, zone,
                        store.partners().partnerPeople(role.id()).contains(term.holder())));
        for (UserId holder : holders) {
            kit.tell(holder, FeatureKit.once(ref(term), "ask-holder:" + holder.value(), room),
                    texts.askToHolder(role, term, zone));
        }
    }

    /** The asked person accepts (by command or ✅); false when they were no longer asked. */
    boolean accept(Role role, Term term) {
        if (!close(role, term, Term.State.ASKED, Term.State.ACCEPTED, null)) {
            return false;
        }
        List<UserId> holders = holders(role, term.from());
        for (UserId holder : holders) {
            kit.tell(holder, FeatureKit.once(ref(term), "accepted:" + holder.value(), role.room()),
                    texts.acceptedToHolder(role, term, zone(role)));
        }
        // The reply promises the checklist before the handover: accepted after the reminder's moment (a short
        // shadow, assemblies less than a day apart), the successor gets it now instead of never.
        Instant reminder = CycleTimes.reminder(role, term.from(), zone(role));
        if (!kit.now().isBefore(reminder) && kit.now().isBefore(term.from())) {
            kit.tell(term.holder(), FeatureKit.once(ref(term), "reminder-at-accept", role.room()),
                    texts.reminderToSuccessor(role, term.from(), holders, zone(role)));
        }
        return true;
    }

    /**
     * The successor {@code term} declines (or {@code why} else: did not answer, left the room): the organizers are
     * told and the next in line is asked. False when the term was no longer asked or accepted.
     */
    boolean passOn(Role role, Term term, Term.State to, String why, String reason) {
        if (!close(role, term, term.state(), to, reason)) {
            return false;
        }
        List<Term> next = ask(role, new Window(term.from(), term.to()));
        kit.post(role.room(), FeatureKit.once(ref(term), "passed", role.room()),
                texts.passedOn(role, term, why, reason, next, zone(role)));
        return true;
    }

    /** Moves the request to {@code to} and shows the answer on the request message, which then takes no more ✅. */
    boolean close(Role role, Term term, Term.State from, Term.State to, String reason) {
        if (!store.changeTerm(term.id(), from, to, kit.now(), reason)) {
            return false;
        }
        kit.live().update(key(term), role.room(), texts.answered(role, term, to, zone(role)));
        kit.live().retire(key(term));
        return true;
    }

    /** The successor term of {@code user} for {@code role} not yet begun, asked or accepted. */
    Optional<Term> successorTerm(Role role, UserId user) {
        Instant now = kit.now();
        return store.terms(role.id()).stream().filter(t -> t.active() && t.holder().equals(user)
                && (t.state() == Term.State.ASKED ? t.to().isAfter(now) : t.from().isAfter(now))).findFirst();
    }

    /** The request whose room message is {@code key}, if it is one. */
    Optional<Term> requestOf(RoomId room, LiveKey key) {
        if (!key.feature().equals(RotationFeature.ID) || !key.name().startsWith(ASK)) {
            return Optional.empty();
        }
        long id;
        try {
            id = Long.parseLong(key.name().substring(ASK.length()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return store.roles(room).stream().flatMap(r -> store.terms(r.id()).stream()).filter(t -> t.id() == id)
                .findFirst();
    }

    /** Who holds the seats of the term that ends at {@code handover}. */
    List<UserId> holders(Role role, Instant handover) {
        return store.terms(role.id()).stream().filter(t -> t.state() == Term.State.ACCEPTED && t.to().equals(handover)
                && t.from().isBefore(handover)).map(Term::holder).distinct().toList();
    }

    private static LiveKey key(Term term) {
        return new LiveKey(RotationFeature.ID, ASK + term.id());
    }

    private static String ref(Term term) {
        return RotationFeature.ID + ":ask:" + term.id();
    }

    private ZoneId zone(Role role) {
        return kit.zoneOf(role.room());
    }
}
