package org.assemblybot.core.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.assemblybot.core.command.UserFacingException;
import org.assemblybot.testkit.MutableClock;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeInputTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId LORD_HOWE = ZoneId.of("Australia/Lord_Howe");

    /** Thursday 10 Dec 2026, 13:00 in Berlin. */
    private final MutableClock clock = MutableClock.at("2026-12-10T12:00:00Z");
    private final TimeInput input = new TimeInput(clock);

    private static Instant at(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toInstant();
    }

    private String error(String text, ZoneId zone) {
        return assertThrows(UserFacingException.class, () -> input.parse(text, zone)).getMessage();
    }

    private static void assertStartsWith(String expectedStart, String actual) {
        assertTrue(actual.startsWith(expectedStart), () -> "expected to start with <" + expectedStart + "> but was <"
                + actual + ">");
    }

    @Nested
    class Absolute {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "2026-12-10T18:00Z              | 2026-12-10T18:00Z",
                "2026-12-10T19:00+01:00         | 2026-12-10T18:00Z",
                "'  2026-12-10t18:00:30z  '     | 2026-12-10T18:00:30Z",
                "2026-12-11 18:30 +01:00        | 2026-12-11T17:30Z",
                "2026-12-10T13:00-05:00         | 2026-12-10T18:00Z",
                "2026-12-10 19:00 Europe/Berlin | 2026-12-10T18:00Z",
                "2026-12-10T19:00 europe/berlin | 2026-12-10T18:00Z",
                "2026-12-10 13:00 America/New_York | 2026-12-10T18:00Z",
                "2026-12-10 19:00               | 2026-12-10T18:00Z",
                "2026-12-10T19:00               | 2026-12-10T18:00Z",
                "2026-12-10 7pm                 | 2026-12-10T18:00Z",
                "2026-12-10 18:00 UTC           | 2026-12-10T18:00Z"})
        void readsIsoAndLocalDateTimes(String text, String expected) {
            assertEquals(at(expected), input.parse(text, BERLIN));
        }

        @Test
        void anExplicitOffsetResolvesTheFallBackHour() {
            clock.set(at("2026-10-01T00:00:00Z"));
            assertEquals(at("2026-10-25T00:30:00Z"), input.parse("2026-10-25T02:30+02:00", BERLIN));
            assertEquals(at("2026-10-25T01:30:00Z"), input.parse("2026-10-25T02:30+01:00", BERLIN));
        }

        @Test
        void refusesImpossibleDates() {
            assertEquals("`2026-02-30` is not a date: February 2026 has 28 days.", error("2026-02-30 10:00", BERLIN));
            assertStartsWith("`2026-13-01` is not a date", error("2026-13-01 10:00", BERLIN));
            assertStartsWith("`2027-02-29` is not a date", error("2027-02-29T10:00Z", BERLIN));
            assertStartsWith("`25:00` is not a time of day", error("2026-12-11 25:00", BERLIN));
        }
    }

    @Nested
    class Relative {
        @ParameterizedTest
        @CsvSource({"in 2h, PT2H", "in 90m, PT90M", "in 45 minutes, PT45M", "in 3 days, PT72H",
                "in 1h30m, PT1H30M", "in 2 weeks, PT336H", "IN 2H, PT2H", "'  in   1 hour 30 minutes ', PT1H30M"})
        void addsToTheClock(String text, Duration expected) {
            assertEquals(clock.instant().plus(expected), input.parse(text, BERLIN));
        }

        @Test
        void nowComesFromTheInjectedClock() {
            Instant before = input.parse("in 2h", BERLIN);
            clock.advance(Duration.ofMinutes(10));
            assertEquals(before.plus(Duration.ofMinutes(10)), input.parse("in 2h", BERLIN));
        }

        @Test
        void refusesZero() {
            assertStartsWith("A duration must be longer than zero", error("in 0m", BERLIN));
        }
    }

    @Nested
    class Phrases {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "today 19:00                  | 2026-12-10T19:00+01:00",
                "tomorrow 19:00               | 2026-12-11T19:00+01:00",
                "Tomorrow at 7 PM             | 2026-12-11T19:00+01:00",
                "friday 18:30                 | 2026-12-11T18:30+01:00",
                "fri 18:30                    | 2026-12-11T18:30+01:00",
                "FRI 6:30pm                   | 2026-12-11T18:30+01:00",
                "monday 09:00                 | 2026-12-14T09:00+01:00",
                "thursday 14:00               | 2026-12-10T14:00+01:00",
                "thu 12:00                    | 2026-12-17T12:00+01:00",
                "thursday 13:00               | 2026-12-17T13:00+01:00",
                "7pm                          | 2026-12-10T19:00+01:00",
                "7:30pm                       | 2026-12-10T19:30+01:00",
                "12am                         | 2026-12-11T00:00+01:00",
                "12pm                         | 2026-12-11T12:00+01:00",
                "13:30                        | 2026-12-10T13:30+01:00",
                "12:30                        | 2026-12-11T12:30+01:00",
                "at 20:00                     | 2026-12-10T20:00+01:00",
                "friday 18:30 America/Bogota  | 2026-12-11T18:30-05:00",
                "tomorrow 09:00 Asia/Tokyo    | 2026-12-11T09:00+09:00",
                "19:00 UTC                    | 2026-12-10T19:00Z"})
        void readInTheRoomZoneUnlessOneIsNamed(String text, String expected) {
            assertEquals(at(expected), input.parse(text, BERLIN));
        }

        @Test
        void theDayIsTheZonesDayNotUtcs() {
            // 23:30 UTC on Thursday is already Friday 08:30 in Tokyo: "friday" there is today.
            clock.set(at("2026-12-10T23:30:00Z"));
            assertEquals(at("2026-12-11T09:00+09:00"), input.parse("friday 09:00", ZoneId.of("Asia/Tokyo")));
            assertEquals(at("2026-12-11T09:00+09:00"), input.parse("today 09:00", ZoneId.of("Asia/Tokyo")));
        }
    }

    @Nested
    class Errors {
        @ParameterizedTest
        @ValueSource(strings = {"", "   ", "next blursday", "tomorrow", "friday", "soon", "in a while", "2026-12-10"})
        void unreadableTextGetsExamples(String text) {
            String message = error(text, BERLIN);
            assertTrue(message.contains("`tomorrow 19:00`") || message.contains("`10m`"), message);
        }

        @Test
        void thePastSaysHowLongAgo() {
            assertEquals("Thu 10 Dec 2026, 11:00 Europe/Berlin (10:00 UTC) is in the past (it was 2 hours ago)."
                            + " Try e.g. `tomorrow 19:00`, `friday 18:30 Europe/Berlin`, `in 2h` or `2026-12-10 19:00`.",
                    error("today 11:00", BERLIN));
            assertStartsWith("Wed 9 Dec 2026, 18:00 Europe/Berlin (17:00 UTC) is in the past (it was 19 hours ago)",
                    error("2026-12-09T17:00Z", BERLIN));
            assertStartsWith("Thu 10 Dec 2026, 13:00 Europe/Berlin (12:00 UTC) is now, not in the future.",
                    error("2026-12-10T12:00Z", BERLIN));
        }

        @Test
        void unknownZones() {
            assertStartsWith("I don't know the time zone `Mars/Olympus`", error("friday 18:30 Mars/Olympus", BERLIN));
            // The same resolver as !tz: why the word is no zone, and the region id probably meant.
            assertStartsWith("`CET` is an abbreviation, not a region. Use a region id such as `Europe/Berlin`",
                    error("friday 18:30 CET", BERLIN));
            assertStartsWith("`Berlin` is not a time zone id. Did you mean `Europe/Berlin`?",
                    error("tomorrow 18:30 Berlin", BERLIN));
        }

        @Test
        void springForwardGaps() {
            clock.set(at("2026-03-01T00:00:00Z"));
            assertEquals("02:30 does not exist on 2026-03-29 in Europe/Berlin: clocks jump from 02:00 to 03:00."
                    + " Pick a time outside that hour, e.g. 03:00.", error("2026-03-29 02:30", BERLIN));
            assertStartsWith("02:30 does not exist on 2026-03-08 in America/New_York: clocks jump from 02:00 to 03:00",
                    error("2026-03-08 02:30 America/New_York", BERLIN));
            clock.set(at("2026-09-01T00:00:00Z"));
            assertStartsWith("02:15 does not exist on 2026-10-04 in Australia/Lord_Howe: clocks jump from 02:00 to 02:30",
                    error("2026-10-04 02:15", LORD_HOWE));
        }

        @Test
        void gapsAlsoForPhrases() {
            clock.set(at("2026-03-28T12:00:00Z"));   // Saturday
            assertStartsWith("02:30 does not exist on 2026-03-29 in Europe/Berlin", error("tomorrow 02:30", BERLIN));
            assertStartsWith("02:30 does not exist on 2026-03-29 in Europe/Berlin", error("sunday 2:30am", BERLIN));
            assertStartsWith("02:30 does not exist on 2026-03-29 in Europe/Berlin", error("02:30", BERLIN));
        }

        @Test
        void fallBackOverlaps() {
            clock.set(at("2026-03-01T00:00:00Z"));
            assertEquals("02:30 happens twice on 2026-10-25 in Europe/Berlin; add the offset, e.g."
                    + " 2026-10-25T02:30+02:00 (the first) or 2026-10-25T02:30+01:00 (the second).",
                    error("2026-10-25 02:30", BERLIN));
            assertStartsWith("01:30 happens twice on 2026-11-01 in America/New_York; add the offset, e.g."
                    + " 2026-11-01T01:30-04:00 (the first) or 2026-11-01T01:30-05:00 (the second)",
                    error("2026-11-01 01:30", NEW_YORK));
            assertStartsWith("01:45 happens twice on 2026-04-05 in Australia/Lord_Howe; add the offset, e.g."
                    + " 2026-04-05T01:45+11:00 (the first) or 2026-04-05T01:45+10:30 (the second)",
                    error("2026-04-05 01:45", LORD_HOWE));
        }

        @Test
        void justOutsideTheTransitionsIsFine() {
            clock.set(at("2026-03-01T00:00:00Z"));
            assertEquals(at("2026-03-29T01:59+01:00"), input.parse("2026-03-29 01:59", BERLIN));
            assertEquals(at("2026-03-29T03:00+02:00"), input.parse("2026-03-29 03:00", BERLIN));
            assertEquals(at("2026-10-25T01:59+02:00"), input.parse("2026-10-25 01:59", BERLIN));
            assertEquals(at("2026-10-25T03:00+01:00"), input.parse("2026-10-25 03:00", BERLIN));
            assertEquals(at("2026-04-05T01:29+11:00"), input.parse("2026-04-05 01:29", LORD_HOWE));
            assertEquals(at("2026-04-05T02:00+10:30"), input.parse("2026-04-05 02:00", LORD_HOWE));
            assertEquals(at("2026-10-04T02:30+11:00"), input.parse("2026-10-04 02:30", LORD_HOWE));
        }
    }

    @Nested
    class Describe {
        @Test
        void inTheZoneAndUtc() {
            assertEquals("Thu 10 Dec 2026, 19:00 Europe/Berlin (18:00 UTC)",
                    TimeInput.describe(at("2026-12-10T18:00Z"), BERLIN));
        }

        @Test
        void namesTheUtcDayWhenItDiffers() {
            assertEquals("Fri 11 Dec 2026, 01:00 Asia/Tokyo (Thu 10 Dec, 16:00 UTC)",
                    TimeInput.describe(at("2026-12-10T16:00Z"), ZoneId.of("Asia/Tokyo")));
            assertEquals("Wed 9 Dec 2026, 23:00 America/New_York (Thu 10 Dec, 04:00 UTC)",
                    TimeInput.describe(at("2026-12-10T04:00Z"), NEW_YORK));
        }

        @Test
        void utcOnce() {
            for (ZoneId utc : List.of(ZoneId.of("Etc/UTC"), ZoneId.of("UTC"), ZoneOffset.UTC)) {
                assertEquals("Thu 10 Dec 2026, 18:00 UTC", TimeInput.describe(at("2026-12-10T18:00Z"), utc));
            }
            // London is on UTC in winter but is a zone of its own.
            assertEquals("Thu 10 Dec 2026, 18:00 Europe/London (18:00 UTC)",
                    TimeInput.describe(at("2026-12-10T18:00Z"), ZoneId.of("Europe/London")));
        }

        @Test
        void severalZonesOnOneLine() {
            assertEquals("Berlin 20:00 · Bogota 14:00 · Tokyo Fri 04:00 · New York 14:00 · UTC 19:00",
                    TimeInput.describeIn(at("2026-12-10T19:00Z"), List.of(BERLIN, ZoneId.of("America/Bogota"),
                            ZoneId.of("Asia/Tokyo"), NEW_YORK, ZoneId.of("Etc/UTC"))));
        }

        @ParameterizedTest
        @CsvSource({"PT2H5M, in 2 hours 5 minutes", "-PT3M, 3 minutes ago", "PT45S, in 45 seconds",
                "-PT1S, 1 second ago", "PT0S, now", "PT1M, in 1 minute", "PT2H, in 2 hours", "P1DT3H, in 1 day 3 hours",
                "P3DT0H5M, in 3 days", "PT1H59M40S, in 2 hours", "-P2D, 2 days ago"})
        void relative(Duration duration, String expected) {
            assertEquals(expected, TimeInput.relative(duration));
        }
    }
}
