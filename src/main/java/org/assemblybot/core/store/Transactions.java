package org.assemblybot.core.store;

import java.util.function.Supplier;

/**
 * Runs work in one database transaction: everything the work writes through the stores commits together
 * or not at all. Nested calls join the outer transaction. There is one writer (S1).
 */
public interface Transactions {
    <T> T inTransaction(Supplier<T> work);

    default void run(Runnable work) {
        inTransaction(() -> {
            work.run();
            return null;
        });
    }
}
