package org.assemblybot.feature.debrief;

import java.time.ZoneId;
import java.util.List;
import java.util.stream.Collectors;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.live.LiveKey;
import org.assemblybot.core.text.RichText;

/**
 * The board of a debrief's micro-roles: one message, posted with its first role and edited in place on each change,
 * showing each role's slots taken and free (medic team 2/4), who holds it and until when, who shadows and who waits.
 * People are named by their full user id as plain text: a board edited twenty times must not ping anyone.
 */
final class RoleBoard {
    private final FeatureKit kit;
    private final SqliteMicroRoleStore store;
    private final MicroRoleTexts texts;

    RoleBoard(FeatureKit kit, SqliteMicroRoleStore store, MicroRoleTexts texts) {
        this.kit = kit;
        this.store = store;
        this.texts = texts;
    }

    static LiveKey key(long debriefId) {
        return new LiveKey(DebriefFeature.ID, "board:" + debriefId);
    }

    /** Posts the board the first time, edits it later. */
    void show(Debrief d) {
        kit.live().show(key(d.id()), d.room(), render(d));
    }

    /** Edits the board if it was posted. */
    void update(Debrief d) {
        kit.live().update(key(d.id()), d.room(), render(d));
    }

    RichText render(Debrief d) {
        boolean over = d.rolesEnd() != null && !d.rolesEnd().isAfter(kit.now());
        ZoneId zone = kit.zoneOf(d.room());
        RichText text = RichText.create().text("🙌 ").bold("Micro-roles").text(" from debrief ").bold(d.label())
                .text(over ? " — over, thank you all" : "");
        for (MicroRole role : store.roles(d.id())) {
            List<Signup> active = store.active(role.id());
            List<Signup> holders = of(active, Signup.Kind.HOLDER);
            int free = role.slots() - holders.size();
            text.newline().text("• ").bold(role.name()).text(" " + holders.size() + "/" + role.slots()
                    + (over ? "" : " (" + (free > 0 ? free + " free" : "full") + ", terms of " + role.days() + " days)"));
            if (!holders.isEmpty()) {
                text.text(": " + holders.stream().map(s -> s.user().value() + " until "
                        + DebriefTexts.when(s.endsAt(), zone)).collect(Collectors.joining(", ")));
            }
            names(text, " · shadowing: ", of(active, Signup.Kind.SHADOW));
            names(text, " · waiting: ", of(active, Signup.Kind.WAITING));
        }
        if (!over) {
            text.newline().text("Sign up with ").code(texts.command("signup <role>")).text(" · leave: ")
                    .code(texts.command("signup drop <role>")).text(" · another term: ")
                    .code(texts.command("signup renew <role>"));
        }
        return text;
    }

    private static List<Signup> of(List<Signup> active, Signup.Kind kind) {
        return active.stream().filter(s -> s.kind() == kind).toList();
    }

    private static void names(RichText text, String label, List<Signup> signups) {
        if (!signups.isEmpty()) {
            text.text(label + signups.stream().map(s -> s.user().value()).collect(Collectors.joining(", ")));
        }
    }
}
