package org.assemblybot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.assemblybot.adapter.matrix.MatrixStore;
import org.assemblybot.adapter.ops.ListenAddress;
import org.assemblybot.adapter.ops.OpsServer;
import org.assemblybot.adapter.ops.PrometheusMetrics;
import org.assemblybot.adapter.sqlite.DataDirLock;
import org.assemblybot.adapter.sqlite.Database;
import org.assemblybot.adapter.sqlite.Sql;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.ops.SyncHealth;
import org.assemblybot.core.store.Outbox;
import org.assemblybot.testkit.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The picocli command line: generated help, exit codes, verify, export and status. */
class CliTest {
    private static final String ROOM = "!assembly:example.org";
    private static final String PARTNER = "!partners:example.org";

    @TempDir
    Path tmp;

    private final CliRun cli = new CliRun();

    private Path dataDir() {
        return tmp.resolve("data");
    }

    private Path config() throws IOException {
        return CliRun.config(tmp, dataDir(), "", "");
    }

    /** An H2 file where the Matrix adapter keeps its store, with one table, as Trixnity leaves it. */
    private void matrixStore() throws SQLException {
        Path store = dataDir().resolve("matrix");
        try (Connection h2 = DriverManager.getConnection("jdbc:h2:file:" + store.resolve("trixnity"), "", "");
             Statement st = h2.createStatement()) {
            st.execute("CREATE TABLE room_state (id VARCHAR PRIMARY KEY, content VARCHAR)");
            st.execute("INSERT INTO room_state VALUES ('a', 'b')");
        }
    }

    @Test
    void helpIsGeneratedWithEveryCommandAndTheExitCodes() {
        assertEquals(Cli.OK, cli.run("--help"));
        for (String command : new String[] {"run", "check-config", "backup", "verify", "export", "status", "version"}) {
            assertTrue(cli.out().contains("  " + command + " "), command + " in:\n" + cli.out());
        }
        assertTrue(cli.out().contains("Exit codes:"), cli.out());
        assertTrue(cli.out().contains("2   bad usage or configuration"), cli.out());

        assertEquals(Cli.OK, cli.run("help", "verify"));
        assertTrue(cli.out().startsWith("Usage: assembly-bot verify"), cli.out());
        assertEquals(Cli.OK, cli.run("export", "--help"));
        assertTrue(cli.out().contains("--room=ROOM_ID"), cli.out());
    }

    @Test
    void versionBothWays() {
        assertEquals(Cli.OK, cli.run("--version"));
        String flag = cli.out();
        assertEquals(Cli.OK, cli.run("version"));
        assertEquals(flag, cli.out());
        assertTrue(flag.startsWith("assembly-bot "), flag);
    }

    @Test
    void aMisspelledCommandIsABadUsageWithASuggestion() {
        assertEquals(Cli.BAD_USAGE_OR_CONFIG, cli.run("verfy"));
        assertTrue(cli.err().contains("Unknown command 'verfy'."), cli.err());
        assertTrue(cli.err().contains("verify"), cli.err());
        assertEquals(Cli.BAD_USAGE_OR_CONFIG, cli.run("verify", "--config", "x.yaml", "--frob"));
        assertTrue(cli.err().contains("Unknown option: '--frob'"), cli.err());
    }

    @Test
    void verifyPassesOnASoundDatabaseAndStore() throws Exception {
        Database.open(dataDir()).close();
        matrixStore();

        assertEquals(Cli.OK, cli.run("verify", "--config", config().toString()), cli.err());

        assertTrue(cli.out().contains("database " + dataDir().resolve(Database.FILE_NAME) + ": ok"), cli.out());
        assertTrue(cli.out().contains("Matrix store " + MatrixStore.file(dataDir().resolve("matrix")) + ": ok"), cli.out());
        assertEquals("", cli.err());
    }

    @Test
    void verifyFailsOnACorruptedDatabase() throws Exception {
        try (Database db = Database.open(dataDir())) {
            Sql sql = new Sql(db);
            for (int i = 0; i < 2000; i++) {
                sql.update("INSERT INTO processed_events(event_id, room_id, handled_at) VALUES (?, ?, ?)",
                        "$event-" + i, ROOM, i);
            }
            db.checkpoint();
        }
        matrixStore();
        Path file = dataDir().resolve(Database.FILE_NAME);
        try (RandomAccessFile raw = new RandomAccessFile(file.toFile(), "rw")) {
            raw.seek(raw.length() / 2); // index and table pages in the middle
            raw.write(new byte[8192]);
            raw.seek(4096 + 8);
            raw.write(new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff});
        }

