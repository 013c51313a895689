package org.assemblybot.feature.countdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.assemblybot.core.command.UserFacingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The words after {@code !sync plan}, as the router delivers them: quotes already grouped, the declared options
 * taken out by name (unknown or valueless options are refused by the router, see SubcommandRoutingTest).
 */
class PlanRequestTest {
    private static final CountdownConfig CONFIG = CountdownConfig.defaults();

    private static PlanRequest parse(String... typed) {
        List<String> words = new ArrayList<>();
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < typed.length; i++) {
            if (typed[i].startsWith("--")) {
                options.put(typed[i].substring(2).toLowerCase(Locale.ROOT), typed[++i]);
            } else {
                words.add(typed[i]);
            }
        }
        return PlanRequest.parse(words, options, "!", CONFIG);
    }

    private static String refusal(String... words) {
        return assertThrows(UserFacingException.class, () -> parse(words)).getMessage();
    }

    @Test
    void splitsTitleTimeRoomsAndOptions() {
        PlanRequest request = parse(" Minute of silence ", "friday", "18:00", "!a:example.org", "#b:example.org",
                "--ZONES", "Europe/Kyiv,,America/Bogota", "--duration", "90s", "--notices", "10m,1h,10m,1d");

        assertEquals("Minute of silence", request.title());
        assertEquals("friday 18:00", request.time());
        assertEquals(List.of("!a:example.org", "#b:example.org"), request.rooms());
        assertEquals(List.of(ZoneId.of("Europe/Kyiv"), ZoneId.of("America/Bogota")), request.zones());
        assertEquals(Duration.ofSeconds(90), request.duration());
        assertEquals(List.of(Duration.ofDays(1), Duration.ofHours(1), Duration.ofMinutes(10)), request.notices(),
                "largest first, without repeats");
    }

    @Test
    void leavesOutWhatWasNotGiven() {
        PlanRequest request = parse("Bells", "in", "2h");
        assertEquals("in 2h", request.time());
        assertEquals(List.of(), request.rooms());
        assertEquals(List.of(), request.zones());
        assertNull(request.duration());
        assertNull(request.notices(), "null means the configured defaults");
    }

    @Test
    void noneMeansNoNotices() {
        assertEquals(List.of(), parse("Bells", "tomorrow", "18:00", "--notices", "NONE").notices());
    }

    @Test
    void aWordWithAHashButNoServerIsPartOfTheTime() {
        assertEquals("tomorrow #1", parse("Bells", "tomorrow", "#1").time());
    }

    @Test
    void aTitleOfExactlyTheLimitFits() {
        assertEquals(200, parse("x".repeat(200), "in", "1h").title().length());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Bells|When? Give a time after the title.",
            "Bells !a:example.org|When? Give a time after the title.",
            "Bells --duration 60s|When? Give a time after the title.",
            "Bells in 1h --zones Mars/Olympus|the time zone `Mars/Olympus`. Use a region id",
            "Bells in 1h --zones Berlin|Did you mean `Europe/Berlin`?",
            "Bells in 1h --zones CET|`CET` is an abbreviation, not a region.",
            "Bells in 1h --zones A/B,C/D|the time zone `A/B`. Use a region id",
            "Bells in 1h --duration soon|as a duration",
            "Bells in 1h --duration 0s|longer than zero",
            "Bells in 1h --notices 1h,31d|Notices go at most 30 days ahead.",
            "Bells in 1h --notices 1m,2m,3m,4m,5m,6m,7m,8m,9m,10m,11m|At most 10 notices.",
            "Bells in 1h --notices x|as a duration",
            "Bells in 1h !a:example.org 19:00|I don't understand `19:00` there.",
    })
    void refusesWithAClearMessage(String words, String expected) {
        String message = refusal(words.split(" "));
        assertTrue(message.contains(expected), () -> "<" + message + "> lacks <" + expected + ">");
    }

    @Test
    void nothingAtAllGetsTheUsage() {
        assertTrue(refusal().startsWith("Usage: `!sync plan \"<title>\" <time> [rooms…]"));
    }

    @Test
    void aBlankTitleIsEmpty() {
        assertTrue(refusal("   ", "in", "1h").startsWith("The title is empty.\nUsage: "));
    }

    @Test
    void anOverLongTitleSaysHowLong() {
        assertEquals("The title has 201 characters; at most 200 fit.\nExample: `!sync plan \"Minute of silence\" "
                + "friday 18:00`", refusal("x".repeat(201), "in", "1h"));
    }

    @Test
    void moreThanSixZonesDoNotFit() {
        assertEquals("At most 6 extra zones fit on an announcement.", refusal("Bells", "in", "1h", "--zones",
                "Europe/Kyiv,Europe/Berlin,Asia/Tokyo,America/Bogota,America/New_York,Europe/Lisbon,Asia/Kolkata"));
    }
}
