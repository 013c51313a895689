package org.assemblybot.core.schedule;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Where schedule items live (T1). Every method joins the caller's transaction when there is one. */
public interface ScheduleStore {
    /** Inserts or replaces the item with this id. */
    void save(ScheduleItem item);

    Optional<ScheduleItem> find(String id);

    /** Every item in state SCHEDULED, by fire time. */
    List<ScheduleItem> scheduled();

    /** The feature's items for one of its objects, by fire time. */
    List<ScheduleItem> byRef(String feature, String ref);

    /**
     * Records that {@code occurrence} of the item has run; false when it already had (T4: firing the same
     * trigger twice yields one effect).
     */
    boolean markOccurrence(String itemId, Instant occurrence);

    /**
     * Records that {@code occurrence} of the item did not run because it fired too late (T2: nothing is
     * dropped silently); {@code outcome} is {@code missed} (MISS_IF_LATE) or {@code skipped} (SKIP_TO_NEXT).
     * False when that occurrence already has a record.
     */
    boolean recordMiss(String itemId, Instant occurrence, String outcome);
}
