package org.assemblybot.feature.countdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.assemblybot.core.config.ConfigProblem;
import org.junit.jupiter.api.Test;

class CountdownConfigTest {
    @Test
    void defaultsAreTheDeclaredOnes() {
        CountdownConfig defaults = CountdownConfig.defaults();
        assertEquals(20, defaults.maxRooms());
        assertEquals(Duration.ofSeconds(60), defaults.maxGoLateness());
        assertEquals(List.of(Duration.ofHours(24), Duration.ofHours(1), Duration.ofMinutes(10), Duration.ofMinutes(1)),
                defaults.defaultNotices());
    }

    @Test
    void noticesGoLongestFirstOnceEach() {
        CountdownConfig config = CountdownConfig.from(CountdownConfig.SECTION.read(
                Map.of("default_notices", List.of("1m", "2h", "1m", "10m"))));
        assertEquals(List.of(Duration.ofHours(2), Duration.ofMinutes(10), Duration.ofMinutes(1)),
                config.defaultNotices());
    }

    @Test
    void noticesGoAtMostThirtyDaysAheadAsInCommands() {
        assertEquals("'countdown.default_notices[0]' must be at most 30d, not \"31d\"",
                assertThrows(ConfigProblem.class, () -> CountdownConfig.SECTION.read(
                        Map.of("default_notices", List.of("31d")))).getMessage());
        assertEquals("'countdown.max_rooms' must be a whole number of 1 or more, like 20, not 0",
                assertThrows(ConfigProblem.class, () -> CountdownConfig.SECTION.read(
                        Map.of("max_rooms", 0))).getMessage());
    }
}
