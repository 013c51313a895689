package org.assemblybot.core.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.assemblybot.core.command.UserFacingException;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Expected instants are written with explicit offsets, read off the tz rules by hand, not computed by the
 * code under test.
 */
class RecurrenceTest {
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    private static final ZoneId LORD_HOWE = ZoneId.of("Australia/Lord_Howe");
    private static final ZoneId UTC = ZoneId.of("UTC");

    private static Instant at(String offsetDateTime) {
        return OffsetDateTime.parse(offsetDateTime).toInstant();
    }

    /** The next {@code expected.length} occurrences after {@code start}. */
    private static void assertSequence(Recurrence rule, String start, String... expected) {
        List<Instant> got = new ArrayList<>();
        Instant after = at(start);
        for (int i = 0; i < expected.length; i++) {
            after = rule.next(after).orElseThrow();
            got.add(after);
        }
        assertEquals(Arrays.stream(expected).map(RecurrenceTest::at).toList(), got, rule.encode());
    }

    private static LocalTime time(String hhmm) {
        return LocalTime.parse(hhmm);
    }

    @Nested
    class Daily {
        @Test
        void berlinSpringForwardRunsAtTheEndOfTheGap() {
            assertSequence(new DailyRecurrence(time("02:30"), BERLIN), "2026-03-27T12:00Z",
                    "2026-03-28T02:30+01:00", "2026-03-29T03:00+02:00", "2026-03-30T02:30+02:00");
        }

        @Test
        void berlinFallBackRunsOnceAtTheEarlierOffset() {
            assertSequence(new DailyRecurrence(time("02:30"), BERLIN), "2026-10-23T12:00Z",
                    "2026-10-24T02:30+02:00", "2026-10-25T02:30+02:00", "2026-10-26T02:30+01:00");
        }

        @Test
        void berlinEveningKeepsItsLocalTimeAcrossBothChanges() {
            assertSequence(new DailyRecurrence(time("19:00"), BERLIN), "2026-03-28T00:00Z",
                    "2026-03-28T19:00+01:00", "2026-03-29T19:00+02:00");
            assertSequence(new DailyRecurrence(time("19:00"), BERLIN), "2026-10-24T00:00Z",
                    "2026-10-24T19:00+02:00", "2026-10-25T19:00+01:00");
        }

        @Test
        void newYork() {
            assertSequence(new DailyRecurrence(time("02:30"), NEW_YORK), "2026-03-06T12:00Z",
                    "2026-03-07T02:30-05:00", "2026-03-08T03:00-04:00", "2026-03-09T02:30-04:00");
            assertSequence(new DailyRecurrence(time("01:30"), NEW_YORK), "2026-10-30T12:00Z",
                    "2026-10-31T01:30-04:00", "2026-11-01T01:30-04:00", "2026-11-02T01:30-05:00");
            assertSequence(new DailyRecurrence(time("09:00"), NEW_YORK), "2026-11-01T00:00Z",
                    "2026-11-01T09:00-05:00", "2026-11-02T09:00-05:00");
        }

        @Test
        void lordHoweHalfHourShift() {
            // Spring forward 2026-10-04 02:00 +10:30 -> 02:30 +11:00: 02:15 does not exist.
            assertSequence(new DailyRecurrence(time("02:15"), LORD_HOWE), "2026-10-02T12:00Z",
                    "2026-10-03T02:15+10:30", "2026-10-04T02:30+11:00", "2026-10-05T02:15+11:00");
            // Fall back 2026-04-05 02:00 +11:00 -> 01:30 +10:30: 01:45 happens twice.
            assertSequence(new DailyRecurrence(time("01:45"), LORD_HOWE), "2026-04-03T12:00Z",
                    "2026-04-04T01:45+11:00", "2026-04-05T01:45+11:00", "2026-04-06T01:45+10:30");
            assertSequence(new DailyRecurrence(time("09:00"), LORD_HOWE), "2026-04-03T12:00Z",
                    "2026-04-04T09:00+11:00", "2026-04-05T09:00+10:30");
        }

