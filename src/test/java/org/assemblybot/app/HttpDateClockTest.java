package org.assemblybot.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.assemblybot.core.chat.ServerClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The JDK's HTTP server stamps its responses with a real {@code Date} header, so the host clock is the one
 * shifted here: a host running ten seconds behind must see a server ten seconds ahead.
 */
class HttpDateClockTest {
    private HttpServer server;
    private URI url;

    @BeforeEach
    void startServer() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/_matrix/client/versions", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
        url = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aHostTenSecondsBehindSeesTheServerTenSecondsAhead() {
        HttpDateClock clock = new HttpDateClock(Optional::empty);
        clock.check(url, Clock.offset(Clock.systemUTC(), Duration.ofSeconds(-10)));
        ServerClock.Skew skew = clock.skew().orElseThrow();
        long offset = skew.offset().toMillis();
        assertTrue(offset > 8_900 && offset < 11_100, "offset " + offset + " ms");
        assertTrue(skew.exceeds(Duration.ofSeconds(1)));
    }

    @Test
    void agreeingClocksAreNotReportedAndFinerMeasurementsWin() {
        ServerClock.Skew fine = new ServerClock.Skew(Duration.ofMillis(3), Duration.ofMillis(2));
        java.util.concurrent.atomic.AtomicReference<Optional<ServerClock.Skew>> measured =
                new java.util.concurrent.atomic.AtomicReference<>(Optional.empty());
        HttpDateClock clock = new HttpDateClock(measured::get);
        clock.check(url, Clock.systemUTC());
        assertFalse(clock.skew().orElseThrow().exceeds(Duration.ofSeconds(1)));
        measured.set(Optional.of(fine));
        assertEquals(fine, clock.skew().orElseThrow());
    }

    @Test
    void anUnreachableServerLeavesNoEstimate() {
        HttpDateClock clock = new HttpDateClock(Optional::empty);
        clock.check(URI.create("http://127.0.0.1:9"), Clock.systemUTC());
        assertTrue(clock.skew().isEmpty());
    }
}
