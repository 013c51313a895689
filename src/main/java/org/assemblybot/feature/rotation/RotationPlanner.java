package org.assemblybot.feature.rotation;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.HashSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.assemblybot.core.assembly.AssemblyCalendar;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.time.MoonTerms;

/**
 * Terms in time: which span a role's current and next term cover, who is in them, and filling empty seats from
 * the pool by the fair order.
 *
 * <p>A role with a pool and an empty seat gets a holder at once, picked by {@link RotationOrder} (volunteering is
 * the consent): a week term from today's local midnight, a per-assembly term at the next assembly on the
 * calendar (until the one after it), a moon term from the current one ({@link MoonTerms}: local start of one
 * new-moon day to the next). Later terms follow on from the last one, boundary to boundary, so they stay on local
 * midnight or on assembly starts.
 */
final class RotationPlanner {
    /** How many terms to step over when the bot was away for a while. */
    private static final int MAX_CATCH_UP = 500;

    private final FeatureKit kit;
    private final RotationStore store;
    private final AssemblyCalendar calendar;
    private final RotationConfig config;

    RotationPlanner(FeatureKit kit, RotationStore store, AssemblyCalendar calendar, RotationConfig config) {
        this.kit = kit;
        this.store = store;
        this.calendar = calendar;
        this.config = config;
    }

    /**
     * The term running now or next: the earliest that has an active seat or has begun and not ended, else the one
     * due now.
     */
    Optional<Window> current(Role role) {
        List<Term> terms = store.terms(role.id());
        Instant now = kit.now();
        Optional<Term> open = terms.stream().filter(t -> t.to().isAfter(now) && (t.active() || !t.from().isAfter(now)))
                .min(Comparator.comparing(Term::from));
        if (open.isPresent()) {
            return Optional.of(new Window(open.get().from(), open.get().to()));
        }
        Optional<Term> last = terms.stream().filter(t -> t.state() == Term.State.ACCEPTED)
                .max(Comparator.comparing(Term::from));
        if (last.isEmpty()) {
            return first(role);
        }
        Optional<Window> window = Optional.of(new Window(last.get().from(), last.get().to()));
        for (int i = 0; i < MAX_CATCH_UP && window.isPresent() && !window.get().to().isAfter(now); i++) {
            window = after(role, window.get());
        }
        return window.filter(w -> w.to().isAfter(now)).or(() -> first(role));
    }

    /** The term after {@code window}. */
    Optional<Window> after(Role role, Window window) {
        ZoneId zone = kit.zoneOf(role.room());
        return switch (role.term().kind()) {
            case WEEKS -> Optional.of(new Window(window.to(), role.term().endOfWeeks(window.to(), zone)));
            case ASSEMBLY -> assemblyFrom(role.room(), window.to());
            case MOON -> Optional.of(moon(MoonTerms.next(new MoonTerms.Term(window.from(), window.to()), zone)));
        };
    }

    /** A first term: from today's local midnight, or at the next assembly. */
    private Optional<Window> first(Role role) {
        ZoneId zone = kit.zoneOf(role.room());
        return switch (role.term().kind()) {
            case WEEKS -> {
                Instant from = TermLength.midnightOf(kit.now(), zone);
                yield Optional.of(new Window(from, role.term().endOfWeeks(from, zone)));
            }
            case ASSEMBLY -> assemblyFrom(role.room(), kit.now());
            case MOON -> Optional.of(moon(MoonTerms.termContaining(kit.now(), zone)));
        };
    }

    private static Window moon(MoonTerms.Term term) {
        return new Window(term.start(), term.end());
    }

    /** The assembly starting at or after {@code from}, until the one after it (or its own end when none is known). */
    private Optional<Window> assemblyFrom(RoomId room, Instant from) {
        List<AssemblyCalendar.Occurrence> next = calendar.upcoming(room, from, 2);
        if (next.isEmpty()) {
            return Optional.empty();
        }
        AssemblyCalendar.Occurrence first = next.get(0);
        Instant to = next.size() > 1 ? next.get(1).start() : first.start().plus(first.duration());
        return Optional.of(new Window(first.start(), to));
    }

