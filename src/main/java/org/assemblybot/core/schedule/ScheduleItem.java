package org.assemblybot.core.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.assemblybot.core.chat.RoomId;

/**
 * One scheduled thing, as stored (T1): a one-shot instant in UTC, or a recurrence with its IANA zone.
 *
 * @param id         unique, chosen by the feature (e.g. {@code sync:42:go})
 * @param feature    the owning feature's id; its {@link DueHandler} runs the item
 * @param kind       what the item does, within the feature (e.g. {@code go}, {@code notice})
 * @param ref        the feature's own object this belongs to (e.g. the action id), for cancelling together
 * @param room       the room it concerns, or null when it concerns several
 * @param fireAt     the next occurrence, UTC
 * @param recurrence how the following occurrences are computed, or null for a one-shot item
 * @param misfire    what to do when it fires late
 * @param grace      how late still counts as on time
 * @param state      scheduled, done, missed or cancelled
 */
public record ScheduleItem(String id, String feature, String kind, String ref, RoomId room, Instant fireAt,
                           Recurrence recurrence, MisfirePolicy misfire, Duration grace, State state) {
    public enum State { SCHEDULED, DONE, MISSED, CANCELLED }

    public ScheduleItem {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(feature, "feature");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(fireAt, "fireAt");
        Objects.requireNonNull(misfire, "misfire");
        Objects.requireNonNull(grace, "grace");
        Objects.requireNonNull(state, "state");
    }

    public static ScheduleItem once(String id, String feature, String kind, String ref, RoomId room, Instant at,
                                    MisfirePolicy misfire, Duration grace) {
        return new ScheduleItem(id, feature, kind, ref, room, at, null, misfire, grace, State.SCHEDULED);
    }

    public ScheduleItem withFireAt(Instant next) {
        return new ScheduleItem(id, feature, kind, ref, room, next, recurrence, misfire, grace, state);
    }

    public ScheduleItem withState(State newState) {
        return new ScheduleItem(id, feature, kind, ref, room, fireAt, recurrence, misfire, grace, newState);
    }
}
