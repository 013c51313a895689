package org.assemblybot.core.store;

import java.util.function.Supplier;

/**
 * Runs work in one database transaction: everything the work writes through the stores commits together
 * or not at all. Nested calls join the outer transaction. There is one writer (S1), so a transaction holds
 * only database work: whatever talks to the network goes through the outbox or {@link #afterCommit}.
 */
public interface Transactions {
    <T> T inTransaction(Supplier<T> work);

    default void run(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }

    /**
     * Runs {@code action} on this thread once the current (outermost) transaction has committed and released
     * the database — never if it rolls back; at once when no transaction is open. Its failures are logged,
     * never undo the commit. For work that must not hold the database, such as a punctual send.
     */
    void afterCommit(Runnable action);
}
