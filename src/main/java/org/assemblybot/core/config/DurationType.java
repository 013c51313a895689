package org.assemblybot.core.config;

import java.time.Duration;
import org.assemblybot.core.time.Durations;

/** A duration in the forms commands accept too ({@link Durations}), never negative, optionally bounded. */
public final class DurationType implements ValueType<Duration> {
    static final String FORMS = "a duration like 30s, 5m, 2h, 1d or PT30S";
    static final DurationType NOT_NEGATIVE = new DurationType(false, null);

    private final boolean positive;
    private final Duration longest;

    private DurationType(boolean positive, Duration longest) {
        this.positive = positive;
        this.longest = longest;
    }

    /** Zero refused too, for waits and lead times where zero would mean "never" or "always". */
    public DurationType positive() {
        return new DurationType(true, longest);
    }

    public DurationType atMost(Duration limit) {
        return new DurationType(positive, limit);
    }

    @Override
    public Duration read(Object raw, String example) {
        Duration value = Durations.parse(TextType.ANY.read(raw, example))
                .orElseThrow(() -> new BadValue("must be " + FORMS, raw));
        if (value.isNegative()) {
            throw new BadValue(positive ? "must be longer than zero" : "must not be negative", raw);
        }
        if (positive && value.isZero()) {
            throw new BadValue("must be longer than zero", raw);
        }
        if (longest != null && value.compareTo(longest) > 0) {
            throw new BadValue("must be at most " + Durations.format(longest), raw);
        }
        return value;
    }

    @Override
    public String render(Duration value) {
        return Durations.format(value);
    }
}
