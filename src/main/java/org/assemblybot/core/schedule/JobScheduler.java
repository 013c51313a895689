package org.assemblybot.core.schedule;

import java.time.Instant;

/**
 * Fires triggers at instants. An in-memory port: the database is the source of truth (T1), and whoever
 * uses this rebuilds every trigger from it at startup. Scheduling a key again replaces its trigger.
 */
public interface JobScheduler {
    /** Called on the scheduler's own thread when a trigger fires (also late, after a pause). */
    interface Handler {
        void fire(JobKey key, Instant scheduledFor);
    }

    void start(Handler handler);

    void scheduleAt(JobKey key, Instant at);

    void cancel(JobKey key);

    /** Stops firing; lets a running job finish (T5). */
    void shutdown();
}
