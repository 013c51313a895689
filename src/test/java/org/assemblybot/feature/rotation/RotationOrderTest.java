package org.assemblybot.feature.rotation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.assemblybot.core.chat.UserId;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The fair order alone: who comes next, and why the others do not. */
class RotationOrderTest {
    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final Instant NOW = Instant.parse("2026-06-01T10:00:00Z");
    private static final UserId DANA = new UserId("@dana:example.org");
    private static final UserId ALI = new UserId("@ali:example.org");
    private static final UserId KIM = new UserId("@kim:example.org");
    private static final UserId LEE = new UserId("@lee:example.org");

    private static List<Volunteer> pool(UserId... users) {
        List<Volunteer> pool = new ArrayList<>();
        for (int i = 0; i < users.length; i++) {
            pool.add(new Volunteer(users[i], NOW.minus(Duration.ofDays(100 - i)), i + 1));
        }
        return pool;
    }

    private static Term served(UserId who, Instant from, Instant to) {
        return new Term(0, 1, 1, who, from, to, Term.State.ACCEPTED, null, null);
    }

    private static RotationOrder.Inputs inputs(List<Volunteer> pool, List<Term> terms, List<Away> away,
                                               Map<UserId, Integer> load, Integer maxTerms) {
        return new RotationOrder.Inputs(pool, terms, away, load, 2, maxTerms, Set.of(), NOW, ZONE);
    }

    private static String explain(List<RotationOrder.Candidate> ranked) {
        return ranked.stream().map(c -> c.user().localpart() + ": " + c.reason()).collect(Collectors.joining(" · "));
    }

    @Test
    void leastRecentlyServedFirstEachWithItsReason() {
        Instant threeMonthsAgo = NOW.minus(Duration.ofDays(95));
        List<Term> terms = List.of(served(ALI, threeMonthsAgo.minus(Duration.ofDays(14)), threeMonthsAgo),
                served(LEE, NOW.minus(Duration.ofDays(20)), NOW.minus(Duration.ofDays(6))));
        List<Away> away = List.of(new Away(KIM, NOW.minus(Duration.ofDays(1)), Instant.parse("2027-01-12T00:00:00Z"),
                "travelling"));
        var ranked = RotationOrder.rank(inputs(pool(ALI, KIM, LEE, DANA), terms, away, Map.of(), null), NOW);
        assertEquals("dana: never served · ali: served 3 months ago · lee: served 6 days ago · kim: away until 12 Jan (travelling)",
                explain(ranked));
    }

    @Test
    void theCapAndTheMaximumInARowAreSkippedWithTheirReasons() {
        Instant lastStart = NOW.minus(Duration.ofDays(14));
        List<Term> terms = List.of(served(DANA, lastStart, NOW));
        var ranked = RotationOrder.rank(inputs(pool(DANA, ALI, KIM), terms, List.of(), Map.of(ALI, 2), 1), NOW);
        assertEquals("kim: never served · dana: held the last term (max 1 in a row) · ali: already holds 2 roles "
                + "(max 2 at once)", explain(ranked));
        var unlimited = RotationOrder.rank(inputs(pool(DANA, KIM), terms, List.of(), Map.of(), null), NOW);
        assertEquals("kim: never served · dana: served until today", explain(unlimited));
    }

    @Test
    void tiesGoByTheOrderOfVolunteering() {
        assertEquals(List.of(KIM, DANA), RotationOrder.pick(inputs(pool(KIM, DANA, ALI), List.of(), List.of(), Map.of(),
                1), NOW, 2));
    }

    /** Property: with random pools, seats, away periods and loads, nobody serves twice before every eligible served. */
    @RepeatedTest(50)
    void nobodyServesTwiceBeforeEveryEligiblePersonServedOnce() {
        Random random = new Random();
        int size = 2 + random.nextInt(7);
        int seats = 1 + random.nextInt(Math.max(1, size / 2));
        List<UserId> people = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            people.add(new UserId("@p" + i + ":example.org"));
        }
        List<Volunteer> pool = pool(people.toArray(UserId[]::new));
        List<Term> terms = new ArrayList<>();
        Set<UserId> servedThisRound = new HashSet<>();
        Instant from = NOW;
        for (int term = 0; term < 30; term++) {
            Instant to = from.plus(Duration.ofDays(7));
            List<Away> away = new ArrayList<>();
            Map<UserId, Integer> load = new HashMap<>();
            for (UserId p : people) {
                if (random.nextInt(5) == 0) {
                    away.add(new Away(p, from.minusSeconds(1), from.plus(Duration.ofDays(3)), null));
                } else if (random.nextInt(6) == 0) {
                    load.put(p, 2);
                }
            }
            var in = new RotationOrder.Inputs(pool, terms, away, load, 2, null, Set.of(), from, ZONE);
            Set<UserId> eligible = RotationOrder.rank(in, from).stream().filter(RotationOrder.Candidate::eligible)
                    .map(RotationOrder.Candidate::user).collect(Collectors.toSet());
            List<UserId> picked = RotationOrder.pick(in, from, seats);
            Set<UserId> waiting = new HashSet<>(eligible);
            waiting.removeAll(servedThisRound);
            for (UserId p : picked) {
                if (servedThisRound.contains(p)) {
                    assertTrue(waiting.size() < picked.size() && !waiting.stream().anyMatch(w -> !picked.contains(w)),
                            p + " serves again while " + waiting + " wait");
                }
            }
            if (waiting.stream().allMatch(picked::contains)) {
                servedThisRound.clear();
                picked.stream().filter(p -> !waiting.contains(p)).forEach(servedThisRound::add);
            }
            picked.stream().filter(waiting::contains).forEach(servedThisRound::add);
            for (int seat = 0; seat < picked.size(); seat++) {
                terms.add(new Term(0, 1, seat + 1, picked.get(seat), from, to, Term.State.ACCEPTED, null, null));
            }
            from = to;
        }
    }
}
