package org.assemblybot.core.schedule;

import java.time.Duration;
import java.time.Instant;

/** A feature's code for its scheduled items. Both methods run inside the transaction that records the run. */
public interface DueHandler {
    /**
     * The occurrence is due (on time, or late but allowed by the item's policy). Write effects and enqueue
     * messages here; derive transaction ids from (item, occurrence) with {@link ScheduledTxn}.
     *
     * @param late how much later than planned it runs (zero or more)
     */
    void onDue(ScheduleItem item, Instant occurrence, Duration late);

    /**
     * The occurrence was not run because it fired too late: MISS_IF_LATE beyond the grace, or a skipped
     * occurrence of a SKIP_TO_NEXT item. Tell the people concerned, once.
     */
    void onMissed(ScheduleItem item, Instant occurrence, Duration late);

    /**
     * The occurrence failed every time it was tried (its transaction rolled back each time), and no further
     * attempt is made until the next start: tell the room it belonged to — nothing may fail silently. Runs in
     * a transaction of its own; {@code errorId} matches the operator's log line.
     */
    default void onGaveUp(ScheduleItem item, Instant occurrence, String errorId) {
    }
}
