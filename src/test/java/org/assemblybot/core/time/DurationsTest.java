package org.assemblybot.core.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.assemblybot.core.command.UserFacingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one duration reader, for commands and the config file (formerly TimeInput's and the config's own). */
class DurationsTest {
    @ParameterizedTest
    @CsvSource({"60s, PT60S", "10m, PT10M", "1h30m, PT1H30M", "2d, PT48H", "90 seconds, PT90S", "PT1M, PT1M",
            "pt1m, PT1M", "'1 hour, 30 minutes', PT1H30M", "1 hour and 5 min, PT1H5M", "2w, PT336H",
            "' 10 M ', PT10M", "30s, PT30S", "5m, PT5M", "2h, PT2H", "1d, PT24H", "PT30S, PT30S",
            "PT1H30M, PT1H30M", "1w, PT168H", "5 minutes, PT5M"})
    void reads(String text, Duration expected) {
        assertEquals(expected, Durations.fromCommand(text));
        assertEquals(Optional.of(expected), Durations.parse(text));
    }

    @ParameterizedTest
    @CsvSource({"-5m, -PT5M", "PT-1M, -PT1M", "0s, PT0S", "-PT30S, -PT30S"})
    void parseKeepsTheSignForTheCallerToJudge(String text, Duration expected) {
        assertEquals(Optional.of(expected), Durations.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0m", "-5m", "PT-1M", "PT0S", "0h0m"})
    void commandsRefuseZeroAndNegative(String text) {
        assertEquals("A duration must be longer than zero, e.g. `10m`, `1h30m` or `90 seconds`.",
                assertThrows(UserFacingException.class, () -> Durations.fromCommand(text)).getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "abc", "10", "30", "10 parsecs", "m10", "1h 30", "P", "s", "9999999999h"})
    void refusesTheUnreadable(String text) {
        assertEquals(Optional.empty(), Durations.parse(text));
        String message = assertThrows(UserFacingException.class, () -> Durations.fromCommand(text)).getMessage();
        assertTrue(message.startsWith("I can't read `") && message.endsWith("Try `10m`, `1h30m` or `90 seconds`."),
                message);
    }

    @ParameterizedTest
    @CsvSource({"PT30S, 30s", "PT60S, 1m", "PT90S, 90s", "PT10M, 10m", "PT24H, 24h", "PT48H, 2d", "PT1H30M, 90m",
            "PT0S, 0s", "-PT5M, -5m", "PT720H, 30d"})
    void formatsTheShortestFormItReadsBack(Duration duration, String text) {
        assertEquals(text, Durations.format(duration));
        assertEquals(Optional.of(duration), Durations.parse(text));
    }
}
