package org.assemblybot.feature.countdown;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.feature.CreatorRedactionNotice;

/** Where synchronized actions live. Every method joins the caller's transaction when there is one. */
interface CountdownStore {
    /** Stores a new action (its id is ignored) and returns the id it got. */
    long create(SyncAction draft);

    Optional<SyncAction> find(long id);

    /** Marks an action intense (planned with {@code --intense}): a care gathering is suggested after it. */
    void markIntense(long id);

    boolean intense(long id);

    /** Planned actions in which {@code room} takes part or is asked to, soonest first. */
    List<SyncAction> plannedIn(RoomId room);

    /** Actions of any state with their T0 in [{@code from}, {@code to}] in which {@code room} takes part. */
    List<SyncAction> dueIn(RoomId room, Instant from, Instant to);

    void setState(long id, SyncAction.State state);

    /** Remembers the {@code !sync plan} command and its thread (null outside threads), for M5. */
    void setCommand(long id, EventId command, EventId threadRoot);

    /** The action that the command {@code command} in {@code room} planned. */
    Optional<CreatorRedactionNotice.Creation> byCommand(RoomId room, EventId command);

    void move(long id, Instant t0);

    void addRoom(long id, RoomId room, SyncRoom.Participation participation);

    /** Every room of the action, active or dropped, in the order they were added. */
    List<SyncRoom> rooms(long id);

    /** The rooms that take part: every step and message of the action addresses only these. */
    default List<SyncRoom> activeRooms(long id) {
        return rooms(id).stream().filter(SyncRoom::active).toList();
    }

    void dropRoom(long id, RoomId room);

    /** Moves the room from one of {@code from} to {@code to}; false if it was in none of them (no change). */
    boolean changeParticipation(long id, RoomId room, Set<SyncRoom.Participation> from,
                                SyncRoom.Participation to);

    /** Records that {@code user} takes part; false if they already did. */
    boolean rsvp(long id, RoomId room, UserId user, EventId via);

    /** Withdraws the RSVP made with the reaction {@code via}; the action's id if there was one. */
    Optional<Long> withdrawRsvp(RoomId room, EventId via);

    /** People who take part, per active room: a dropped room's group no longer counts (M6). */
    Map<RoomId, Integer> rsvpCounts(long id);
}
