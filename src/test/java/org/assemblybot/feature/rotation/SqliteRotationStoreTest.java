package org.assemblybot.feature.rotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.assemblybot.adapter.sqlite.StorageException;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.testkit.TestDb;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The rotation tables on real SQLite with the real migrations. */
class SqliteRotationStoreTest {
    private static final RoomId ROOM = new RoomId("!a:example.org");
    private static final UserId OLGA = new UserId("@olga:example.org");
    private static final UserId DANA = new UserId("@dana:example.org");
    private static final Instant T = Instant.parse("2026-06-01T10:00:00Z");

    @RegisterExtension
    final TestDb testDb = new TestDb();

    private Role draft(String name) {
        return new Role(0, ROOM, name, TermLength.parse("2w"), 2, Shadow.parse("1 assembly"), null,
                List.of("keys", "agenda"), OLGA, T);
    }

    @Test
    void rolesAreUniquePerRoomIgnoringCaseAndKeepTheirSettings() {
        SqliteRotationStore store = new SqliteRotationStore(testDb.db());
        Role role = store.create(draft("Facilitation"));
        assertEquals(role, store.role(ROOM, "FACILITATION").orElseThrow());
        assertThrows(StorageException.class, () -> store.create(draft("facilitation")));
        store.update(new Role(role.id(), ROOM, "Facilitation", TermLength.parse("assembly"), 1, Shadow.parse("3d"), 2,
                List.of(), OLGA, T));
        Role changed = store.role(role.id()).orElseThrow();
        assertEquals("assembly", changed.term().stored());
        assertEquals("3d", changed.shadow().stored());
        assertEquals(2, changed.maxTerms());
        assertEquals(List.of(), changed.checklist());
    }

    @Test
    void poolTermsHistoryAndAwayGoWithTheRoom() {
        SqliteRotationStore store = new SqliteRotationStore(testDb.db());
        Role role = store.create(draft("Notes"));
        assertTrue(store.volunteer(role.id(), DANA, T));
        assertFalse(store.volunteer(role.id(), DANA, T));
        Term term = store.addTerm(new Term(0, role.id(), 1, DANA, T, T.plusSeconds(60), Term.State.ASKED, T, null));
        assertTrue(store.changeTerm(term.id(), Term.State.ASKED, Term.State.DECLINED, T, "busy"));
        assertFalse(store.changeTerm(term.id(), Term.State.ASKED, Term.State.ACCEPTED, T, null));
        assertEquals("busy", store.terms(role.id()).get(0).reason());
        store.record(role.id(), new RoleOverride(T, RoleOverride.Kind.SKIP, OLGA, DANA, null, "ill"));
        store.setAway(ROOM, new Away(DANA, T, T.plusSeconds(99), "holiday"));
        assertEquals(1, store.overrides(role.id()).size());
        store.deleteRoom(ROOM);
        assertTrue(store.roles(ROOM).isEmpty());
        assertTrue(store.away(ROOM).isEmpty());
        assertTrue(store.pool(role.id()).isEmpty());
        assertTrue(store.terms(role.id()).isEmpty());
    }
}
