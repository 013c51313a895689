package org.assemblybot.testkit;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;

/**
 * Synchronized actions in encrypted rooms while the bot is killed (SIGKILL, no shutdown) and started again at
 * pseudo-random moments, many of them in the second before a GO. All actions are planned first, their T0s a few
 * seconds apart; then the bot is killed and restarted until the last T0 has passed; then the person's client
 * counts what each room received. The moments come from a seeded {@link Random}: the seed and every kill are
 * printed, so a failure can be replayed (the moments relative to the T0s, not the exact ones: a restart takes as
 * long as it takes).
 */
public final class KillChaos {
    /** How long planning one action takes, about, on a busy machine (the answer, then a pause for the throttle). */
    private static final Duration PLAN_TIME = Duration.ofMillis(2_500);
    private static final int ACTIONS_PER_ROOM = 10; // the feature's own limit of planned actions per room (P5)
    private static final Duration WAIT = Duration.ofSeconds(90);
    /** After the last expected message: long enough for a duplicate (a resend after a restart) to show up. */
    private static final Duration SETTLE = Duration.ofSeconds(5);
    /**
     * A T0 at least this far from sending its plan: the feature's 20 s, and room for a slow answer (planning slows
     * down once GOs begin: the bot's other messages wait around each GO). If planning falls behind, later T0s move.
     */
    private static final Duration PLAN_LEAD = Duration.ofSeconds(26);
    /** Per person and room, the bot runs 10 commands in 30 s (P5); the plans keep under that. */
    private static final Duration PER_ROOM_COMMAND_GAP = Duration.ofMillis(3_200);
    private static final Pattern PLANNED = Pattern.compile("Planned #(\\d+)");

    /** One planned action, in the rooms of its pair. */
    public record Action(int index, String title, long id, Instant t0, List<RoomId> rooms) {
    }

    /**
     * One kill: when it landed relative to the nearest T0, in which window of that GO, whether the killed
     * process had already logged sending that GO, and how long the restart took.
     */
    public record Kill(int number, Action nearest, long offsetMillis, String window, boolean goSentBefore,
                       Duration restart) {
    }

    /** What one room received for one action. */
    public record Outcome(Action action, RoomId room, int gos, int missedGos, int failed, int ends, int missedEnds,
                          int notices, int countdowns, Long goLatenessMillis, boolean goEncrypted) {
    }

    public record Report(long seed, List<Action> actions, List<Kill> kills, List<Outcome> outcomes, Duration wall) {
    }

    private final BotScene scene;
    private final Random random;
    private final long seed;
    private final PrintStream out;
    private final Duration stagger;

    /**
     * @param stagger between two T0s: short, and a restart spans several GOs (they go out late, or are announced
     *                as missed); longer than a restart, and every GO can get a kill of its own
     */
    public KillChaos(BotScene scene, long seed, Duration stagger, PrintStream out) {
        this.scene = scene;
        this.seed = seed;
        this.random = new Random(seed);
        this.stagger = stagger;
        this.out = out;
    }

    /** The seed from the system property {@code chaos.seed}, or a new one. */
    public static long seed() {
        Long given = Long.getLong("chaos.seed");
        return given != null ? given : new Random().nextLong();
    }

    /** Plans {@code runs} actions, kills the bot around their GOs, and reports what every room received. */
    public Report run(int runs) {
        long started = System.nanoTime();
        out.println("kill chaos: seed " + seed + " (replay with -Dchaos.seed=" + seed + "), " + runs + " actions");
        List<Action> actions = plan(runs);
        List<Kill> kills = killUntil(actions, actions.get(actions.size() - 1).t0().plusSeconds(2));
        List<Outcome> outcomes = collect(actions);
        Report report = new Report(seed, actions, kills, outcomes, Duration.ofNanos(System.nanoTime() - started));
        summarize(report);
        return report;
    }

    // ---------------------------------------------------------------------------------------------
    // Planning

    private List<Action> plan(int runs) {
        Person person = scene.person();
        int pairs = (runs + ACTIONS_PER_ROOM - 1) / ACTIONS_PER_ROOM;
        List<List<RoomId>> rooms = new ArrayList<>();
        for (int pair = 0; pair < pairs; pair++) {
            rooms.add(List.of(scene.room("chaos-origin-" + pair, true), scene.room("chaos-partner-" + pair, true)));
        }
        // The kills begin once all is planned: the first T0 leaves time to plan them all, so that every GO can meet one.
        Instant first = Instant.now().plus(PLAN_LEAD).plus(PLAN_TIME.multipliedBy(runs)).truncatedTo(ChronoUnit.SECONDS);
        List<Action> actions = new ArrayList<>();
        Instant previous = null;
        for (int i = 0; i < runs; i++) {
            List<RoomId> pair = rooms.get(i % pairs);
            String title = String.format("Chaos-%02d", i);
            Instant t0 = latest(first.plus(stagger.multipliedBy(i)), previous == null ? null : previous.plus(stagger),
                    Instant.now().plus(PLAN_LEAD).truncatedTo(ChronoUnit.SECONDS).plusSeconds(1));
            person.say(pair.get(0), "!sync plan \"" + title + "\" " + t0 + " " + pair.get(1).value()
                    + " --notices 10s --duration 3s");
            ChatEvent.Message planned = person.await(fromBot(pair.get(0), "Planned #", title)
                    .or(fromBot(pair.get(0), "Plan at least")).or(fromBot(pair.get(0), "Slow down"))
                    .or(fromBot(pair.get(0), "already takes part")), WAIT);
            Matcher id = PLANNED.matcher(planned.body());
            if (!id.find()) {
                throw new AssertionError("the bot did not plan " + title + ": " + planned.body());
            }
            actions.add(new Action(i, title, Long.parseLong(id.group(1)), t0, pair));
            previous = t0;
            pace(pairs);
        }
        out.println("planned " + runs + " actions in " + rooms.size() * 2 + " encrypted rooms, T0 from "
                + actions.get(0).t0() + " to " + actions.get(runs - 1).t0() + " (" + stagger.toSeconds()
                + " s apart or more); the last planned "
                + Duration.between(Instant.now(), actions.get(runs - 1).t0()).toSeconds() + " s before its T0");
        return actions;
    }

