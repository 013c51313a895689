package org.assemblybot.core.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assemblybot.testkit.MutableClock;
import org.junit.jupiter.api.Test;

class LeadCalibratorTest {
    private static final Duration DEFAULT = Duration.ofMillis(25);
    private final MutableClock clock = MutableClock.at("2026-06-01T10:00:00Z");
    private final LeadCalibrator leads = new LeadCalibrator(clock);
    private final List<LeadCalibrator.BurstResult> results = new ArrayList<>();

    /** A lone send that left now and was stamped {@code millis} later. */
    private void single(long millis) {
        Instant left = clock.instant();
        leads.single(left, left.plusMillis(millis));
        clock.advanceMillis(1000);
    }

    /** A burst released now, room i stamped offsets[i] ms after the release. */
    private void burst(long... offsets) {
        Instant release = clock.instant();
        List<String> txns = new ArrayList<>();
        for (int i = 0; i < offsets.length; i++) {
            txns.add("txn-" + release.toEpochMilli() + "-" + i);
        }
        leads.expectBurst(release, txns, results::add);
        for (int i = 0; i < offsets.length; i++) {
            assertTrue(leads.stamped(txns.get(i), release.plusMillis(offsets[i])));
        }
        clock.advanceMillis(8000);
    }

    @Test
    void theDefaultHoldsUntilEnoughSamples() {
        LeadCalibrator.Estimate none = leads.estimate(10, DEFAULT);
        assertEquals(DEFAULT, none.lead());
        assertEquals(LeadCalibrator.Source.DEFAULT, none.source());
        single(40);
        single(42);
        assertEquals(LeadCalibrator.Source.DEFAULT, leads.estimate(10, DEFAULT).source(), "two samples are too few");
        single(44);
        assertEquals(LeadCalibrator.Source.SINGLES, leads.estimate(10, DEFAULT).source());
    }

    @Test
    void singleSendsGiveTheirLowerQuartilePlusTheBurstCostPerRoomMinusTheAim() {
        for (long ms : new long[] {40, 90, 42, 38, 500, 44, 41, 43}) { // 90 and 500: a busy moment
            single(ms);
        }
        LeadCalibrator.Estimate one = leads.estimate(1, DEFAULT);
        long perRoom = LeadCalibrator.BURST_ROOM_COST.toMillis();
        // sorted: 38 40 41 42 43 44 90 500; the lower quartile is 41 (better a little late than early)
        assertEquals(Duration.ofMillis(41 + perRoom - 5), one.lead(), "one room, aimed 5 ms after T0");
        LeadCalibrator.Estimate ten = leads.estimate(10, DEFAULT);
        assertEquals(Duration.ofMillis(41 + 10 * perRoom - 5), ten.lead(), "the lead grows with the rooms");
        assertEquals(Duration.ofMillis(9 * perRoom), ten.expectedSpread());
        assertEquals(8, ten.samples());
    }

    @Test
    void aBurstTeachesMoreThanSingleSendsAndItsLowestFirstStampIsUsed() {
        single(100);
        single(100);
        single(100);
        burst(95, 97, 100, 104, 110);
        burst(80, 84, 88, 92, 96); // a quieter moment: aim from the earliest, never early
        LeadCalibrator.Estimate estimate = leads.estimate(5, DEFAULT);
        assertEquals(LeadCalibrator.Source.BURSTS, estimate.source());
        assertEquals(Duration.ofMillis(80), estimate.expectedFirst());
        assertEquals(Duration.ofMillis(75), estimate.lead());
        assertEquals(Duration.ofMillis(4 * 4), estimate.expectedSpread(), "median per-room cost 4 ms");
        assertEquals(10, estimate.samples());
        assertEquals(2, results.size());
        assertEquals(5, results.get(0).stamps().size());
    }

    @Test
    void aSlowBurstDoesNotLengthenTheLeadBeyondWhatLoneSendsSay() {
        single(20);
        single(22);
        single(24);
        burst(300, 320); // one slow moment at the homeserver
        long perRoom = LeadCalibrator.BURST_ROOM_COST.toMillis();
        assertEquals(Duration.ofMillis(20 + 2 * perRoom), leads.estimate(2, DEFAULT).expectedFirst(), "lower quartile 20");
    }

