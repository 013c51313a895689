package org.assemblybot.feature.rotation;

import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.live.LiveKey;
import org.assemblybot.core.text.RichText;

/**
 * The room's roster: one pinned message with every role, its holders and their term end, the successors
 * (shadows, asked or accepted), an overdue handover, the next in line and the current warnings — posted once and edited in place whenever anything changes.
 */
final class Roster {
    static final LiveKey KEY = new LiveKey(RotationFeature.ID, "roster");

    private final FeatureKit kit;
    private final RotationStore store;
    private final RotationPlanner planner;
    private final RotationTexts texts;
    private final RotationWarnings warnings;

    Roster(FeatureKit kit, RotationStore store, RotationPlanner planner, RotationTexts texts,
           RotationWarnings warnings) {
        this.kit = kit;
        this.warnings = warnings;
        this.store = store;
        this.planner = planner;
        this.texts = texts;
    }

    /** Shows the room's roster as it is now (posts it the first time, pinned where the bot may). */
    void refresh(RoomId room) {
        kit.live().showPinned(KEY, room, render(room));
    }

    RichText render(RoomId room) {
        List<Role> roles = store.roles(room);
        RichText text = RichText.create().bold("🔄 Roles").text(roles.isEmpty() ? " — none yet; organizers add them "
                + "with " : "").newline();
        if (roles.isEmpty()) {
            return text.code(texts.command("role add <name>"));
        }
        ZoneId zone = kit.zoneOf(room);
        Map<String, List<String>> labels = warnings.labels(room);
        for (Role role : roles) {
            text.text("• ").bold(role.name()).text(" (" + role.term().describe() + "): ");
            line(text, role, zone);
            labels.getOrDefault(role.name(), List.of()).forEach(label -> text.text(" · " + label));
            text.newline();
        }
        return text.text("Volunteer with ").code(texts.command("role volunteer <role>")).text("; why in this order: ")
                .code(texts.command("role next <role>")).text(".");
    }

    private void line(RichText text, Role role, ZoneId zone) {
        Optional<Window> window = planner.current(role);
        List<Term> seats = window.map(w -> planner.seats(role, w)).orElse(List.of());
        if (seats.isEmpty()) {
            text.text(store.pool(role.id()).isEmpty() ? "nobody yet — no volunteers"
                    : window.isEmpty() ? "waiting for the next assembly on the calendar"
                    : "nobody eligible now (see " + texts.command("role next " + role.name()) + ")");
            return;
        }
        Window w = window.get();
        String when = w.from().isAfter(kit.now()) ? "from " + RotationTexts.boundary(w.from(), zone) + " until "
                : "until ";
        text.text(RotationTexts.people(seats.stream().map(Term::holder).toList()) + " " + when
                + RotationTexts.boundary(w.to(), zone));
        if (seats.stream().anyMatch(t -> Handover.KEPT.equals(t.reason()))) {
            text.text(" (handover overdue: nobody accepted yet)");
        }
        Optional<Window> next = planner.after(role, w);
        if (next.isEmpty()) {
            return;
        }
        List<Term> successors = planner.seats(role, next.get());
        Set<UserId> named = new HashSet<>();
        if (!successors.isEmpty()) {
            text.text(" · shadow: " + successors.stream().map(t -> t.holder().value() + (t.state() == Term.State.ASKED
                    ? " (asked)" : " (accepted)")).collect(Collectors.joining(", ")));
            successors.forEach(t -> named.add(t.holder()));
        }
        List<UserId> inLine = RotationOrder.pick(planner.inputs(role, next.get(), named), next.get().from(), 1);
        if (!inLine.isEmpty()) {
            text.text(" · next in line: " + inLine.get(0).value());
        }
    }
}
