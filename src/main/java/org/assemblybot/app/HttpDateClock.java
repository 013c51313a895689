package org.assemblybot.app;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.assemblybot.core.chat.ServerClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The clock check that needs no event: the homeserver's HTTP {@code Date} header, read at startup. It has
 * one-second resolution, so its uncertainty is half a second plus half the round trip. Once the bot has
 * sent something, the stamps on its own events give a much finer estimate and take over.
 */
final class HttpDateClock implements ServerClock {
    private static final Logger log = LoggerFactory.getLogger(HttpDateClock.class);

    private final ServerClock fine;
    private volatile Skew coarse;

    HttpDateClock(ServerClock fine) {
        this.fine = fine;
    }

    @Override
    public Optional<Skew> skew() {
        Optional<Skew> measured = fine.skew();
        return measured.isPresent() ? measured : Optional.ofNullable(coarse);
    }

    /** Reads the homeserver's Date header once; logs a warning when the clocks certainly differ by over a second. */
    void check(URI homeserver, Clock clock) {
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            HttpRequest request = HttpRequest.newBuilder(homeserver.resolve("/_matrix/client/versions"))
                    .timeout(Duration.ofSeconds(5)).GET().build();
            Instant sent = clock.instant();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            Instant received = clock.instant();
            Optional<String> date = response.headers().firstValue("Date");
            if (date.isEmpty()) {
                return;
            }
            Instant server = ZonedDateTime.parse(date.get(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant()
                    .plusMillis(500); // the header is truncated to the second
            Duration halfTrip = Duration.between(sent, received).dividedBy(2);
            Instant midpoint = sent.plus(halfTrip);
            coarse = new Skew(Duration.between(midpoint, server), halfTrip.plusMillis(500));
            if (coarse.exceeds(Duration.ofSeconds(1))) {
                log.warn("the host clock differs from the homeserver's by about {} ms; synchronized actions "
                        + "would be off by that much — check the host's time synchronisation (NTP)",
                        coarse.offset().toMillis());
            } else {
                log.info("clock check: host and homeserver agree within {} ms", coarse.uncertainty().toMillis());
            }
        } catch (Exception e) {
            log.warn("clock check against the homeserver failed: {}", e.toString());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