        @Test
        void nextIsStrictlyAfter() {
            Recurrence daily = new DailyRecurrence(time("19:00"), BERLIN);
            assertEquals(Optional.of(at("2026-12-11T19:00+01:00")), daily.next(at("2026-12-10T19:00+01:00")));
            assertEquals(Optional.of(at("2026-12-10T19:00+01:00")), daily.next(at("2026-12-10T18:59:59+01:00")));
        }
    }

    @Nested
    class Weekly {
        @Test
        void fridaysAcrossTheBerlinChange() {
            assertSequence(new WeeklyRecurrence(DayOfWeek.FRIDAY, time("18:30"), BERLIN), "2026-03-20T00:00Z",
                    "2026-03-20T18:30+01:00", "2026-03-27T18:30+01:00", "2026-04-03T18:30+02:00");
        }

        @Test
        void sundayInTheNewYorkGap() {
            assertSequence(new WeeklyRecurrence(DayOfWeek.SUNDAY, time("02:30"), NEW_YORK), "2026-02-28T00:00Z",
                    "2026-03-01T02:30-05:00", "2026-03-08T03:00-04:00", "2026-03-15T02:30-04:00");
        }

        @Test
        void theDayIsTheZonesDay() {
            // Monday 00:30 in Tokyo is still Sunday in UTC.
            assertSequence(new WeeklyRecurrence(DayOfWeek.MONDAY, time("00:30"), ZoneId.of("Asia/Tokyo")),
                    "2026-12-10T00:00Z", "2026-12-14T00:30+09:00", "2026-12-21T00:30+09:00");
        }
    }

    @Nested
    class Monthly {
        @Test
        void lateDaysFallOnTheLastDayOfShortMonths() {
            assertSequence(new MonthlyRecurrence(31, time("09:00"), UTC), "2026-01-01T00:00Z",
                    "2026-01-31T09:00Z", "2026-02-28T09:00Z", "2026-03-31T09:00Z", "2026-04-30T09:00Z");
            assertSequence(new MonthlyRecurrence(30, time("09:00"), UTC), "2028-01-31T00:00Z",
                    "2028-02-29T09:00Z", "2028-03-30T09:00Z");
        }

        @Test
        void firstOfTheMonthInBerlin() {
            assertSequence(new MonthlyRecurrence(1, time("09:00"), BERLIN), "2026-01-15T00:00Z",
                    "2026-02-01T09:00+01:00", "2026-03-01T09:00+01:00", "2026-04-01T09:00+02:00");
        }

        @Test
        void refusesImpossibleDays() {
            assertThrows(IllegalArgumentException.class, () -> new MonthlyRecurrence(0, time("09:00"), UTC));
            assertThrows(IllegalArgumentException.class, () -> new MonthlyRecurrence(32, time("09:00"), UTC));
        }
    }

    @Nested
    class NthWeekday {
        @Test
        void secondTuesdaysAcrossTheBerlinChange() {
            assertSequence(new NthWeekdayRecurrence(2, DayOfWeek.TUESDAY, time("19:00"), BERLIN), "2026-02-01T00:00Z",
                    "2026-02-10T19:00+01:00", "2026-03-10T19:00+01:00", "2026-04-14T19:00+02:00");
        }

        @Test
        void lastIsTheFourthOrTheFifth() {
            // November 2026 has five Mondays (2 to 30): the 4th is the 23rd, the last the 30th.
            assertSequence(new NthWeekdayRecurrence(4, DayOfWeek.MONDAY, time("09:00"), UTC), "2026-11-01T00:00Z",
                    "2026-11-23T09:00Z", "2026-12-28T09:00Z");
            assertSequence(new NthWeekdayRecurrence(-1, DayOfWeek.MONDAY, time("09:00"), UTC), "2026-11-01T00:00Z",
                    "2026-11-30T09:00Z", "2026-12-28T09:00Z");
            assertSequence(new NthWeekdayRecurrence(-1, DayOfWeek.FRIDAY, time("18:00"), UTC), "2026-10-01T00:00Z",
                    "2026-10-30T18:00Z", "2026-11-27T18:00Z", "2026-12-25T18:00Z", "2027-01-29T18:00Z",
                    "2027-02-26T18:00Z");
        }

