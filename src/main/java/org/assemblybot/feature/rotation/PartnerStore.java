package org.assemblybot.feature.rotation;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;

/** Where roles' partner rooms and the volunteers from them live. Every method joins the caller's transaction. */
interface PartnerStore {
    /** Links the role to a partner room, replacing an earlier link. */
    void link(PartnerLink link);

    Optional<PartnerLink> link(long roleId);

    /** Links that name {@code partner} as the partner room, any state. */
    List<PartnerLink> linksTo(RoomId partner);

    /** Moves the link to {@code to}; false when it was not in {@code from} any more. */
    boolean answer(long roleId, PartnerLink.State from, PartnerLink.State to, UserId by, Instant at);

    void unlink(long roleId);

    /** Adds {@code user}, who volunteered in the partner room {@code from}, to the pool; false when already in it. */
    boolean volunteer(long roleId, UserId user, Instant at, RoomId from);

    /** The pool's people who volunteered in a partner room. */
    List<UserId> partnerPeople(long roleId);

    /** Takes everyone who volunteered in a partner room out of the pool; who they were. */
    List<UserId> removePartnerPeople(long roleId);
}
