package org.assemblybot.core.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class MoonPhasesTest {
    /**
     * The new moons of 2027 as published by Fred Espenak, "2027 Phases of the Moon", AstroPixels
     * (astropixels.com/ephemeris/astrocal/astrocal2027mst.html), Mountain Standard Time (GMT − 7 h), rounded
     * to the minute; copied with the offset they are given in. Solar eclipses: annular 6 Feb, total 2 Aug.
     */
    private static final List<Instant> NEW_MOONS_2027 = Arrays.stream(new String[] {
            "2027-01-07T13:24-07:00", "2027-02-06T08:56-07:00", "2027-03-08T02:29-07:00",
            "2027-04-06T16:51-07:00", "2027-05-06T03:58-07:00", "2027-06-04T12:40-07:00",
            "2027-07-03T20:02-07:00", "2027-08-02T03:05-07:00", "2027-08-31T10:41-07:00",
            "2027-09-29T19:36-07:00", "2027-10-29T06:36-07:00", "2027-11-27T20:24-07:00",
            "2027-12-27T13:12-07:00"}).map(MoonPhasesTest::at).toList();
    private static final Duration TOLERANCE = Duration.ofMinutes(2);

    private static Instant at(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toInstant();
    }

    private static void assertNear(Instant expected, Instant actual) {
        assertTrue(Duration.between(expected, actual).abs().compareTo(TOLERANCE) <= 0,
                "expected " + expected + " ± 2 min, got " + actual);
    }

    @Test
    void everyNewMoonOf2027IsWithinTwoMinutesOfThePublishedTable() {
        List<Instant> computed = MoonPhases.newMoonsBetween(at("2027-01-01T00:00Z"), at("2028-01-01T00:00Z"));
        assertEquals(NEW_MOONS_2027.size(), computed.size(), computed.toString());
        Duration worst = Duration.ZERO;
        for (int i = 0; i < computed.size(); i++) {
            assertNear(NEW_MOONS_2027.get(i), computed.get(i));
            Duration error = Duration.between(NEW_MOONS_2027.get(i), computed.get(i)).abs();
            worst = error.compareTo(worst) > 0 ? error : worst;
        }
        System.out.println("MoonPhasesTest: largest difference from the 2027 table: " + worst);
    }

    @Test
    void onOrAfterAndBeforeAgreeWithTheTable() {
        for (int i = 1; i < NEW_MOONS_2027.size(); i++) {
            Instant previous = NEW_MOONS_2027.get(i - 1);
            Instant moon = NEW_MOONS_2027.get(i);
            Instant midway = previous.plus(Duration.between(previous, moon).dividedBy(2));
            assertNear(moon, MoonPhases.newMoonOnOrAfter(midway));
            assertNear(previous, MoonPhases.newMoonBefore(midway));
            assertNear(moon, MoonPhases.newMoonOnOrAfter(moon.minus(Duration.ofHours(3))));
            assertNear(previous, MoonPhases.newMoonBefore(moon.minus(Duration.ofHours(3))));
            assertNear(moon, MoonPhases.newMoonBefore(moon.plus(Duration.ofHours(3))));
        }
    }

    @Test
    void boundariesAreOnOrAfterAndStrictlyBefore() {
        Instant moon = MoonPhases.newMoonOnOrAfter(at("2027-08-01T00:00Z"));
        assertEquals(moon, MoonPhases.newMoonOnOrAfter(moon));
        assertTrue(MoonPhases.newMoonBefore(moon).isBefore(moon.minus(Duration.ofDays(29))));
        assertEquals(moon, MoonPhases.newMoonBefore(moon.plusSeconds(1)));
        assertEquals(List.of(moon), MoonPhases.newMoonsBetween(moon, moon.plusSeconds(1)));
        assertEquals(List.of(), MoonPhases.newMoonsBetween(moon.plusSeconds(1), moon.plus(Duration.ofDays(29))));
    }

    @Test
    void theLunationsOfACenturyAreBetween29And30DaysApart() {
        List<Instant> moons = MoonPhases.newMoonsBetween(at("2000-01-01T00:00Z"), at("2100-01-01T00:00Z"));
        // 100 years × 12.3685 lunations a year.
        assertEquals(1237, moons.size());
        for (int i = 1; i < moons.size(); i++) {
            long hours = Duration.between(moons.get(i - 1), moons.get(i)).toHours();
            assertTrue(hours >= 29 * 24 + 6 && hours <= 29 * 24 + 20, moons.get(i) + ": " + hours + " h");
        }
    }

    @Test
    void meeusWorkedExample() {
        // Astronomical Algorithms, example 49.a: the new moon of 1977 February, k = -283, JDE 2443192.65118.
        assertEquals(2443192.65118, MoonPhases.newMoonJde(-283), 0.00001);
    }

    @Test
    void refusesFarAwayYears() {
        assertThrows(IllegalArgumentException.class, () -> MoonPhases.newMoonOnOrAfter(Instant.EPOCH.minus(
                Duration.ofDays(366L * 1000))));
        assertThrows(IllegalArgumentException.class, () -> MoonPhases.newMoonBefore(at("3001-01-01T00:00Z")));
    }
}