        @Test
        void firstOfTheMonthCanBeTheFirstDay() {
            // 2027-02-01 is a Monday; 2026-11-26 Thanksgiving is the 4th Thursday.
            assertSequence(new NthWeekdayRecurrence(1, DayOfWeek.MONDAY, time("07:00"), BERLIN), "2027-01-04T12:00Z",
                    "2027-02-01T07:00+01:00", "2027-03-01T07:00+01:00");
            assertSequence(new NthWeekdayRecurrence(4, DayOfWeek.THURSDAY, time("09:00"), NEW_YORK),
                    "2026-10-30T00:00Z", "2026-11-26T09:00-05:00", "2026-12-24T09:00-05:00");
        }

        @Test
        void berlinLastSundaysAreTheChangeDays() {
            assertSequence(new NthWeekdayRecurrence(-1, DayOfWeek.SUNDAY, time("02:30"), BERLIN), "2026-02-01T00:00Z",
                    "2026-02-22T02:30+01:00", "2026-03-29T03:00+02:00", "2026-04-26T02:30+02:00");
            assertSequence(new NthWeekdayRecurrence(-1, DayOfWeek.SUNDAY, time("02:30"), BERLIN), "2026-09-01T00:00Z",
                    "2026-09-27T02:30+02:00", "2026-10-25T02:30+02:00", "2026-11-29T02:30+01:00");
        }

        @Test
        void lordHoweFirstSundaysAreTheChangeDays() {
            assertSequence(new NthWeekdayRecurrence(1, DayOfWeek.SUNDAY, time("02:15"), LORD_HOWE), "2026-09-01T00:00Z",
                    "2026-09-06T02:15+10:30", "2026-10-04T02:30+11:00", "2026-11-01T02:15+11:00");
            assertSequence(new NthWeekdayRecurrence(1, DayOfWeek.SUNDAY, time("01:45"), LORD_HOWE), "2026-02-20T00:00Z",
                    "2026-03-01T01:45+11:00", "2026-04-05T01:45+11:00", "2026-05-03T01:45+10:30");
        }

        @Test
        void refusesImpossibleOrdinals() {
            for (int nth : new int[] {0, 5, -2}) {
                assertThrows(IllegalArgumentException.class,
                        () -> new NthWeekdayRecurrence(nth, DayOfWeek.MONDAY, time("09:00"), UTC));
            }
        }
    }

    /**
     * New moons of 2027 in UTC, from Espenak's published table (see MoonPhasesTest): 7 Jan 20:24, 6 Feb 15:56,
     * 8 Mar 09:29, 6 Apr 23:51, 6 May 10:58, 30 Sep 02:36, 29 Oct 13:36, 28 Nov 03:24.
     */
    @Nested
    class NewMoon {
        @Test
        void berlinMeetsOnTheLocalNewMoonDayAcrossTheSpringChange() {
            // 6 Apr 23:51 UTC is 7 Apr 01:51 in Berlin: the Berlin assembly meets on the 7th.
            assertSequence(new NewMoonRecurrence(time("19:00"), BERLIN), "2027-01-01T00:00Z",
                    "2027-01-07T19:00+01:00", "2027-02-06T19:00+01:00", "2027-03-08T19:00+01:00",
                    "2027-04-07T19:00+02:00", "2027-05-06T19:00+02:00");
            assertSequence(new NewMoonRecurrence(time("19:00"), UTC), "2027-03-09T00:00Z",
                    "2027-04-06T19:00Z", "2027-05-06T19:00Z");
            assertSequence(new NewMoonRecurrence(time("19:00"), NEW_YORK), "2027-03-09T00:00Z",
                    "2027-04-06T19:00-04:00", "2027-05-06T19:00-04:00");
        }

