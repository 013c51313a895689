package org.assemblybot.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.testkit.BotScene;
import org.assemblybot.testkit.Person;

/**
 * Punctuality of a synchronized GO: 10 encrypted rooms, 10 actions a few seconds apart. Prints, for every
 * run, origin_server_ts − T0 of the GO in each room (min, max, spread), then a summary. Run with
 * {@code BENCH=SyncGoBench bench/run [rooms] [runs]}.
 */
public final class SyncGoBench {
    public static void main(String[] args) throws Exception {
        int roomsCount = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 10;
        Path dir = Files.createTempDirectory("assembly-bot-go-bench");
        // An action spans at most countdown.max_rooms rooms (20 by default).
        String countdown = "countdown:\n  max_rooms: " + Math.max(20, roomsCount) + "\n";
        try (BotScene scene = BotScene.start(dir, Map.of(), countdown)) {
            System.out.println("load average at start (1, 5, 15 min): "
                    + Files.readString(Path.of("/proc/loadavg")).trim());
            Person person = scene.person();
            UserId bot = scene.bot();
            List<RoomId> rooms = new ArrayList<>();
            for (int i = 0; i < roomsCount; i++) {
                rooms.add(scene.room("go-" + i, true));
            }
            String partners = rooms.subList(1, rooms.size()).stream().map(RoomId::value).collect(Collectors.joining(" "));
            Instant first = Instant.now().plusSeconds(40).truncatedTo(ChronoUnit.SECONDS);
            List<Instant> t0s = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                Instant t0 = first.plusSeconds(8L * run);
                t0s.add(t0);
                person.say(rooms.get(0), "!sync plan \"Run " + run + "\" " + t0 + " " + partners + " --notices none");
            }
            List<Long> maxima = new ArrayList<>();
            List<Long> spreads = new ArrayList<>();
            // The goals: 0-20 ms for 10 rooms, 0-50 ms for 50; a GO stamped before T0 is a failure too.
            long target = roomsCount <= 10 ? 20 : 50;
            int inTarget = 0;
            int earlyRuns = 0;
            for (int run = 0; run < runs; run++) {
                String marker = "GO — Run " + run + ".";
                List<Long> offsets = new ArrayList<>();
                for (RoomId room : rooms) {
                    ChatEvent.Message go = person.await(m -> m.sender().equals(bot) && m.room().equals(room)
                            && m.replaces() == null && m.body().contains(marker), Duration.ofMinutes(3));
                    offsets.add(Duration.between(t0s.get(run), go.sentAt()).toMillis());
                }
                long min = Collections.min(offsets);
                long max = Collections.max(offsets);
                maxima.add(max);
                spreads.add(max - min);
                if (min >= 0 && max <= target) {
                    inTarget++;
                }
                long early = offsets.stream().filter(o -> o < 0).count();
                if (early > 0) {
                    earlyRuns++;
                }
                System.out.printf("run %d: GO origin_server_ts - T0 over %d rooms: min %d ms, max %d ms, spread %d ms%s%n",
                        run, rooms.size(), min, max, max - min, early > 0 ? ", EARLY in " + early + " rooms" : "");
            }
            Collections.sort(maxima);
            Collections.sort(spreads);
            System.out.printf("%d runs x %d encrypted rooms: worst room per run median %d ms, worst %d ms; "
                            + "spread median %d ms, worst %d ms; within 0-%d ms of T0 in %d of %d runs; "
                            + "runs with an early GO: %d%n",
                    runs, rooms.size(), maxima.get(maxima.size() / 2), maxima.get(maxima.size() - 1),
                    spreads.get(spreads.size() / 2), spreads.get(spreads.size() - 1),
                    target, inTarget, runs, earlyRuns);
            System.out.println("load average (1, 5, 15 min): " + Files.readString(Path.of("/proc/loadavg")).trim());
            System.out.println("bot log: " + dir.resolve("bot-1.log"));
        }
    }
}
