package org.assemblybot.feature.debrief;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;

/** The debriefs themselves, and what retention and {@code !forget me} delete; called in the caller's transaction. */
interface DebriefStore {
    /** Stores a new debrief; returns it with its id. */
    Debrief create(Debrief draft);

    Optional<Debrief> debrief(long id);

    /** Saves every field of a stored debrief. */
    void save(Debrief debrief);

    /** The room's debriefs, the latest first, at most {@code limit}. */
    List<Debrief> inRoom(RoomId room, int limit);

    /** The debrief that follows synchronized action {@code actionId}, if one was started. */
    Optional<Debrief> forAction(RoomId room, long actionId);

    /** Debriefs whose roles ended before {@code before} and whose signups and tags are still kept. */
    List<Debrief> dueForPurge(Instant before);

    /**
     * Keeps the anonymous counts of the debrief (people who held micro-roles, terms held, newcomers, skills used and
     * wished), then deletes its signups, skill tags and question progress (retention).
     */
    void purge(long debriefId);

    /** The anonymous counts kept for a debrief, once purged. */
    Optional<Counts> counts(long debriefId);

    /** {@code !forget me}: the person's signups, skill tags and progress in every debrief of the room; how many rows. */
    int forget(RoomId room, UserId person);

    /** The rooms whose debriefs keep something about the person: signups, skill tags, progress, invitations. */
    java.util.List<RoomId> roomsKeeping(UserId person);

    /** The bot left the room: everything about it goes (M6). */
    void forgetRoom(RoomId room);

    /** What stays of a debrief after retention. */
    record Counts(int people, int rolesHeld, int newcomers, int skillsUsed, int skillsWished) {
    }
}