        @Test
        void berlinAcrossTheAutumnChange() {
            assertSequence(new NewMoonRecurrence(time("19:00"), BERLIN), "2027-09-15T00:00Z",
                    "2027-09-30T19:00+02:00", "2027-10-29T19:00+02:00", "2027-11-28T19:00+01:00");
        }

        @Test
        void theMeetingMayComeBeforeTheMoonOnItsDay() {
            // 7 Jan: the moon at 21:24 Berlin time, the assembly at 19:00 the same day; once that has passed,
            // the next one is on the next new-moon day.
            Recurrence rule = new NewMoonRecurrence(time("19:00"), BERLIN);
            assertEquals(Optional.of(at("2027-01-07T19:00+01:00")), rule.next(at("2027-01-07T18:59+01:00")));
            assertEquals(Optional.of(at("2027-02-06T19:00+01:00")), rule.next(at("2027-01-07T19:00+01:00")));
            assertEquals(Optional.of(at("2027-02-06T19:00+01:00")), rule.next(at("2027-01-07T22:00+01:00")));
        }

        @Test
        void lordHoweAcrossItsHalfHourChange() {
            // 29 Oct 13:36 UTC is 30 Oct 00:36 on Lord Howe (+11:00 since 3 Oct).
            assertSequence(new NewMoonRecurrence(time("19:00"), LORD_HOWE), "2027-03-01T00:00Z",
                    "2027-03-08T19:00+11:00", "2027-04-07T19:00+10:30");
            assertSequence(new NewMoonRecurrence(time("19:00"), LORD_HOWE), "2027-09-15T00:00Z",
                    "2027-09-30T19:00+10:30", "2027-10-30T19:00+11:00", "2027-11-28T19:00+11:00");
        }

        @Test
        void aNewMoonOnTheBerlinSpringForwardDay() {
            // The new moon of 2028-03-26 (04:31 UTC) falls on the day Berlin skips 02:00-03:00.
            assertSequence(new NewMoonRecurrence(time("02:30"), BERLIN), "2028-03-01T00:00Z",
                    "2028-03-26T03:00+02:00");
        }

        @Test
        void aYearHasTwelveOrThirteen() {
            Recurrence rule = new NewMoonRecurrence(time("19:00"), BERLIN);
            int count = 0;
            for (Instant t = rule.next(at("2027-01-01T00:00+01:00")).orElseThrow();
                    t.isBefore(at("2028-01-01T00:00+01:00")); t = rule.next(t).orElseThrow()) {
                count++;
            }
            assertEquals(13, count);
        }
    }

    @Nested
    class Cron {
        @Test
        void fridayEvenings() {
            assertSequence(new CronRecurrence("0 18 * * 5", BERLIN), "2026-12-10T12:00Z",
                    "2026-12-11T18:00+01:00", "2026-12-18T18:00+01:00", "2026-12-25T18:00+01:00");
        }

        @Test
        void stepsRangesAndWeekdayNames() {
            assertSequence(new CronRecurrence("*/15 9-10 * * MON-FRI", UTC), "2026-12-11T10:40Z",
                    "2026-12-11T10:45Z", "2026-12-14T09:00Z", "2026-12-14T09:15Z");
            assertSequence(new CronRecurrence("5/20 12 * * *", UTC), "2026-12-11T00:00Z",
                    "2026-12-11T12:05Z", "2026-12-11T12:25Z", "2026-12-11T12:45Z", "2026-12-12T12:05Z");
            assertSequence(new CronRecurrence("0 0-12/6 * * *", UTC), "2026-12-11T00:00Z",
                    "2026-12-11T06:00Z", "2026-12-11T12:00Z", "2026-12-12T00:00Z");
        }

        @Test
        void monthNamesAndLists() {
            assertSequence(new CronRecurrence("30 8 1 JAN,jul *", UTC), "2026-02-01T00:00Z",
                    "2026-07-01T08:30Z", "2027-01-01T08:30Z");
        }

