package org.assemblybot.core.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.inbound.CommandThrottle.Decision;
import org.assemblybot.testkit.MutableClock;
import org.junit.jupiter.api.Test;

class CommandThrottleTest {
    private static final RoomId ROOM = new RoomId("!room:example.org");
    private static final RoomId OTHER = new RoomId("!other:example.org");
    private static final UserId ALICE = new UserId("@alice:example.org");
    private static final UserId BOB = new UserId("@bob:example.org");

    private final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
    private final CommandThrottle throttle = new CommandThrottle(3, 5, Duration.ofSeconds(30), clock);

    @Test
    void aPersonOverTheLimitIsToldOnceThenIgnoredUntilTheWindowMoves() {
        for (int i = 0; i < 3; i++) {
            assertEquals(Decision.RUN, throttle.admit(ROOM, ALICE));
        }
        assertEquals(Decision.REFUSE_AND_SAY_SO, throttle.admit(ROOM, ALICE));
        assertEquals(Decision.DROP, throttle.admit(ROOM, ALICE));
        assertEquals(Decision.RUN, throttle.admit(ROOM, BOB), "others are not affected");
        assertEquals(Decision.RUN, throttle.admit(OTHER, ALICE), "the limit is per room");

        clock.advance(Duration.ofSeconds(30));
        assertEquals(Decision.RUN, throttle.admit(ROOM, ALICE));
    }

    @Test
    void aRoomHasItsOwnLimitAcrossPeople() {
        for (int i = 0; i < 3; i++) {
            assertEquals(Decision.RUN, throttle.admit(ROOM, ALICE));
        }
        assertEquals(Decision.RUN, throttle.admit(ROOM, BOB));
        assertEquals(Decision.RUN, throttle.admit(ROOM, BOB));
        assertEquals(Decision.REFUSE_AND_SAY_SO, throttle.admit(ROOM, BOB), "the room's fifth command was the last");
        assertEquals(Decision.RUN, throttle.admit(OTHER, BOB));
    }

    @Test
    void refusedCommandsDoNotCountAgainstTheWindow() {
        for (int i = 0; i < 3; i++) {
            throttle.admit(ROOM, ALICE);
        }
        clock.advance(Duration.ofSeconds(10));
        throttle.admit(ROOM, ALICE);
        throttle.admit(ROOM, ALICE);
        clock.advance(Duration.ofSeconds(20));
        assertEquals(Decision.RUN, throttle.admit(ROOM, ALICE), "only the three that ran fill the window");
    }
}
