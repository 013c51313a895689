package org.assemblybot.feature.rotation;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.assemblybot.core.command.CommandContext;
import org.assemblybot.core.command.Reply;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.schedule.ScheduledTxn;
import org.assemblybot.core.text.RichText;

/** {@code !role next|list|history} (everyone): the order and why, the roles, the public history. */
final class RoleViews {
    /** Lines of history shown; the oldest beyond it are left out, and the reply says so. */
    static final int HISTORY_LINES = 15;

    private final FeatureKit kit;
    private final RotationStore store;
    private final RoleLookup lookup;
    private final RotationPlanner planner;
    private final PoolPartners partners;

    RoleViews(FeatureKit kit, RotationStore store, RoleLookup lookup, RotationPlanner planner, PoolPartners partners) {
        this.kit = kit;
        this.store = store;
        this.lookup = lookup;
        this.planner = planner;
        this.partners = partners;
    }

    /** "Next for Facilitation (from Mon 15 Jun): dana: never served · ali: served 3 months ago · …". */
    Reply next(CommandContext context) {
        Role role = lookup.role(context);
        if (store.pool(role.id()).isEmpty()) {
            return Reply.text("Nobody has volunteered for " + role.name() + " yet: `" + kit.command("role volunteer "
                    + role.name()) + "`.");
        }
        Optional<Window> current = planner.current(role);
        Optional<Window> term = current.filter(w -> planner.seats(role, w).size() < role.seats())
                .or(() -> current.flatMap(w -> planner.after(role, w)));
        if (term.isEmpty()) {
            return Reply.text(role.name() + " has no next term yet: no assembly is on the calendar.");
        }
        Window w = term.get();
        List<Term> named = planner.seats(role, w);
        Set<org.assemblybot.core.chat.UserId> taken = named.stream().map(Term::holder).collect(Collectors.toSet());
        List<String> parts = new ArrayList<>();
        Map<org.assemblybot.core.chat.UserId, String> from = partners.marks(role);
        named.forEach(t -> parts.add(t.holder().value() + from.getOrDefault(t.holder(), "") + ": "
                + (t.state() == Term.State.ASKED ? "asked" : "accepted")));
        RotationOrder.rank(planner.inputs(role, w, Set.of()), w.from()).stream()
                .filter(c -> !taken.contains(c.user()))
                .forEach(c -> parts.add(c.user().value() + from.getOrDefault(c.user(), "") + ": " + c.reason()));
        return Reply.text("Next for " + role.name() + " (from " + RotationTexts.boundary(w.from(), zone(role)) + "): "
                + String.join(" · ", parts));
    }

    Reply list(CommandContext context) {
        List<Role> roles = store.roles(context.room());
        if (roles.isEmpty()) {
            return Reply.text("No roles here yet; organizers add them with `" + kit.command(RotationTexts.ADD_EXAMPLE)
                    + "`.");
        }
        RichText text = RichText.create().text("Roles here:");
        for (Role role : roles) {
            int pool = store.pool(role.id()).size();
            Map<org.assemblybot.core.chat.UserId, String> from = partners.marks(role);
            List<String> holders = planner.current(role).map(w -> planner.seats(role, w)).orElse(List.of()).stream()
                    .map(t -> t.holder().value() + from.getOrDefault(t.holder(), "")).toList();
            text.newline().text("• ").bold(role.name()).text(" — " + RotationTexts.settings(role) + "; pool: " + pool
                    + (from.isEmpty() ? "" : " (" + from.size() + " from " + "the partner room)")
                    + partners.describe(role) + "; held by " + (holders.isEmpty() ? "nobody" : String.join(", ", holders)));
        }
        return Reply.of(text);
    }

    /** Terms held (newest first) and the organizers' overrides with their reasons. */
    Reply history(CommandContext context) {
        Role role = lookup.role(context.room(), context.arg(0));
        ZoneId zone = zone(role);
        Instant now = kit.now();
        record Line(Instant at, String text) {
        }
        List<Line> lines = new ArrayList<>();
        Map<Instant, List<Term>> held = store.terms(role.id()).stream()
                .filter(t -> t.state() == Term.State.ACCEPTED && !t.from().isAfter(now))
                .collect(Collectors.groupingBy(Term::from));
        held.forEach((from, terms) -> lines.add(new Line(from, RotationTexts.boundary(from, zone) + " – "
                + RotationTexts.boundary(terms.get(0).to(), zone) + ": " + RotationTexts.people(terms.stream()
                .map(Term::holder).toList()))));
        for (RoleOverride o : store.overrides(role.id())) {
            String what = switch (o.kind()) {
                case ASSIGN -> "assigned " + o.subject().value() + (o.other() == null ? "" : " instead of "
                        + o.other().value());
                case SWAP -> "swapped " + o.subject().value() + " for " + o.other().value();
                case SKIP -> "skipped " + o.subject().value();
            };
            lines.add(new Line(o.at(), RotationTexts.boundary(o.at(), zone) + ": " + o.actor().value() + " " + what
                    + (o.reason() == null ? "" : " — " + o.reason())));
        }
        if (lines.isEmpty()) {
            return Reply.text("Nobody has held " + role.name() + " yet.");
        }
        lines.sort(Comparator.comparing(Line::at).reversed());
        if (context.has("file")) {
            List<String> texts = lines.stream().map(Line::text).toList();
            // One file per request: asking again is a new file, a redelivered request is the same one (M1).
            kit.postFile(context.room(), ScheduledTxn.of("rotation:" + role.id() + ":history", Instant.EPOCH,
                    context.room(), context.event().value()), RotationTexts.historyFile(role, texts, now, zone),
                    context.threadRoot());
            return Reply.text("The whole history of " + role.name() + " (" + texts.size() + " lines) comes as a "
                    + "Markdown file.");
        }
        String shown = lines.stream().limit(HISTORY_LINES).map(l -> "• " + l.text()).collect(Collectors.joining("\n"));
        String more = lines.size() > HISTORY_LINES ? "\n(" + (lines.size() - HISTORY_LINES) + " older lines left out)"
                : "";
        return Reply.text("History of " + role.name() + ", newest first:\n" + shown + more);
    }

    private ZoneId zone(Role role) {
        return kit.zoneOf(role.room());
    }
}