        @Test
        void sundayIsZeroOrSevenAndRangesMayEndOnIt() {
            assertSequence(new CronRecurrence("0 0 * * 7", UTC), "2026-12-10T00:00Z", "2026-12-13T00:00Z");
            assertSequence(new CronRecurrence("0 0 * * 0", UTC), "2026-12-10T00:00Z", "2026-12-13T00:00Z");
            assertSequence(new CronRecurrence("0 10 * * SAT-SUN", UTC), "2026-12-10T00:00Z",
                    "2026-12-12T10:00Z", "2026-12-13T10:00Z", "2026-12-19T10:00Z");
        }

        @Test
        void bothDayFieldsRestrictedMeansEither() {
            // April 2026: Fridays 3, 10, 17 and the 13th (a Monday).
            assertSequence(new CronRecurrence("0 12 13 * FRI", UTC), "2026-04-01T00:00Z",
                    "2026-04-03T12:00Z", "2026-04-10T12:00Z", "2026-04-13T12:00Z", "2026-04-17T12:00Z");
            // A day-of-month starting with * counts as unrestricted: both must match (Vixie cron).
            // 2026: Mondays on the 1st/11th/21st/31st: 11 May, 1 Jun, 31 Aug, 21 Sep.
            assertSequence(new CronRecurrence("0 0 */10 * MON", UTC), "2026-05-01T00:00Z",
                    "2026-05-11T00:00Z", "2026-06-01T00:00Z", "2026-08-31T00:00Z", "2026-09-21T00:00Z");
        }

        @Test
        void leapDayOnly() {
            assertSequence(new CronRecurrence("0 0 29 2 *", UTC), "2026-01-01T00:00Z",
                    "2028-02-29T00:00Z", "2032-02-29T00:00Z");
        }

        @Test
        void timesInsideAGapRunOnceAtItsEnd() {
            // Berlin 2026-03-29: 02:00 and 02:30 do not exist; both and 03:00 itself run once at 03:00 +02:00.
            assertSequence(new CronRecurrence("*/30 * * * *", BERLIN), "2026-03-29T00:15Z",
                    "2026-03-29T01:30+01:00", "2026-03-29T03:00+02:00", "2026-03-29T03:30+02:00");
            assertSequence(new CronRecurrence("15 2 * * *", LORD_HOWE), "2026-10-02T12:00Z",
                    "2026-10-03T02:15+10:30", "2026-10-04T02:30+11:00", "2026-10-05T02:15+11:00");
        }

        @Test
        void theRepeatedHourRunsOnceAtTheEarlierOffset() {
            // Berlin 2026-10-25: 02:00-03:00 happens twice; an hourly rule runs at 02:00 +02:00, then 03:00 +01:00.
            assertSequence(new CronRecurrence("0 * * * *", BERLIN), "2026-10-24T23:30Z",
                    "2026-10-25T02:00+02:00", "2026-10-25T03:00+01:00", "2026-10-25T04:00+01:00");
            assertSequence(new CronRecurrence("30 1 * * *", NEW_YORK), "2026-10-31T12:00Z",
                    "2026-11-01T01:30-04:00", "2026-11-02T01:30-05:00");
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "0 18 * *         | five fields",
                "0 18 * * 5 1     | five fields",
                "''               | five fields",
                "60 * * * *       | the minute `60` is not valid: it must be 0 to 59",
                "0 24 * * *       | the hour `24` is not valid: it must be 0 to 23",
                "0 0 0 * *        | the day-of-month `0` is not valid: it must be 1 to 31",
                "0 0 * 13 *       | the month `13` is not valid: it must be 1 to 12",
                "0 0 * * 8        | the day-of-week `8` is not valid: it must be 0 to 7",
                "*/0 * * * *      | the step must be at least 1",
                "0 0 5-2 * *      | the range runs backwards",
                "0 0 * * FOO      | `FOO` is not a number or name",
                "0 0 1-2-3 * *    | a range is two values",
                "0,,5 0 * * *     | the minute `` is not valid",
                "0 0 31 2 *       | never runs",
                "0 0 31 4,6,9,11 *| never runs"})
        void refusesWithAClearReason(String cron, String reason) {
            String message = assertThrows(UserFacingException.class, () -> new CronRecurrence(cron, UTC)).getMessage();
            assertTrue(message.contains(reason), message);
            assertTrue(message.contains("0 18 * * FRI") || message.contains("five fields"), message);
        }

