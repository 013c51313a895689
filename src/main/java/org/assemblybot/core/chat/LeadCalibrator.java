package org.assemblybot.core.chat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * How long before an instant T0 the bot's requests must leave so that the homeserver stamps their events
 * ({@code origin_server_ts}) just after T0, never before: learned from the homeserver's own stamps on the bot's
 * own earlier events, as they come back in the bot's sync.
 *
 * <p>Samples. A <em>single</em> send (a countdown edit, a notice, a reply): its request left at L by the host's
 * clock, the homeserver stamped it S; S − L is how long the homeserver takes to stamp one request — including
 * any difference between the two clocks, which is exactly what a lead must include to hit T0 on the
 * homeserver's clock. A <em>burst</em> (a GO to N rooms): the N requests are released together at R; each
 * room's S − L (L its request's own departure, R if unknown) also holds what N requests at once cost the
 * homeserver. Measured from L, not R: when the bot itself was late to release (a busy CPU), that GO is late,
 * but the next lead must not grow by it — that would make the next GO early.
 *
 * <p>Model. A burst of N rooms released at R is stamped from R + first(N) to about R + first(N) + (N − 1) ×
 * perRoom. The requests leave together: releasing them one by one cannot make the stamps closer (what makes the
 * later rooms later is their competing with each other), and releasing any of them earlier would make it early.
 * So the lead aims the <em>first</em> stamp at T0 + {@link #AIM}: lead = first(N) − AIM, where first(N) is the
 * lowest first stamp of the recent bursts (a low estimate: a GO before T0 is as harmful as a late one). Without
 * a burst yet (the first GO after a start), first(N) = the lower quartile of the single sends + N ×
 * {@link #BURST_ROOM_COST}
 * (the extra a burst costs per room over a lone request, measured on loopback). The lead is clamped to
 * {@link #MIN_LEAD}–{@link #MAX_LEAD}; with fewer than {@link #MIN_SAMPLES} samples the caller's default holds.
 *
 * <p>Pure and thread-safe; the clock only ages samples out (a sample older than {@link #MAX_AGE} says little
 * about the homeserver's load now).
 */
public final class LeadCalibrator {
    /** Where the first stamp of a GO is aimed, after T0 (never before it). */
    public static final Duration AIM = Duration.ofMillis(5);
    public static final Duration MIN_LEAD = Duration.ZERO;
    /** The longest lead ever used; the GO step runs before T0 − MAX_LEAD. */
    public static final Duration MAX_LEAD = Duration.ofMillis(300);
    /** Fewer samples than this and the caller's default lead holds. */
    static final int MIN_SAMPLES = 3;
    static final Duration MAX_AGE = Duration.ofMinutes(20);
    /** How many recent samples are kept. */
    static final int KEEP_SINGLES = 32;
    static final int KEEP_BURSTS = 5;
    /** A sample beyond this is a retry, a pause or a clock jump, not the homeserver's usual pace. */
    static final long IMPLAUSIBLE_MS = 2_000;
    /** What a burst costs per room over a lone request, before any burst has been measured. */
    static final Duration BURST_ROOM_COST = Duration.ofMillis(3);
    /** How long a burst waits for its stamps before it is reported with those that came. */
    static final Duration BURST_WAIT = Duration.ofSeconds(60);

    /** Where an estimate came from. */
    public enum Source { BURSTS, SINGLES, DEFAULT }

    /**
     * The lead to use for a burst to some rooms: the requests leave at T0 − lead. {@code expectedFirst} and
     * {@code expectedSpread} say where the stamps should land relative to the release (for the logs).
     */
    public record Estimate(Duration lead, Duration expectedFirst, Duration expectedSpread, int samples,
                           Source source) {
    }

    /**
     * What came of a burst: its release instant and each stamped event's stamp, by transaction id; events whose
     * stamp never came back (a failed send, no sync) are missing.
     */
    public record BurstResult(Instant release, int expected, Map<String, Instant> stamps) {
        public BurstResult {
            stamps = Map.copyOf(stamps);
        }
    }

    private record Single(Instant at, long offsetMs) {
    }

    private record BurstStats(Instant at, int size, long firstMs, long lastMs) {
        long perRoomMs() {
            return size < 2 ? 0 : (lastMs - firstMs) / (size - 1);
        }
    }

    private static final class Pending {
        final Instant release;
        final Instant created;
        final Set<String> waiting;
        final int expected;
        final Map<String, Instant> stamps = new LinkedHashMap<>();
        /** When each member's request actually left, when the adapter tells. */
        final Map<String, Instant> left = new HashMap<>();
        final Consumer<BurstResult> listener;

        Pending(Instant release, Instant created, Collection<String> txnIds, Consumer<BurstResult> listener) {
            this.release = release;
            this.created = created;
            this.waiting = new HashSet<>(txnIds);
            this.expected = waiting.size();
            this.listener = listener;
        }
    }

    private final Clock clock;
    private final Deque<Single> singles = new ArrayDeque<>();
    private final Deque<BurstStats> bursts = new ArrayDeque<>();
    /** Bursts waiting for their stamps, by each member's transaction id. */
    private final Map<String, Pending> pending = new HashMap<>();

    public LeadCalibrator(Clock clock) {
        this.clock = clock;
    }

    /** A lone request left at {@code left} (host clock) and its event came back stamped {@code stamp}. */
    public void single(Instant left, Instant stamp) {
        long offset = Duration.between(left, stamp).toMillis();
        List<Runnable> due;
        synchronized (this) {
            if (Math.abs(offset) <= IMPLAUSIBLE_MS) {
                singles.addLast(new Single(clock.instant(), offset));
                while (singles.size() > KEEP_SINGLES) {
                    singles.removeFirst();
                }
            }
            due = expire();
        }
        due.forEach(Runnable::run);
    }

    /**
     * The requests with {@code txnIds} are released together at {@code release}; {@code whenStamped} is told once
     * every one of them came back stamped (or {@link #notSent} or {@link #BURST_WAIT} later, with what came).
     */
    public void expectBurst(Instant release, Collection<String> txnIds, Consumer<BurstResult> whenStamped) {
        if (txnIds.isEmpty()) {
            return;
        }
        synchronized (this) {
            Pending burst = new Pending(release, clock.instant(), txnIds, whenStamped);
            for (String txnId : txnIds) {
                pending.put(txnId, burst);
            }
        }
    }

    /**
     * A member of a burst actually left at {@code left} (at or after the release). Its sample is measured from
     * then: a release the bot itself was late for only makes that GO later, and must not lengthen the next lead
     * (which would make a GO early).
     */
    public synchronized void left(String txnId, Instant left) {
        Pending burst = pending.get(txnId);
        if (burst != null) {
            burst.left.put(txnId, left);
        }
    }

    /** A member of a burst was not sent after all: its stamp is not waited for. */
    public void notSent(String txnId) {
        List<Runnable> due = new ArrayList<>();
        synchronized (this) {
            Pending burst = pending.remove(txnId);
            if (burst != null) {
                burst.waiting.remove(txnId);
                if (burst.waiting.isEmpty()) {
                    due.add(complete(burst));
                }
            }
            due.addAll(expire());
        }
        due.forEach(Runnable::run);
    }

    /**
     * One of the bot's own events came back stamped {@code stamp}. Returns whether it belonged to a burst (then
     * it is not a single-send sample).
     */
    public boolean stamped(String txnId, Instant stamp) {
        List<Runnable> due = new ArrayList<>();
        boolean member;
        synchronized (this) {
            Pending burst = pending.remove(txnId);
            member = burst != null;
            if (member && burst.waiting.remove(txnId)) {
                burst.stamps.put(txnId, stamp);
                if (burst.waiting.isEmpty()) {
                    due.add(complete(burst));
                }
            }
            due.addAll(expire());
        }
        due.forEach(Runnable::run);
        return member;
    }

    /**
     * The lead for a burst to {@code rooms} rooms, or {@code fallback} (source {@link Source#DEFAULT}) while too
     * few recent samples are known.
     */
    public synchronized Estimate estimate(int rooms, Duration fallback) {
        Instant oldest = clock.instant().minus(MAX_AGE);
        List<BurstStats> recentBursts = bursts.stream().filter(b -> !b.at().isBefore(oldest)).toList();
        List<Long> recentSingles = singles.stream().filter(s -> !s.at().isBefore(oldest)).map(Single::offsetMs)
                .sorted().toList();
        int n = Math.max(1, rooms);
        long perRoom;
        long first;
        int samples;
        Source source;
        if (!recentBursts.isEmpty()) {
            // The lowest first stamp of the recent bursts (moved for a different room count).
            perRoom = median(recentBursts.stream().filter(b -> b.size() > 1).map(BurstStats::perRoomMs).sorted()
                    .toList(), BURST_ROOM_COST.toMillis());
            first = recentBursts.stream().mapToLong(b -> b.firstMs() + (n - b.size()) * BURST_ROOM_COST.toMillis())
                    .min().orElseThrow();
            if (recentSingles.size() >= MIN_SAMPLES) {
                // Never beyond what the lone sends say: after a slow GO a fast one would land early.
                first = Math.min(first, lowQuartile(recentSingles) + n * BURST_ROOM_COST.toMillis());
            }
            samples = recentBursts.stream().mapToInt(BurstStats::size).sum();
            source = Source.BURSTS;
        } else if (recentSingles.size() >= MIN_SAMPLES) {
            perRoom = BURST_ROOM_COST.toMillis();
            first = lowQuartile(recentSingles) + n * perRoom;
            samples = recentSingles.size();
            source = Source.SINGLES;
        } else {
            return new Estimate(fallback, Duration.ZERO, Duration.ZERO, recentSingles.size(), Source.DEFAULT);
        }
        long lead = clamp(first - AIM.toMillis(), MIN_LEAD.toMillis(), MAX_LEAD.toMillis());
        return new Estimate(Duration.ofMillis(lead), Duration.ofMillis(first), Duration.ofMillis((n - 1) * perRoom),
                samples, source);
    }

    private Runnable complete(Pending burst) {
        burst.waiting.forEach(pending::remove);
        burst.waiting.clear();
        if (!burst.stamps.isEmpty()) {
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (Map.Entry<String, Instant> stamp : burst.stamps.entrySet()) {
                Instant left = burst.left.getOrDefault(stamp.getKey(), burst.release);
                long offset = Duration.between(left.isAfter(burst.release) ? left : burst.release, stamp.getValue())
                        .toMillis();
                first = Math.min(first, offset);
                last = Math.max(last, offset);
            }
            if (Math.abs(first) <= IMPLAUSIBLE_MS && Math.abs(last) <= IMPLAUSIBLE_MS) {
                bursts.addLast(new BurstStats(clock.instant(), burst.stamps.size(), first, last));
                while (bursts.size() > KEEP_BURSTS) {
                    bursts.removeFirst();
                }
            }
        }
        BurstResult result = new BurstResult(burst.release, burst.expected, burst.stamps);
        return () -> burst.listener.accept(result);
    }

    /** Bursts that waited too long are reported with the stamps that came. */
    private List<Runnable> expire() {
        Instant limit = clock.instant().minus(BURST_WAIT);
        List<Pending> stale = pending.values().stream().filter(b -> b.created.isBefore(limit)).distinct().toList();
        List<Runnable> due = new ArrayList<>();
        for (Pending burst : stale) {
            due.add(complete(burst));
        }
        return due;
    }

    /** A low estimate of a lone send's time: better a little late than early. */
    private static long lowQuartile(List<Long> sorted) {
        return sorted.get(sorted.size() / 4);
    }

    private static long median(List<Long> sorted, long empty) {
        return sorted.isEmpty() ? empty : sorted.get(sorted.size() / 2);
    }

    private static long clamp(long value, long min, long max) {
        return Math.max(min, Math.min(max, value));
    }
}
