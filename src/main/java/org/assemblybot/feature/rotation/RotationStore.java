package org.assemblybot.feature.rotation;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;

/** Where roles, pools, away periods, terms and overrides live. Every method joins the caller's transaction. */
interface RotationStore {
    /** Stores a new role and returns it with its id; the name must be free in the room. */
    Role create(Role draft);

    /** Saves changed settings of a stored role (name, term, seats, shadow, max terms, checklist). */
    void update(Role role);

    /** Deletes the role with its pool, terms and history. */
    void delete(long roleId);

    Optional<Role> role(long roleId);

    /** The room's role named {@code name}, ignoring case. */
    Optional<Role> role(RoomId room, String name);

    /** The room's roles, in the order they were added. */
    List<Role> roles(RoomId room);

    /** Rooms that have roles. */
    List<RoomId> rooms();

    /** Adds {@code user} to the pool; false when they already are in it. */
    boolean volunteer(long roleId, UserId user, Instant at);

    /** Takes {@code user} out of the pool; false when they were not in it. */
    boolean withdraw(long roleId, UserId user);

    /** The pool in the order of volunteering. */
    List<Volunteer> pool(long roleId);

    /** Replaces {@code user}'s away period in {@code room}. */
    void setAway(RoomId room, Away away);

    /** Ends {@code user}'s away period; false when there was none. */
    boolean back(RoomId room, UserId user);

    List<Away> away(RoomId room);

    /** Stores a term (its id is ignored) and returns it with its id. */
    Term addTerm(Term draft);

    /** Moves a term to {@code state}, with an optional reason; false when it was not in {@code from} any more. */
    boolean changeTerm(long termId, Term.State from, Term.State to, Instant at, String reason);

    /** Moves the role's terms that start at {@code from} to {@code newFrom} … {@code newTo} (assemblies moved). */
    void retime(long roleId, Instant from, Instant newFrom, Instant newTo);

    /** Every term of the role, by start then seat. */
    List<Term> terms(long roleId);

    void record(long roleId, RoleOverride entry);

    /** The role's overrides, oldest first. */
    List<RoleOverride> overrides(long roleId);

    /** What the organizers were last warned about in {@code room}, by subject and kind ({@link RotationWarnings}). */
    Map<RotationWarnings.Key, RotationWarnings.Stored> warnings(RoomId room);

    /** Remembers the state of one warning, and whether the organizers were told about it. */
    void setWarning(RoomId room, RotationWarnings.Key key, RotationWarnings.Stored state, Instant at);
    /** Roles' partner rooms and the volunteers from them. */
    PartnerStore partners();

    /** Everything of the room (M6: the bot left it). */
    void deleteRoom(RoomId room);
}