        @Test
        void normalizesItsExpression() {
            CronRecurrence cron = new CronRecurrence("  0  18 * *   fri ", BERLIN);
            assertEquals("0 18 * * FRI", cron.expression());
            assertEquals(new CronRecurrence("0 18 * * FRI", BERLIN), cron);
        }
    }

    @Nested
    class Encoding {
        @ParameterizedTest
        @ValueSource(strings = {"daily 19:00 Europe/Berlin", "weekly MON 18:30 America/New_York", "monthly 1 09:00 UTC",
                "monthly 31 23:59 Australia/Lord_Howe", "cron \"0 18 * * 5\" Europe/Berlin",
                "cron \"*/15 9-17 1,15 JAN-JUN MON-FRI\" Etc/UTC", "daily 00:00 Etc/UTC",
                "monthly-nth 2 TUE 19:00 Europe/Berlin", "monthly-nth -1 FRI 18:00 Australia/Lord_Howe",
                "monthly-nth 4 THU 09:00 America/New_York", "newmoon 19:00 Europe/Berlin", "newmoon 02:30 UTC"})
        void roundTrips(String encoded) {
            Recurrence rule = Recurrences.parse(encoded);
            assertEquals(encoded, rule.encode());
            assertEquals(rule, Recurrences.parse(rule.encode()));
        }

        @Test
        void encodes() {
            assertEquals("daily 19:00 Europe/Berlin", new DailyRecurrence(time("19:00"), BERLIN).encode());
            assertEquals("weekly MON 18:30 America/New_York",
                    new WeeklyRecurrence(DayOfWeek.MONDAY, time("18:30"), NEW_YORK).encode());
            assertEquals("monthly 1 09:00 UTC", new MonthlyRecurrence(1, time("09:00"), UTC).encode());
            assertEquals("cron \"0 18 * * 5\" Europe/Berlin", new CronRecurrence("0 18 * * 5", BERLIN).encode());
            assertEquals("monthly-nth -1 FRI 18:00 Europe/Berlin",
                    new NthWeekdayRecurrence(-1, DayOfWeek.FRIDAY, time("18:00"), BERLIN).encode());
            assertEquals("newmoon 19:00 Australia/Lord_Howe", new NewMoonRecurrence(time("19:00"), LORD_HOWE).encode());
        }

        @ParameterizedTest
        @ValueSource(strings = {"", "hourly 5 UTC", "daily 25:00 UTC", "daily 19:00 Mars/Base", "weekly FRIDAY 18:30 UTC",
                "monthly 32 09:00 UTC", "cron \"0 18 * *\" UTC", "cron 0 18 * * 5 UTC", "monthly-nth 5 TUE 19:00 UTC",
                "monthly-nth 0 TUE 19:00 UTC", "monthly-nth 2 TUESDAY 19:00 UTC", "monthly-nth 2 TUE UTC",
                "newmoon UTC", "newmoon 19:00", "newmoon 19:00 Moon/Base", "new moon 19:00 UTC"})
        void refusesWhatItDidNotWrite(String encoded) {
            assertThrows(IllegalArgumentException.class, () -> Recurrences.parse(encoded));
        }
    }

    @Nested
    class FromUserText {
        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "every day 19:00                        | daily 19:00 Europe/Berlin",
                "Every Day at 7pm                       | daily 19:00 Europe/Berlin",
                "daily 07:05                            | daily 07:05 Europe/Berlin",
                "every friday 18:30                     | weekly FRI 18:30 Europe/Berlin",
                "every fri 6:30pm America/Bogota        | weekly FRI 18:30 America/Bogota",
                "every Monday at 09:00 UTC              | weekly MON 09:00 Etc/UTC",
                "every month on the 1st 09:00           | monthly 1 09:00 Europe/Berlin",
                "every month on the 31st at 9am         | monthly 31 09:00 Europe/Berlin",
                "monthly on the 2nd 10:00 Asia/Tokyo    | monthly 2 10:00 Asia/Tokyo",
                "cron 0 18 * * 5                        | cron \"0 18 * * 5\" Europe/Berlin",
                "cron 0 9 * * 1/2                       | cron \"0 9 * * 1/2\" Europe/Berlin",
                "cron \"0 18 * * fri\" america/new_york | cron \"0 18 * * FRI\" America/New_York",
                "every 2nd tuesday 19:00                | monthly-nth 2 TUE 19:00 Europe/Berlin",
                "every last friday 18:00                | monthly-nth -1 FRI 18:00 Europe/Berlin",
                "every 1st monday at 7pm                | monthly-nth 1 MON 19:00 Europe/Berlin",
                "Every Last Thursday at 6:30pm UTC      | monthly-nth -1 THU 18:30 Etc/UTC",
                "every third wed 18:00                  | monthly-nth 3 WED 18:00 Europe/Berlin",
                "every 4th sunday of the month 10:00    | monthly-nth 4 SUN 10:00 Europe/Berlin",
                "every month on the 2nd tuesday 19:00   | monthly-nth 2 TUE 19:00 Europe/Berlin",
                "monthly on the last sat 11am           | monthly-nth -1 SAT 11:00 Europe/Berlin",
                "every new moon 19:00                   | newmoon 19:00 Europe/Berlin",
                "Every New Moon at 7pm Australia/Lord_Howe | newmoon 19:00 Australia/Lord_Howe",
                "each new moon 18:30                    | newmoon 18:30 Europe/Berlin"})
        void reads(String text, String encoded) {
            assertEquals(encoded, Recurrences.fromUserText(text, BERLIN).encode());
        }

        @Test
        void badInputGetsExamples() {
            for (String text : List.of("every blursday 18:00", "every day", "sometimes", "every friday noon",
                    "every new moon", "every new moon at dusk", "every full moon 19:00", "every last thursday",
                    "every 2nd blursday 19:00", "every 2nd tuesday")) {
                String message = assertThrows(UserFacingException.class,
                        () -> Recurrences.fromUserText(text, BERLIN)).getMessage();
                assertTrue(message.startsWith("I can't read `") && message.contains("`every day 19:00`")
                        && message.contains("`every 2nd tuesday 19:00`") && message.contains("`every new moon 19:00`"),
                        message);
            }
            assertTrue(assertThrows(UserFacingException.class,
                    () -> Recurrences.fromUserText("every month on the 32nd 09:00", BERLIN)).getMessage()
                    .startsWith("A month has days 1 to 31, not 32."));
            assertTrue(assertThrows(UserFacingException.class,
                    () -> Recurrences.fromUserText("cron 0 18 * *", BERLIN)).getMessage().contains("five fields"));
            for (String fifth : List.of("every 5th tuesday 19:00", "every fifth tuesday 19:00", "every 6th tuesday 19:00")) {
                String message = assertThrows(UserFacingException.class,
                        () -> Recurrences.fromUserText(fifth, BERLIN)).getMessage();
                assertTrue(message.contains("not every month has a 5th") && message.contains("`every last tuesday 19:00`"),
                        message);
            }
            assertTrue(assertThrows(UserFacingException.class,
                    () -> Recurrences.fromUserText("every new moon 24:00", BERLIN)).getMessage()
                    .startsWith("`24:00` is not a time of day"));
            assertTrue(assertThrows(UserFacingException.class,
                    () -> Recurrences.fromUserText("every day 19:00 Mars/Base", BERLIN)).getMessage()
                    .startsWith("I don't know the time zone `Mars/Base`"));
            assertTrue(assertThrows(UserFacingException.class,
                    () -> Recurrences.fromUserText("every day 25:00", BERLIN)).getMessage()
                    .startsWith("`25:00` is not a time of day"));
        }
    }
}
