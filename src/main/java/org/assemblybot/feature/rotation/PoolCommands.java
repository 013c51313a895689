package org.assemblybot.feature.rotation;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.assemblybot.core.command.CommandContext;
import org.assemblybot.core.command.Reply;
import org.assemblybot.core.feature.FeatureKit;

/**
 * {@code !role volunteer|withdraw|away|back}: everyone, for themselves only — nobody is put in a pool, or marked
 * away, by someone else (consent first).
 */
final class PoolCommands {
    private final FeatureKit kit;
    private final RotationStore store;
    private final RoleLookup lookup;
    private final RotationPlanner planner;
    private final RotationChanges changes;

    PoolCommands(FeatureKit kit, RotationStore store, RoleLookup lookup, RotationPlanner planner,
                 RotationChanges changes) {
        this.kit = kit;
        this.store = store;
        this.lookup = lookup;
        this.planner = planner;
        this.changes = changes;
    }

    Reply volunteer(CommandContext context) {
        Role role = lookup.role(context);
        boolean partner = !role.room().equals(context.room());
        if (!(partner ? store.partners().volunteer(role.id(), context.sender(), kit.now(), context.room())
                : store.volunteer(role.id(), context.sender(), kit.now()))) {
            return Reply.text("You are already in the pool for " + role.name() + ".");
        }
        changes.changed(role);
        int size = store.pool(role.id()).size();
        String holding = planner.current(role).flatMap(w -> planner.seats(role, w).stream()
                        .filter(t -> t.holder().equals(context.sender())).findFirst())
                .map(t -> " You hold it " + (t.from().isAfter(kit.now()) ? "from " + RotationTexts.boundary(t.from(),
                        kit.zoneOf(role.room())) + " " : "now, ") + "until " + RotationTexts.boundary(t.to(),
                        kit.zoneOf(role.room())) + ".")
                .orElse(" `" + kit.command("role next " + role.name() + (partner ? " --for " + role.room().value()
                        : "")) + "` shows when your turn comes.");
        return Reply.text("You are in the pool for " + role.name() + " (" + size + (size == 1 ? " person" : " people")
                + ")." + holding);
    }

    Reply withdraw(CommandContext context) {
        Role role = lookup.role(context);
        if (!store.withdraw(role.id(), context.sender())) {
            return Reply.text("You are not in the pool for " + role.name() + ".");
        }
        boolean held = changes.release(role, context.sender(), "withdrew");
        changes.changed(role);
        return Reply.text("You left the pool for " + role.name() + "." + (held ? " Your seat passes to the next in "
                + "line." : ""));
    }

    Reply away(CommandContext context) {
        List<String> words = new ArrayList<>(context.words());
        AwayInput.Parsed away = AwayInput.parse(words, kit.now(), zone(context), kit.time());
        store.setAway(context.room(), new Away(context.sender(), kit.now(), away.until(), away.reason()));
        changes.roomChanged(context.room());
        return Reply.text("Away until " + RotationTexts.boundary(away.until(), zone(context)) + ": you are not picked "
                + "for terms that start before then; terms you hold stay yours. `" + kit.command("role back")
                + "` ends it early." + (away.reason() == null ? "" : " Your reason is stored and shown with it."));
    }

    Reply back(CommandContext context) {
        if (!store.back(context.room(), context.sender())) {
            return Reply.text("You were not marked away here.");
        }
        changes.roomChanged(context.room());
        return Reply.text("Welcome back: you can be picked again.");
    }

    private ZoneId zone(CommandContext context) {
        return kit.zoneOf(context.room());
    }
}