    @Test
    void aBurstIsMeasuredFromWhenEachRequestActuallyLeft() {
        Instant release = clock.instant();
        leads.expectBurst(release, List.of("a", "b"), results::add);
        leads.left("a", release.plusMillis(170)); // the bot was busy: late to release, that GO was late
        leads.left("b", release.plusMillis(175));
        leads.stamped("a", release.plusMillis(250));
        leads.stamped("b", release.plusMillis(262));
        LeadCalibrator.Estimate estimate = leads.estimate(2, DEFAULT);
        assertEquals(Duration.ofMillis(80), estimate.expectedFirst(), "the homeserver's part only");
        assertEquals(Duration.ofMillis(75), estimate.lead());
    }

    @Test
    void aBurstOfAnotherSizeIsMovedByTheCostPerRoom() {
        burst(80, 84, 88, 92, 96);
        long perRoom = LeadCalibrator.BURST_ROOM_COST.toMillis();
        assertEquals(Duration.ofMillis(80 + 5 * perRoom), leads.estimate(10, DEFAULT).expectedFirst());
        assertEquals(Duration.ofMillis(80 - 4 * perRoom), leads.estimate(1, DEFAULT).expectedFirst());
    }

    @Test
    void theLeadIsClamped() {
        for (int i = 0; i < 3; i++) {
            single(1_500); // a slow homeserver: never more than MAX_LEAD ahead
        }
        assertEquals(LeadCalibrator.MAX_LEAD, leads.estimate(10, DEFAULT).lead());
        LeadCalibrator fast = new LeadCalibrator(clock);
        for (int i = 0; i < 3; i++) {
            Instant left = clock.instant();
            fast.single(left, left.minusMillis(50)); // stamped before it left: the clocks differ
        }
        assertEquals(LeadCalibrator.MIN_LEAD, fast.estimate(1, DEFAULT).lead());
    }

    @Test
    void implausibleSamplesAreIgnored() {
        single(5_000); // a retry after a long wait
        single(-3_000); // a clock jump
        single(40);
        assertEquals(LeadCalibrator.Source.DEFAULT, leads.estimate(1, DEFAULT).source());
    }

    @Test
    void oldSamplesAgeOut() {
        burst(80, 84);
        single(20);
        single(20);
        single(20);
        assertEquals(LeadCalibrator.Source.BURSTS, leads.estimate(2, DEFAULT).source());
        clock.advance(LeadCalibrator.MAX_AGE.minusSeconds(5));
        assertEquals(LeadCalibrator.Source.SINGLES, leads.estimate(2, DEFAULT).source(), "the burst aged out first");
        clock.advance(Duration.ofSeconds(10));
        assertEquals(LeadCalibrator.Source.DEFAULT, leads.estimate(2, DEFAULT).source());
    }

    @Test
    void aBurstIsReportedOnceEveryMemberIsStampedOrNotSent() {
        Instant release = clock.instant();
        leads.expectBurst(release, List.of("a", "b", "c"), results::add);
        assertTrue(leads.stamped("a", release.plusMillis(30)));
        assertFalse(leads.stamped("x", release.plusMillis(30)), "not a member: a single send");
        assertEquals(0, results.size());
        leads.notSent("b");
        assertEquals(0, results.size());
        assertTrue(leads.stamped("c", release.plusMillis(40)));
        assertEquals(1, results.size());
        LeadCalibrator.BurstResult result = results.get(0);
        assertEquals(3, result.expected());
        assertEquals(Map.of("a", release.plusMillis(30), "c", release.plusMillis(40)), result.stamps());
        assertFalse(leads.stamped("a", release.plusMillis(30)), "a repeated echo is not counted twice");
        assertEquals(1, results.size());
    }

    @Test
    void aBurstWhoseStampsNeverComeIsReportedAfterTheWait() {
        Instant release = clock.instant();
        leads.expectBurst(release, List.of("a", "b"), results::add);
        leads.stamped("a", release.plusMillis(30));
        clock.advance(LeadCalibrator.BURST_WAIT.plusSeconds(1));
        assertEquals(0, results.size());
        single(40); // any later call reports it
        assertEquals(1, results.size());
        assertEquals(Map.of("a", release.plusMillis(30)), results.get(0).stamps());
        assertFalse(leads.stamped("b", release.plusMillis(2000)), "no longer waited for");
    }
}