    /** The active seats of the term starting at {@code window}'s start, by seat. */
    List<Term> seats(Role role, Window window) {
        return store.terms(role.id()).stream().filter(window::holds).toList();
    }

    /** What the fair order needs for the term {@code window}. */
    RotationOrder.Inputs inputs(Role role, Window window, Set<UserId> alsoTaken) {
        Map<UserId, Integer> otherRoles = new HashMap<>();
        for (Role other : store.roles(role.room())) {
            if (other.id() == role.id()) {
                continue;
            }
            store.terms(other.id()).stream().filter(t -> t.active() && t.overlaps(window.from(), window.to()))
                    .map(Term::holder).distinct().forEach(u -> otherRoles.merge(u, 1, Integer::sum));
        }
        Set<UserId> taken = seats(role, window).stream().map(Term::holder).collect(Collectors.toCollection(HashSet::new));
        taken.addAll(alsoTaken);
        return new RotationOrder.Inputs(store.pool(role.id()), store.terms(role.id()), store.away(role.room()),
                otherRoles, config.maxRolesPerPerson(), role.maxTerms(), taken, kit.now(), kit.zoneOf(role.room()));
    }

    /** Fills the empty seats of the current term from the pool, passing over {@code skipped}; the new seats. */
    List<Term> fill(Role role, Set<UserId> skipped) {
        if (store.pool(role.id()).isEmpty()) {
            return List.of();
        }
        Optional<Window> window = current(role);
        if (window.isEmpty()) {
            return List.of();
        }
        Window w = window.get();
        Set<Integer> occupied = seats(role, w).stream().map(Term::seat).collect(Collectors.toSet());
        List<Integer> empty = IntStream.rangeClosed(1, role.seats()).filter(s -> !occupied.contains(s)).boxed().toList();
        if (empty.isEmpty()) {
            return List.of();
        }
        List<UserId> picked = RotationOrder.pick(inputs(role, w, skipped), w.from(), empty.size());
        return IntStream.range(0, picked.size()).mapToObj(i -> store.addTerm(new Term(0, role.id(), empty.get(i),
                picked.get(i), w.from(), w.to(), Term.State.ACCEPTED, kit.now(), null))).toList();
    }

    /**
     * Per-assembly terms follow the calendar when assemblies are moved or skipped: the running term ends at the
     * first assembly after its start, a term not yet begun starts at the next assembly, and its successors start at
     * the new handover. Whether anything moved.
     */
    boolean realign(Role role) {
        Optional<Window> running = current(role);
        if (role.term().kind() != TermLength.Kind.ASSEMBLY || running.isEmpty()) {
            return false;
        }
        Window old = running.get();
        Optional<Window> fresh = old.from().isAfter(kit.now()) ? assemblyFrom(role.room(), kit.now())
                : calendar.upcoming(role.room(), old.from().plusMillis(1), 1).stream().findFirst()
                .map(o -> new Window(old.from(), o.start()));
        if (fresh.isEmpty()) {
            return false;
        }
        boolean moved = false;
        Optional<Window> next = after(role, fresh.get());
        List<Term> successors = store.terms(role.id()).stream().filter(t -> t.from().equals(old.to())).toList();
        if (next.isPresent() && !successors.isEmpty() && !(successors.get(0).from().equals(next.get().from())
                && successors.get(0).to().equals(next.get().to()))) {
            store.retime(role.id(), old.to(), next.get().from(), next.get().to());
            moved = true;
        }
        if (!fresh.get().equals(old)) {
            store.retime(role.id(), old.from(), fresh.get().from(), fresh.get().to());
            moved = true;
        }
        return moved;
    }
}
