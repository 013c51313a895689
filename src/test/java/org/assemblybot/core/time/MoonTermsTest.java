package org.assemblybot.core.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import org.assemblybot.core.time.MoonTerms.Term;
import org.junit.jupiter.api.Test;

/**
 * New moons of 2027 in UTC, from Espenak's published table (see MoonPhasesTest): 7 Jan 20:24, 6 Feb 15:56,
 * 8 Mar 09:29, 6 Apr 23:51, 6 May 10:58, 30 Sep 02:36, 29 Oct 13:36, 28 Nov 03:24. Expected instants are
 * written with the offsets of the tz rules, read by hand.
 */
class MoonTermsTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId LORD_HOWE = ZoneId.of("Australia/Lord_Howe");
    private static final ZoneId UTC = ZoneId.of("UTC");

    private static Instant at(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toInstant();
    }

    private static Term term(String start, String end) {
        return new Term(at(start), at(end));
    }

    @Test
    void aTermRunsFromNewMoonDayToNewMoonDay() {
        Term january = term("2027-01-07T00:00+01:00", "2027-02-06T00:00+01:00");
        assertEquals(january, MoonTerms.termContaining(at("2027-01-20T12:00Z"), BERLIN));
        // The new-moon day belongs to the new term from its midnight on, before the moon itself (21:24 local).
        assertEquals(january, MoonTerms.termContaining(at("2027-01-07T00:00+01:00"), BERLIN));
        assertEquals(january, MoonTerms.termContaining(at("2027-01-07T12:00+01:00"), BERLIN));
        assertEquals(january, MoonTerms.termContaining(at("2027-02-05T23:59:59+01:00"), BERLIN));
        assertEquals(term("2027-02-06T00:00+01:00", "2027-03-08T00:00+01:00"),
                MoonTerms.termContaining(at("2027-02-06T00:00+01:00"), BERLIN));
        assertEquals(term("2026-12-09T00:00+01:00", "2027-01-07T00:00+01:00"),
                MoonTerms.termContaining(at("2027-01-06T23:59:59+01:00"), BERLIN));
    }

    @Test
    void termsAreCountedInTheRoomsZone() {
        // 6 Apr 23:51 UTC is still 6 April in UTC but already 7 April in Berlin.
        assertEquals(term("2027-03-08T00:00Z", "2027-04-06T00:00Z"),
                MoonTerms.termContaining(at("2027-03-20T00:00Z"), UTC));
        assertEquals(term("2027-03-08T00:00+01:00", "2027-04-07T00:00+02:00"),
                MoonTerms.termContaining(at("2027-03-20T00:00Z"), BERLIN));
        // Across the Lord Howe change of 3 Oct 2027; 29 Oct 13:36 UTC is 30 Oct there.
        assertEquals(term("2027-09-30T00:00+10:30", "2027-10-30T00:00+11:00"),
                MoonTerms.termContaining(at("2027-10-10T00:00Z"), LORD_HOWE));
    }

    @Test
    void nextFollowsWithoutGapsOrFixedLength() {
        Term term = MoonTerms.termContaining(at("2027-01-20T00:00Z"), BERLIN);
        assertEquals(term("2027-02-06T00:00+01:00", "2027-03-08T00:00+01:00"), term = MoonTerms.next(term, BERLIN));
        assertEquals(term("2027-03-08T00:00+01:00", "2027-04-07T00:00+02:00"), term = MoonTerms.next(term, BERLIN));
        assertEquals(term("2027-04-07T00:00+02:00", "2027-05-06T00:00+02:00"), MoonTerms.next(term, BERLIN));
        Instant start = term.start();
        for (int i = 0; i < 40; i++) {
            Term following = MoonTerms.next(term, BERLIN);
            assertEquals(term.end(), following.start());
            long days = Duration.between(following.start(), following.end()).toHours();
            assertTrue(days >= 29 * 24 - 1 && days <= 30 * 24 + 1, following.toString());
            term = following;
        }
        assertTrue(term.start().isAfter(start.plus(Duration.ofDays(39 * 29))));
    }

    @Test
    void containsIsHalfOpen() {
        Term t = term("2027-01-07T00:00+01:00", "2027-02-06T00:00+01:00");
        assertTrue(t.contains(t.start()));
        assertFalse(t.contains(t.end()));
        assertThrows(IllegalArgumentException.class, () -> new Term(t.end(), t.start()));
    }
}
