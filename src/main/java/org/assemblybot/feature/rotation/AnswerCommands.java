package org.assemblybot.feature.rotation;

import java.util.Optional;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.command.CommandContext;
import org.assemblybot.core.command.Reply;
import org.assemblybot.core.command.UserFacingException;
import org.assemblybot.core.feature.FeatureKit;

/**
 * {@code !role accept|decline} and ✅ on a request: the asked person's answer, and only theirs — accepting a role
 * one was not asked to take is refused and changes nothing.
 */
final class AnswerCommands {
    private static final String CHECK = "✅";

    private final FeatureKit kit;
    private final RoleLookup lookup;
    private final Succession succession;
    private final CycleTexts texts;
    private final RotationChanges changes;

    AnswerCommands(FeatureKit kit, RoleLookup lookup, Succession succession, CycleTexts texts, RotationChanges changes) {
        this.kit = kit;
        this.lookup = lookup;
        this.succession = succession;
        this.texts = texts;
        this.changes = changes;
    }

    Reply accept(CommandContext context) {
        Role role = lookup.role(context);
        Optional<Term> term = succession.successorTerm(role, context.sender());
        if (term.isPresent() && term.get().state() == Term.State.ACCEPTED) {
            return Reply.text("You already accepted " + role.name() + " from " + RotationTexts.boundary(term.get()
                    .from(), kit.zoneOf(role.room())) + ".");
        }
        if (term.isEmpty() || !succession.accept(role, term.get())) {
            throw new UserFacingException("You were not asked to take " + role.name() + ", so there is nothing to "
                    + "accept; nothing changed. `" + kit.command("role next " + role.name()) + "` shows who is asked "
                    + "and who comes next; `" + kit.command("role volunteer " + role.name()) + "` puts you in line.");
        }
        changes.changed(role);
        return Reply.text(texts.acceptedReply(role, term.get(), succession.holders(role, term.get().from()),
                kit.zoneOf(role.room())));
    }

    Reply decline(CommandContext context) {
        Role role = lookup.role(context);
        String reason = Overrides.reason(context.arg(1));
        Optional<Term> term = succession.successorTerm(role, context.sender());
        if (term.isEmpty() || !succession.passOn(role, term.get(), Term.State.DECLINED, "declined", reason)) {
            throw new UserFacingException("You were not asked to take " + role.name() + ", so there is nothing to "
                    + "decline. To leave its pool (and a seat you hold): `" + kit.command("role withdraw "
                    + role.name()) + "`.");
        }
        changes.changed(role);
        return Reply.text(texts.declinedReply(role, term.get(), kit.zoneOf(role.room())));
    }

    /** ✅ by the asked person on the request message accepts; any other reaction, or anyone else's, does nothing. */
    void onReaction(ChatEvent.Reaction reaction) {
        if (!CHECK.equals(reaction.key().replace("\uFE0F", "")) || reaction.sender().equals(kit.self())) {
            return;
        }
        kit.live().keyOf(reaction.room(), reaction.target())
                .flatMap(key -> succession.requestOf(reaction.room(), key))
                .filter(t -> t.holder().equals(reaction.sender()) && t.state() == Term.State.ASKED)
                .ifPresent(t -> lookup.byId(reaction.room(), t.roleId()).ifPresent(role -> {
                    if (succession.accept(role, t)) {
                        changes.changed(role);
                    }
                }));
    }
}
