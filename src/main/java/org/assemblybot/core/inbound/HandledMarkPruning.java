package org.assemblybot.core.inbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import org.assemblybot.core.store.ProcessedEvents;
import org.assemblybot.core.store.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long the "handled" marks (M3) are kept — the one place that decides it — and their removal.
 *
 * <p>A mark only matters while a redelivery of its event could still pass the {@link InboundFilter}, and the
 * filter refuses everything sent more than the maximum command age ago. A command is marked only after it
 * passed the filter, which also refuses stamps more than {@link InboundFilter#ALLOWED_CLOCK_SKEW} ahead of
 * the host clock; so for a mark written at host time H the event was stamped before H + that skew, and
 * once the host clock is past H + max age + skew a redelivery is refused as too old anyway. Any margin of
 * at least that skew is therefore safe, whichever way the host clock is corrected later.
 *
 * <p>The margin is an hour, not five seconds, because undecryptable events are marked without the filter's
 * checks (the mark keeps the room's failure count from growing on a redelivery): with a homeserver clock
 * up to an hour ahead of the host, a recent one is still never counted twice. An hour of marks costs a few
 * kilobytes.
 */
public final class HandledMarkPruning {
    private static final Logger log = LoggerFactory.getLogger(HandledMarkPruning.class);

    static final Duration MARGIN = Duration.ofHours(1);

    /**
     * Marks deleted per transaction: each batch holds the one database writer for milliseconds, so the
     * delivery thread never waits long behind pruning, even for the backlog of a database never pruned.
     */
    static final int BATCH = 500;

    private final ProcessedEvents marks;
    private final Transactions tx;
    private final Duration keep;
    private final Clock clock;
    private final int batch;

    public HandledMarkPruning(ProcessedEvents marks, Transactions tx, Duration maxCommandAge, Clock clock) {
        this(marks, tx, maxCommandAge, clock, BATCH);
    }

    HandledMarkPruning(ProcessedEvents marks, Transactions tx, Duration maxCommandAge, Clock clock, int batch) {
        this.marks = Objects.requireNonNull(marks, "marks");
        this.tx = Objects.requireNonNull(tx, "tx");
        this.keep = Objects.requireNonNull(maxCommandAge, "maxCommandAge").plus(MARGIN);
        this.clock = Objects.requireNonNull(clock, "clock");
        if (batch < 1) {
            throw new IllegalArgumentException("the batch size must be positive");
        }
        this.batch = batch;
    }

    /** Marks written before this instant can never be needed again. */
    public Instant cutoff() {
        return clock.instant().minus(keep);
    }

    /**
     * Deletes the marks older than {@link #cutoff()}, a batch per transaction; returns how many. The cutoff
     * is fixed when the run starts, so a run ends even while new marks arrive. An interrupt (shutdown) stops
     * it between batches; what is left goes next time.
     */
    public int prune() {
        Instant cutoff = cutoff();
        int total = 0;
        while (!Thread.currentThread().isInterrupted()) {
            int deleted = tx.inTransaction(() -> marks.pruneOlderThan(cutoff, batch));
            total += deleted;
            if (deleted < batch) {
                break;
            }
        }
        if (total > 0) {
            log.info("forgot {} handled marks from before {}", total, cutoff);
        }
        return total;
    }
}
