package org.assemblybot.testkit;

import java.time.Duration;
import java.util.Optional;
import org.assemblybot.core.chat.ServerClock;

/** A {@link ServerClock} whose skew a test sets; empty (nothing measured yet) until then. */
public final class FakeServerClock implements ServerClock {
    private volatile Skew skew;

    /** Homeserver clock minus host clock is {@code offset}, known to within {@code uncertainty}. */
    public FakeServerClock skew(Duration offset, Duration uncertainty) {
        skew = new Skew(offset, uncertainty);
        return this;
    }

    public FakeServerClock unknown() {
        skew = null;
        return this;
    }

    @Override
    public Optional<Skew> skew() {
        return Optional.ofNullable(skew);
    }
}
