package org.assemblybot.core.store;

import org.assemblybot.adapter.sqlite.SqliteProcessedEvents;
import org.assemblybot.adapter.sqlite.SqliteRoomJoins;
import org.assemblybot.adapter.sqlite.SqliteRoomSettings;
import org.assemblybot.testkit.InMemoryProcessedEvents;
import org.assemblybot.testkit.InMemoryRoomJoins;
import org.assemblybot.testkit.InMemoryRoomSettings;
import org.assemblybot.testkit.TestDb;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each store port's contract, run on its in-memory fake and on its SQLite implementation (real database,
 * real migrations), so that tests using the fake test what production does.
 */
class StoreContractsTest {
    @Nested
    class InMemoryProcessedEventsTest extends ProcessedEventsContract {
        @Override
        ProcessedEvents newStore() {
            return new InMemoryProcessedEvents();
        }
    }

    @Nested
    class SqliteProcessedEventsTest extends ProcessedEventsContract {
        @RegisterExtension
        final TestDb testDb = new TestDb();

        @Override
        ProcessedEvents newStore() {
            return new SqliteProcessedEvents(testDb.db());
        }
    }

    @Nested
    class InMemoryRoomJoinsTest extends RoomJoinsContract {
        @Override
        RoomJoins newStore() {
            return new InMemoryRoomJoins();
        }
    }

    @Nested
    class SqliteRoomJoinsTest extends RoomJoinsContract {
        @RegisterExtension
        final TestDb testDb = new TestDb();

        @Override
        RoomJoins newStore() {
            return new SqliteRoomJoins(testDb.db());
        }
    }

    @Nested
    class InMemoryRoomSettingsTest extends RoomSettingsContract {
        @Override
        RoomSettings newStore() {
            return new InMemoryRoomSettings();
        }
    }

    @Nested
    class SqliteRoomSettingsTest extends RoomSettingsContract {
        @RegisterExtension
        final TestDb testDb = new TestDb();

        @Override
        RoomSettings newStore() {
            return new SqliteRoomSettings(testDb.db());
        }
    }
}
