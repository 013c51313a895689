package org.assemblybot.core.store;

import java.time.Instant;
import org.assemblybot.core.chat.RoomId;
import org.junit.jupiter.api.BeforeEach;

/** The fixture every store contract shares: a fresh store of type {@code S} per test, and a few values. */
abstract class StoreContract<S> {
    static final RoomId ROOM = new RoomId("!room:example.org");
    static final RoomId OTHER_ROOM = new RoomId("!other:example.org");
    static final Instant T0 = Instant.parse("2025-03-30T01:00:00.123Z");

    S store;

    /** A fresh, empty store of the implementation under test. */
    abstract S newStore();

    @BeforeEach
    void createStore() {
        store = newStore();
    }
}
