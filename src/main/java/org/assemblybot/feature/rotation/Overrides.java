package org.assemblybot.feature.rotation;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.command.CommandContext;
import org.assemblybot.core.command.Reply;
import org.assemblybot.core.command.UserFacingException;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.text.TextLimits;
import org.assemblybot.core.text.UserText;

/**
 * Organizer overrides of the fair order, each recorded with its reason in the role's public history:
 * {@code assign} gives a seat of the current term to someone from the pool, {@code swap} hands one holder's seat
 * to someone from the pool, {@code skip} passes over the current holders for this term (they keep their place in
 * line) and the next in line take over for the rest of it.
 */
final class Overrides {
    private final FeatureKit kit;
    private final RotationStore store;
    private final RoleLookup lookup;
    private final RotationPlanner planner;
    private final RotationChanges changes;

    Overrides(FeatureKit kit, RotationStore store, RoleLookup lookup, RotationPlanner planner, RotationChanges changes) {
        this.kit = kit;
        this.store = store;
        this.lookup = lookup;
        this.planner = planner;
        this.changes = changes;
    }

    Reply assign(CommandContext context) {
        Role role = lookup.role(context.room(), context.arg(0));
        UserId person = fromPool(role, context.arg(1));
        Window window = window(role);
        List<Term> seats = planner.seats(role, window);
        if (seats.stream().anyMatch(t -> t.holder().equals(person))) {
            return Reply.text(person.value() + " already holds " + role.name() + " this term.");
        }
        String reason = reason(context.arg(2));
        UserId replaced = null;
        int seat = freeSeat(role, seats);
        if (seat == 0) {
            if (role.seats() > 1) {
                throw new UserFacingException("All " + role.seats() + " seats of " + role.name() + " are taken; hand one "
                        + "over with `" + kit.command("role swap " + role.name() + " <@holder> <@person>") + "`.");
            }
            replaced = seats.get(0).holder();
            changes.release(role, replaced, "assign");
            seat = 1;
        }
        store.addTerm(new Term(0, role.id(), seat, person, window.from(), window.to(), Term.State.ACCEPTED, kit.now(),
                null));
        store.record(role.id(), new RoleOverride(kit.now(), RoleOverride.Kind.ASSIGN, context.sender(), person, replaced,
                reason));
        changes.changed(role);
        return Reply.text(person.value() + " holds " + role.name() + " until " + RotationTexts.boundary(window.to(),
                kit.zoneOf(role.room())) + (replaced == null ? "" : ", instead of " + replaced.value())
                + ". Recorded in the history.");
    }

    Reply swap(CommandContext context) {
        Role role = lookup.role(context.room(), context.arg(0));
        Window window = window(role);
        List<Term> seats = planner.seats(role, window);
        List<UserId> holders = seats.stream().map(Term::holder).toList();
        UserId out = RoleLookup.person(context.arg(1), holders).orElseThrow(() -> new UserFacingException("`"
                + UserText.quotable(context.arg(1), 40) + "` does not hold " + role.name() + " this term; it is held by "
                + (holders.isEmpty() ? "nobody" : RotationTexts.people(holders)) + "."));
        UserId in = fromPool(role, context.arg(2));
        if (holders.contains(in)) {
            return Reply.text(in.value() + " already holds " + role.name() + " this term.");
        }
        Term seat = seats.stream().filter(t -> t.holder().equals(out)).findFirst().orElseThrow();
        changes.release(role, out, "swap");
        store.addTerm(new Term(0, role.id(), seat.seat(), in, window.from(), window.to(), Term.State.ACCEPTED,
                kit.now(), null));
        store.record(role.id(), new RoleOverride(kit.now(), RoleOverride.Kind.SWAP, context.sender(), out, in,
                reason(context.arg(3))));
        changes.changed(role);
        return Reply.text(in.value() + " takes over " + role.name() + " from " + out.value() + " until "
                + RotationTexts.boundary(window.to(), kit.zoneOf(role.room())) + ". Recorded in the history.");
    }

    Reply skip(CommandContext context) {
        Role role = lookup.role(context.room(), context.arg(0));
        Window window = window(role);
        List<UserId> holders = planner.seats(role, window).stream().map(Term::holder).toList();
        if (holders.isEmpty()) {
            throw new UserFacingException("Nobody holds " + role.name() + " this term: there is nobody to skip.");
        }
        String reason = reason(context.arg(1));
        for (UserId holder : holders) {
            changes.release(role, holder, "skipped");
            store.record(role.id(), new RoleOverride(kit.now(), RoleOverride.Kind.SKIP, context.sender(), holder, null,
                    reason));
        }
        changes.refill(role, Set.copyOf(holders));
        List<UserId> now = planner.seats(role, window).stream().map(Term::holder).toList();
        return Reply.text("Skipped " + RotationTexts.people(holders) + " for this term of " + role.name()
                + " (they keep their place in line); " + (now.isEmpty() ? "nobody else is eligible now."
                : RotationTexts.people(now) + " " + (now.size() == 1 ? "holds" : "hold") + " it until "
                + RotationTexts.boundary(window.to(), kit.zoneOf(role.room())) + ".") + " Recorded in the history.");
    }

    private Window window(Role role) {
        return planner.current(role).orElseThrow(() -> new UserFacingException(role.name() + " has no term yet"
                + (role.term().kind() == TermLength.Kind.ASSEMBLY ? ": no assembly is on the calendar." : ".")));
    }

    /** Only someone who volunteered may be given a role (consent first). */
    private UserId fromPool(Role role, String typed) {
        List<UserId> pool = store.pool(role.id()).stream().map(Volunteer::user).toList();
        Optional<UserId> person = RoleLookup.person(typed, pool);
        if (person.isEmpty() || !pool.contains(person.get())) {
            throw new UserFacingException("`" + UserText.quotable(typed, 40) + "` has not volunteered for " + role.name()
                    + "; only people in its pool can be given it (they join with `" + kit.command("role volunteer "
                    + role.name()) + "`). In the pool: " + (pool.isEmpty() ? "nobody" : RotationTexts.people(pool)) + ".");
        }
        return person.get();
    }

    private static int freeSeat(Role role, Collection<Term> seats) {
        List<Integer> taken = new ArrayList<>(seats.stream().map(Term::seat).toList());
        for (int seat = 1; seat <= role.seats(); seat++) {
            if (!taken.contains(seat)) {
                return seat;
            }
        }
        return 0;
    }

    /** A short reason as typed, quotable; null when none; refused when too long. */
    static String reason(String typed) {
        if (typed == null || typed.isBlank()) {
            return null;
        }
        if (typed.length() > TextLimits.REASON) {
            throw new UserFacingException("Keep the reason under " + TextLimits.REASON + " characters.");
        }
        return UserText.quotable(typed, TextLimits.REASON);
    }
}
