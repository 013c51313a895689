package org.assemblybot.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.assemblybot.core.chat.EventId;
import org.junit.jupiter.api.Test;

/** What every {@link ProcessedEvents} does; {@link StoreContractsTest} runs it on each implementation. */
abstract class ProcessedEventsContract extends StoreContract<ProcessedEvents> {
    @Test
    void marksAnEventOnce() {
        EventId event = new EventId("$e1");
        assertFalse(store.isHandled(event));
        assertTrue(store.markHandled(ROOM, event, T0));
        assertFalse(store.markHandled(ROOM, event, T0.plusSeconds(1)));
        assertTrue(store.isHandled(event));
    }

    @Test
    void anEventIdIsHandledWhateverTheRoom() {
        EventId event = new EventId("$e1");
        assertTrue(store.markHandled(ROOM, event, T0));
        assertFalse(store.markHandled(OTHER_ROOM, event, T0));
    }

    @Test
    void markingOneEventLeavesOthersUnhandled() {
        store.markHandled(ROOM, new EventId("$e1"), T0);
        assertFalse(store.isHandled(new EventId("$e2")));
    }

    @Test
    void prunesOnlyEntriesOlderThanTheCutoff() {
        store.markHandled(ROOM, new EventId("$old"), T0);
        store.markHandled(OTHER_ROOM, new EventId("$older"), T0.minusSeconds(60));
        store.markHandled(ROOM, new EventId("$new"), T0.plusMillis(1));

        assertEquals(2, store.pruneOlderThan(T0.plusMillis(1), 100));

        assertFalse(store.isHandled(new EventId("$old")));
        assertFalse(store.isHandled(new EventId("$older")));
        assertTrue(store.isHandled(new EventId("$new")), "an entry at the cutoff stays");
        assertEquals(0, store.pruneOlderThan(T0.plusMillis(1), 100));
    }

    @Test
    void aPrunedEventCanBeMarkedAgain() {
        EventId event = new EventId("$e1");
        store.markHandled(ROOM, event, T0);
        store.pruneOlderThan(T0.plusSeconds(1), 100);
        assertTrue(store.markHandled(ROOM, event, T0.plusSeconds(2)));
    }

    @Test
    void prunesAtMostTheLimitOldestFirst() {
        for (int i = 0; i < 5; i++) {
            store.markHandled(ROOM, new EventId("$e" + i), T0.plusSeconds(i));
        }
        store.markHandled(ROOM, new EventId("$kept"), T0.plusSeconds(10));

        assertEquals(2, store.pruneOlderThan(T0.plusSeconds(10), 2));
        assertFalse(store.isHandled(new EventId("$e0")));
        assertFalse(store.isHandled(new EventId("$e1")));
        assertTrue(store.isHandled(new EventId("$e2")), "the limit stopped before the newer ones");

        assertEquals(3, store.pruneOlderThan(T0.plusSeconds(10), 5));
        assertEquals(0, store.pruneOlderThan(T0.plusSeconds(10), 5));
        assertTrue(store.isHandled(new EventId("$kept")));
    }
}