    private static Instant latest(Instant... candidates) {
        Instant latest = Instant.MIN;
        for (Instant candidate : candidates) {
            latest = candidate != null && candidate.isAfter(latest) ? candidate : latest;
        }
        return latest;
    }

    /** Spaces the plans so that no room gets more commands than the bot's throttle lets through. */
    private static void pace(int rooms) {
        sleep(PER_ROOM_COMMAND_GAP.dividedBy(rooms));
    }

    // ---------------------------------------------------------------------------------------------
    // Killing

    private List<Kill> killUntil(List<Action> actions, Instant stopAt) {
        List<Kill> kills = new ArrayList<>();
        while (true) {
            Instant target = nextTarget(actions, Instant.now(), kills.isEmpty());
            if (target == null || target.isAfter(stopAt)) {
                return kills;
            }
            sleepUntil(target);
            BotProcess victim = scene.process();
            Instant at = Instant.now();
            victim.kill();
            long restarting = System.nanoTime();
            scene.startBot();
            Action nearest = nearest(actions, at);
            long offset = Duration.between(nearest.t0(), at).toMillis();
            boolean goSent = victim.log().contains("sync action #" + nearest.id() + ": GO sent");
            Kill kill = new Kill(kills.size() + 1, nearest, offset, window(offset), goSent,
                    Duration.ofNanos(System.nanoTime() - restarting));
            kills.add(kill);
            out.printf("kill %2d: %+6d ms from T0 of %s (%s)%s; ready again after %d ms%n", kill.number(), offset,
                    nearest.title(), kill.window(), goSent ? ", its GO already sent" : "", kill.restart().toMillis());
        }
    }

    /**
     * The next moment to kill: mostly in the last second before a GO (the GO step queues the GOs about 0.45 s
     * before T0 and sends them at T0 − lead), else while the GO is being prepared, just after it, or anywhere.
     */
    private Instant nextTarget(List<Action> actions, Instant now, boolean first) {
        int pick = first ? 20 : random.nextInt(100); // the first kill always lands in a GO step
        if (pick < 20) {
            return now.plusMillis(random.nextInt(4_000));
        }
        long before;
        if (pick < 60) {
            before = random.nextInt(450);               // the GO step and the sends
        } else if (pick < 80) {
            before = 450 + random.nextInt(1_550);       // preparing: the GO encrypted for every room
        } else {
            before = -random.nextInt(1_000);            // just after the GO: confirmations, the live edits
        }
        for (Action action : actions) {
            Instant at = action.t0().minusMillis(before);
            if (at.isAfter(now.plusMillis(50))) {
                return at;
            }
        }
        return null;
    }

    private static Action nearest(List<Action> actions, Instant at) {
        Action best = actions.get(0);
        for (Action action : actions) {
            if (Duration.between(action.t0(), at).abs().compareTo(Duration.between(best.t0(), at).abs()) < 0) {
                best = action;
            }
        }
        return best;
    }

    /** The GO's windows: prepared from T0 − 2 s, queued from T0 − 0.45 s, sent at T0 − lead. */
    static String window(long offsetMillis) {
        if (offsetMillis >= -450 && offsetMillis < 0) {
            return "GO step";
        }
        if (offsetMillis >= -2_000 && offsetMillis < -450) {
            return "preparing";
        }
        if (offsetMillis >= 0 && offsetMillis <= 1_000) {
            return "after GO";
        }
        return "elsewhere";
    }

