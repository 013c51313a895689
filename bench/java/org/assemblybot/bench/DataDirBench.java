package org.assemblybot.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.assemblybot.adapter.sqlite.Database;
import org.assemblybot.adapter.sqlite.SqliteOutbox;
import org.assemblybot.adapter.sqlite.SqliteProcessedEvents;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.OutgoingMessage;
import org.assemblybot.core.chat.RoomId;

/**
 * What the data directory's filesystem costs the bot, e.g. an encrypted one: the database work of one command — its
 * transaction (the event marked handled, the reply queued in the outbox) and, after the send, the outbox entry
 * removed — with the production database and its settings, in two directories, alternating command by command so
 * that a busy machine weighs on both alike. Prints median and p95 per directory and their ratio.
 *
 * <p>{@code BENCH=DataDirBench bench/run <dir A> <dir B> [commands]} (default 500).
 */
public final class DataDirBench {
    private static final RoomId ROOM = new RoomId("!bench:localhost");

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: DataDirBench <dir A> <dir B> [commands]");
            System.exit(2);
        }
        int commands = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        List<Place> places = List.of(new Place(Path.of(args[0])), new Place(Path.of(args[1])));
        for (int i = 0; i < 50; i++) { // warm-up: JIT, page cache, the database's first pages
            for (Place place : places) {
                place.command("warm" + i);
            }
        }
        for (Place place : places) {
            place.times.clear();
        }
        for (int i = 0; i < commands; i++) {
            for (Place place : places) {
                place.command("c" + i);
            }
        }
        System.out.printf("%d commands each, alternating; load average (1, 5, 15 min): %s%n", commands,
                Files.readString(Path.of("/proc/loadavg")).strip());
        for (Place place : places) {
            System.out.printf("%-40s median %.2f ms, p95 %.2f ms%n", place.dir, place.percentile(50),
                    place.percentile(95));
            place.close();
        }
        System.out.printf("ratio B/A: median %.2f, p95 %.2f%n", places.get(1).percentile(50) / places.get(0)
                .percentile(50), places.get(1).percentile(95) / places.get(0).percentile(95));
    }

    private static final class Place {
        final Path dir;
        final Path dataDir;
        final Database db;
        final SqliteOutbox outbox;
        final SqliteProcessedEvents processed;
        final List<Long> times = new ArrayList<>();

        Place(Path dir) throws Exception {
            this.dir = dir;
            this.dataDir = Files.createTempDirectory(dir, "assembly-bot-datadir-bench");
            this.db = Database.open(dataDir);
            this.outbox = new SqliteOutbox(db);
            this.processed = new SqliteProcessedEvents(db);
        }

        void command(String id) {
            long start = System.nanoTime();
            Instant now = Instant.now();
            String txnId = "bench-" + id;
            db.run(() -> {
                processed.markHandled(ROOM, new EventId("$" + id), now);
                outbox.enqueue(txnId, ROOM, OutgoingMessage.notice("pong", null), now);
            });
            db.run(() -> outbox.remove(txnId)); // sent: the relay's own commit
            times.add(System.nanoTime() - start);
        }

        double percentile(int p) {
            long[] sorted = times.stream().mapToLong(Long::longValue).sorted().toArray();
            int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
        }

        void close() throws Exception {
            db.close();
            try (var files = Files.walk(dataDir)) {
                files.sorted((a, b) -> b.compareTo(a)).forEach(p -> p.toFile().delete());
            }
        }
    }

    private DataDirBench() {
    }
}