        assertEquals(Cli.FAILED, cli.run("verify", "--config", config().toString()));

        assertTrue(cli.out().contains("database " + file + ": "), cli.out());
        assertTrue(cli.err().contains("problem: "), cli.err());
    }

    @Test
    void verifyNamesAMissingMatrixStore() throws Exception {
        Database.open(dataDir()).close();

        assertEquals(Cli.FAILED, cli.run("verify", "--config", config().toString()));

        assertTrue(cli.err().contains("problem: no Matrix store at "), cli.err());
    }

    @Test
    void verifyBesideARunningBotOnlyLooksAtTheMatrixStore() throws Exception {
        Database.open(dataDir()).close();
        matrixStore();
        try (DataDirLock running = DataDirLock.acquire(dataDir())) {
            assertEquals(Cli.OK, cli.run("verify", "--config", config().toString()), cli.err());
        }
        assertTrue(cli.out().contains("the bot is running"), cli.out());
    }

    @Test
    void exportWritesThePublicRecordOfEachRoom() throws Exception {
        try (Database db = Database.open(dataDir())) {
            Sql sql = new Sql(db);
            long june4 = java.time.Instant.parse("2026-06-04T17:00:00Z").toEpochMilli();
            long june11 = java.time.Instant.parse("2026-06-11T17:00:00Z").toEpochMilli();
            sql.update("INSERT INTO rotation_roles(id, room_id, name, name_key, term, seats, shadow, max_terms, "
                    + "checklist, created_by, created_at) VALUES (1, ?, 'Facilitation', 'facilitation', 'assembly', 1,"
                    + " '1 assembly', 1, 'book the room', '@olga:example.org', 0)", ROOM);
            sql.update("INSERT INTO rotation_terms(role_id, seat, holder, starts_at, ends_at, state, reason) VALUES "
                    + "(1, 1, '@dana:example.org', ?, ?, 'ACCEPTED', NULL), "
                    + "(1, 1, '@kim:example.org', ?, ?, 'DECLINED', 'exams that week')", june4, june11, june11, june11);
            sql.update("INSERT INTO vote_votes(id, room_id, kind, question, options, max_choices, created_by, "
                    + "created_at, state, closed_at) VALUES (3, ?, 'VOTE', 'Library *or* park?', ?, 1, "
                    + "'@olga:example.org', ?, 'CLOSED', ?)", ROOM, "library\npark", june4, june4 + 600_000);
            sql.update("INSERT INTO vote_ballots(vote_id, user_id, choice, via_event, cast_at) VALUES "
                    + "(3, '@dana:example.org', 1, '$1', 0), (3, '@ali:example.org', 1, '$2', 0), "
                    + "(3, '@kim:example.org', 2, '$3', 0)");
            sql.update("INSERT INTO vote_votes(id, room_id, kind, question, options, max_choices, created_by, "
                    + "created_at, state, closed_at, secret) VALUES (4, ?, 'VOTE', 'Secret?', ?, 1, "
                    + "'@olga:example.org', ?, 'CLOSED', ?, 1)", ROOM, "yes\nno", june4, june4);
            sql.update("INSERT INTO vote_secret_totals(vote_id, choice, total) VALUES (4, 0, 2), (4, 1, 2)");
            sql.update("INSERT INTO vote_votes(id, room_id, kind, question, options, max_choices, created_by, "
                    + "created_at, state) VALUES (5, ?, 'VOTE', 'Still open', 'a', 1, '@olga:example.org', 0, 'OPEN')",
                    ROOM);
            sql.update("INSERT INTO sync_actions(id, title, t0, notices, zones, origin_room, created_by, state) "
                    + "VALUES (2, 'Minute of silence', ?, '', '', ?, '@olga:example.org', 'DONE')", june11, ROOM);
            sql.update("INSERT INTO sync_rooms(action_id, room_id, state) VALUES (2, ?, 'active'), (2, ?, 'active')",
                    ROOM, PARTNER);
            sql.update("INSERT INTO sync_rsvps(action_id, user_id, room_id) VALUES (2, '@dana:example.org', ?)", ROOM);
        }

        assertEquals(Cli.OK, cli.run("export", "--config", config().toString()), cli.err());

        String md = cli.out();
        assertTrue(md.startsWith("# Public record\n"), md);
        assertTrue(md.contains("## Room `" + ROOM + "`"), md);
        assertTrue(md.contains("- **Facilitation** (term assembly, 1 seat)\n"
                + "  - `@dana:example.org`: 2026-06-04 17:00 UTC – 2026-06-11 17:00 UTC\n"), md);
        assertTrue(md.contains("- #3 vote “Library \\*or\\* park?”, 2026-06-04 17:00 UTC – 2026-06-04 17:10 UTC: "
                + "library 2, park 1; 3 voters"), md);
        assertTrue(md.contains("- #4 secret vote “Secret?”, 2026-06-04 17:00 UTC – 2026-06-04 17:00 UTC: yes 2, no 0;"
                + " 2 voters"), md);
        assertTrue(md.contains("- #2 “Minute of silence” at 2026-06-11 17:00 UTC, done, planned here; rooms: `"
                + ROOM + "`, `" + PARTNER + "`; 1 taking part"), md);
        assertTrue(md.contains("## Room `" + PARTNER + "`"), "the partner room has the action too");
        assertFalse(md.contains("Still open"), "open votes have no result yet");
        assertFalse(md.contains("exams"), "no reasons people typed");
        assertFalse(md.contains("@kim"), "declined requests are not a record of who held a role");

        Path file = tmp.resolve("record.md");
        assertEquals(Cli.OK, cli.run("export", "--config", config().toString(), "--room", PARTNER, "-o", file.toString()));
        String partnerOnly = Files.readString(file);
        assertFalse(partnerOnly.contains("Room `" + ROOM + "`"), partnerOnly);
        assertTrue(partnerOnly.contains("Minute of silence"), partnerOnly);
        assertEquals(Cli.FAILED, cli.run("export", "--config", config().toString(), "-o", file.toString()),
                "an existing file is never overwritten");
    }

    @Test
    void statusShowsOneScreenFromTheMetrics() throws Exception {
        MutableClock clock = MutableClock.at("2026-06-01T10:00:00Z");
        SyncHealth health = new SyncHealth(clock, Duration.ofMinutes(2));
        PrometheusMetrics metrics = new PrometheusMetrics(health, () -> new Outbox.Backlog(2,
                clock.instant().minusSeconds(30)), clock, "9.9.9");
        try (OpsServer server = OpsServer.start(new ListenAddress(InetAddress.getLoopbackAddress(), 0),
                health::status, metrics.registry())) {
            String url = "http://127.0.0.1:" + server.port();
            assertEquals(Cli.FAILED, cli.run("status", "--url", url), "starting: not healthy yet");
            assertTrue(cli.out().contains("UNHEALTHY: starting"), cli.out());

            health.syncCompleted();
            clock.advance(Duration.ofSeconds(3));
            metrics.eventHandled("message");
            metrics.eventHandled("message");
            metrics.eventHandled("reaction");
            metrics.goLateness(new RoomId(ROOM), Duration.ofMillis(42));
            assertEquals(Cli.OK, cli.run("status", "--url", url), cli.err());
        }
        String screen = cli.out();
        assertTrue(screen.startsWith("assembly-bot 9.9.9 at http://127.0.0.1:"), screen);
        assertTrue(screen.contains("healthy: ok: last sync 3 s ago"), screen);
        assertTrue(screen.contains("sync lag          3.0 s"), screen);
        assertTrue(screen.contains("events handled    3 (message 2, reaction 1)"), screen);
        assertTrue(screen.contains("outbox            2 waiting, oldest 30 s"), screen);
        assertTrue(screen.contains("last GO lateness  " + ROOM + " +42 ms"), screen);
        assertTrue(screen.contains("JVM heap"), screen);
    }

    @Test
    void statusNeedsAnEndpoint() throws IOException {
        assertEquals(Cli.BAD_USAGE_OR_CONFIG, cli.run("status"));
        assertEquals(Cli.BAD_USAGE_OR_CONFIG, cli.run("status", "--config", config().toString()));
        assertTrue(cli.err().contains("ops.listen is not set"), cli.err());
        assertEquals(Cli.FAILED, cli.run("status", "--url", "http://127.0.0.1:9"));
        assertTrue(cli.err().contains("cannot reach http://127.0.0.1:9"), cli.err());
    }
}