    /** A kill at a planned moment: the wait is the point here, not a way to wait for the bot. */
    private static void sleepUntil(Instant target) {
        long millis = Duration.between(Instant.now(), target).toMillis();
        if (millis > 0) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Counting

    private List<Outcome> collect(List<Action> actions) {
        Person person = scene.person();
        for (Action action : actions) {
            for (RoomId room : action.rooms()) {
                person.await(fromBot(room, "GO — " + action.title()).or(missedGo(room, action)), WAIT);
                person.await(fromBot(room, action.title(), " ends now").or(fromBot(room, "missed the end signal of "
                        + action.title())).or(missedGo(room, action)), WAIT);
            }
        }
        sleep(SETTLE);
        List<Outcome> outcomes = new ArrayList<>();
        for (Action action : actions) {
            for (RoomId room : action.rooms()) {
                List<ChatEvent.Message> gos = person.received(fromBot(room, "GO — " + action.title()));
                ChatEvent.Message go = gos.isEmpty() ? null : gos.get(0);
                outcomes.add(new Outcome(action, room, gos.size(),
                        person.received(missedGo(room, action)).size(),
                        person.received(fromBot(room, "#" + action.id() + " ", "could not be sent")).size(),
                        person.received(fromBot(room, action.title(), " ends now")).size(),
                        person.received(fromBot(room, "missed the end signal of " + action.title())).size(),
                        person.received(fromBot(room, "\u23F3 " + action.title() + ": GO in")).size(),
                        person.received(fromBot(room, "\u23F1 " + action.title())).size(),
                        go == null ? null : Duration.between(action.t0(), go.sentAt()).toMillis(),
                        go != null && go.encrypted()));
            }
        }
        return outcomes;
    }

    /**
     * Where the rooms' messages break the feature's contract, one line each (empty when none): per room of every
     * action exactly one of a GO — encrypted, stamped no earlier than T0 (half a second of tolerance) and within
     * {@code maxGoLateness} — or a notice that it was missed; no failed GO; one END after a GO and none after a
     * missed one; at most one T-minus notice and one live countdown message.
     */
    public static List<String> violations(Report report, Duration maxGoLateness) {
        List<String> found = new ArrayList<>();
        for (Outcome room : report.outcomes()) {
            String where = room.action().title() + " (#" + room.action().id() + ") in " + room.room() + ": ";
            if (room.gos() + room.missedGos() != 1) {
                found.add(where + room.gos() + " GOs and " + room.missedGos() + " missed notices");
            }
            if (room.failed() > 0) {
                found.add(where + room.failed() + " notices that the GO failed");
            }
            if (room.gos() == 1) {
                long late = room.goLatenessMillis();
                if (!room.goEncrypted() || late <= -500 || late > maxGoLateness.toMillis()) {
                    found.add(where + "GO stamped " + late + " ms after T0, encrypted " + room.goEncrypted());
                }
            }
            int expectedEnds = room.gos() == 1 && room.missedGos() == 0 ? 1 : 0;
            if (room.ends() != expectedEnds || room.missedEnds() != 0) {
                found.add(where + room.ends() + " ENDs and " + room.missedEnds() + " missed ENDs");
            }
            if (room.notices() > 1 || room.countdowns() > 1) {
                found.add(where + room.notices() + " T-minus notices, " + room.countdowns() + " countdown messages");
            }
        }
        return found;
    }

    private Predicate<ChatEvent.Message> missedGo(RoomId room, Action action) {
        return fromBot(room, "The GO for synchronized action #" + action.id() + " ", "was not sent");
    }

    /** A notice from the bot in {@code room}, not an edit, containing every one of {@code parts}. */
    private Predicate<ChatEvent.Message> fromBot(RoomId room, String... parts) {
        UserId bot = scene.bot();
        return m -> {
            if (!m.isNotice() || !m.sender().equals(bot) || !m.room().equals(room) || m.replaces() != null) {
                return false;
            }
            for (String part : parts) {
                if (!m.body().contains(part)) {
                    return false;
                }
            }
            return true;
        };
    }

    private void summarize(Report report) {
        int[] windows = new int[4];
        List<String> names = List.of("GO step", "preparing", "after GO", "elsewhere");
        for (Kill kill : report.kills()) {
            windows[names.indexOf(kill.window())]++;
        }
        long goSentBefore = report.kills().stream().filter(Kill::goSentBefore).count();
        List<Long> lateness = report.outcomes().stream().map(Outcome::goLatenessMillis)
                .filter(java.util.Objects::nonNull).sorted().toList();
        List<Long> restarts = report.kills().stream().map(k -> k.restart().toMillis()).sorted().toList();
        out.printf("kill chaos, seed %d: %d actions x 2 rooms, %d kills (GO step %d, preparing %d, after GO %d,"
                        + " elsewhere %d; %d after the GO was sent); GOs received %d, missed notices %d;"
                        + " GO stamped %s ms after T0 (min, median, max); restart to ready %s ms; %d s in all%n",
                report.seed(), report.actions().size(), report.kills().size(), windows[0], windows[1], windows[2],
                windows[3], goSentBefore, report.outcomes().stream().mapToInt(Outcome::gos).sum(),
                report.outcomes().stream().mapToInt(Outcome::missedGos).sum(), spread(lateness), spread(restarts),
                report.wall().toSeconds());
    }

    private static String spread(List<Long> sorted) {
        if (sorted.isEmpty()) {
            return "-";
        }
        return sorted.get(0) + ", " + sorted.get(sorted.size() / 2) + ", " + sorted.get(sorted.size() - 1);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
