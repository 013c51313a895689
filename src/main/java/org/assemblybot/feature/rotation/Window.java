package org.assemblybot.feature.rotation;

import java.time.Instant;
import java.util.Objects;

/** The span of one term of a role: from (inclusive) to (exclusive). */
record Window(Instant from, Instant to) {
    Window {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
    }

    boolean holds(Term term) {
        return term.from().equals(from) && term.active();
    }
}
