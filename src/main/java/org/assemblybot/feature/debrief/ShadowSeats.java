package org.assemblybot.feature.debrief;

import java.util.List;
import java.util.Objects;
import org.assemblybot.core.chat.UserId;

/**
 * HOOK for the micro-roles: the shadow seats a person who wished a skill could take in the debrief's micro-roles
 * ("medic team" for "first aid"). The skills side offers the rotating roles' seats itself (through
 * {@link org.assemblybot.core.assembly.AssemblyRoles}) and adds what this returns to the same direct message, so
 * there is one offer, not two mechanisms. {@link #NONE} until it is connected to {@code MicroRoles} in
 * {@link DebriefFeature}. Called in the transaction that stored the wish.
 */
@FunctionalInterface
interface ShadowSeats {
    ShadowSeats NONE = (debrief, tag, person) -> List.of();

    /**
     * The micro-roles of {@code debrief} related to the normalised skill {@code tag} where {@code person} (who
     * wished it) could shadow a holder; never one they hold themselves.
     */
    List<Seat> offers(Debrief debrief, String tag, UserId person);

    /**
     * A seat next to a role's holders.
     *
     * @param role    the role's name as the room knows it
     * @param holders who holds it now (named in the offer)
     * @param command how to take the seat, without the prefix (e.g. {@code signup shadow "medic team"}), or null
     *                when the person should just ask the holders
     */
    record Seat(String role, List<UserId> holders, String command) {
        public Seat {
            Objects.requireNonNull(role, "role");
            holders = List.copyOf(holders);
        }
    }
}
