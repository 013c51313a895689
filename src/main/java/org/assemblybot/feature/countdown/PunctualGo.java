package org.assemblybot.feature.countdown;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.assemblybot.core.chat.LeadCalibrator;
import org.assemblybot.core.chat.OutgoingMessage;
import org.assemblybot.core.chat.PunctualSender;
import org.assemblybot.core.chat.QuietWindow;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.ops.Metrics;
import org.assemblybot.core.store.Outbox;
import org.assemblybot.core.store.Transactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The GO of a synchronized action, landing in every room at once. Everything that talks to the homeserver —
 * encrypting and sharing room keys a few seconds ahead, the parallel sends at T0 − lead — happens after the
 * scheduled step's transaction commits, never while holding the database. In the transaction, the GO of
 * every room is queued in the outbox (held by the quiet window, never sent after {@code maxGoLateness}); the
 * punctual sends confirm it there, and when the quiet window ends what failed goes out through the outbox
 * with the same transaction id (M1). A crash after the commit leaves the GOs queued, so the next start sends
 * them while they are still on time — or drops them.
 */
final class PunctualGo {
    private static final Logger log = LoggerFactory.getLogger(PunctualGo.class);
    /** The longest the bot's other messages wait for a GO (if the GO step never runs). */
    private static final Duration QUIET_AFTER_T0 = Duration.ofSeconds(2);
    /** How much before the GO's send instant its step runs, to queue the GOs and commit first. */
    static final Duration COMMIT_MARGIN = Duration.ofMillis(150);

    /**
     * How much before T0 the GO step runs: the longest lead the calibration may choose, plus the time to queue
     * the GOs and commit, so the requests never wait for the step.
     */
    static Duration stepAhead(CountdownConfig config) {
        Duration longest = config.goLead().compareTo(LeadCalibrator.MAX_LEAD) > 0 ? config.goLead()
                : LeadCalibrator.MAX_LEAD;
        return longest.plus(COMMIT_MARGIN);
    }

    /** The GO for one room, with its fixed transaction id (M1). */
    record GoMessage(RoomId room, String txnId, OutgoingMessage message) {
    }

    private final PunctualSender punctual;
    private final QuietWindow quiet;
    private final Transactions tx;
    private final Outbox outbox;
    private final Clock clock;
    private final CountdownConfig config;
    private final Metrics metrics;
    /** GO messages encrypted ahead of T0, per action; rebuilt on the spot after a restart. */
    private final Map<Long, List<PunctualSender.Prepared>> prepared = new ConcurrentHashMap<>();

    PunctualGo(PunctualSender punctual, QuietWindow quiet, Transactions tx, Outbox outbox, Clock clock,
               CountdownConfig config, Metrics metrics) {
        this.metrics = metrics;
        this.punctual = punctual;
        this.quiet = quiet;
        this.tx = tx;
        this.outbox = outbox;
        this.clock = clock;
        this.config = config;
    }

    /**
     * T0 minus a few seconds: after the commit, what is queued goes out, the bot's other messages wait from then
     * on (so the homeserver is idle at T0), and the GO is encrypted for every room.
     */
    void prepare(SyncAction action, List<GoMessage> messages) {
        quiet.hold(action.t0().plus(QUIET_AFTER_T0));
        tx.afterCommit(() -> prepared.put(action.id(), prepareAll(action.id(), messages)));
    }

    /** The GO step: queues the GOs and, after the commit, sends them at T0 − lead. */
    void send(SyncAction action, List<GoMessage> messages, Duration late) {
        Instant notAfter = action.t0().plus(config.maxGoLateness());
        for (GoMessage go : messages) {
            outbox.enqueue(new Outbox.Pending(go.txnId(), go.room(), null, new Outbox.Message(go.message()),
                    clock.instant(), notAfter));
        }
        List<PunctualSender.Prepared> ready = prepared.remove(action.id());
        tx.afterCommit(() -> sendPrepared(action, ready, messages, late));
    }

    /** The action was cancelled, moved or dropped: what was prepared for it goes. */
    void forget(long actionId) {
        prepared.remove(actionId);
    }

    /** Outside any transaction: encrypts (and shares keys) for every room. */
    private List<PunctualSender.Prepared> prepareAll(long actionId, List<GoMessage> messages) {
        List<PunctualSender.Prepared> ready = new ArrayList<>();
        for (GoMessage go : messages) {
            try {
                ready.add(punctual.prepare(go.room(), go.txnId(), go.message()));
            } catch (RuntimeException e) {
                log.warn("sync action #{}: could not prepare the GO for {}: {}", actionId, go.room(), e.toString());
            }
        }
        punctual.warmUp(ready.size());
        return ready;
    }

    private void sendPrepared(SyncAction action, List<PunctualSender.Prepared> preparedEarlier,
                              List<GoMessage> messages, Duration late) {
        long actionId = action.id();
        try {
            List<PunctualSender.Prepared> ready = preparedEarlier != null ? preparedEarlier
                    : prepareAll(actionId, messages); // after a restart between preparing and T0
            // A room dropped since preparing (the bot left or was banned, M6) gets no GO.
            Set<RoomId> active = messages.stream().map(GoMessage::room).collect(Collectors.toSet());
            ready = ready.stream().filter(p -> active.contains(p.room())).toList();
            // The lead from the homeserver's stamps on the bot's own earlier sends (the default until known).
            LeadCalibrator leads = punctual.leads();
            LeadCalibrator.Estimate lead = leads.estimate(ready.size(), config.goLead());
            Instant sendAt = action.t0().minus(lead.lead());
            Map<String, RoomId> rooms = ready.stream()
                    .collect(Collectors.toMap(PunctualSender.Prepared::txnId, PunctualSender.Prepared::room));
            leads.expectBurst(sendAt, rooms.keySet(), stamped -> logStamps(action, lead, rooms, stamped));
            Map<RoomId, PunctualSender.Result> results = punctual.sendAll(ready, sendAt);
            int sent = 0;
            long firstLeft = Long.MAX_VALUE;
            long lastLeft = Long.MIN_VALUE;
            for (PunctualSender.Prepared one : ready) {
                PunctualSender.Result result = results.get(one.room());
                if (result != null && result.sent()) {
                    quiet.confirm(one.txnId(), one.room(), result.eventId());
                    Instant accepted = result.acceptedAt() != null ? result.acceptedAt() : clock.instant();
                    metrics.goLateness(one.room(), Duration.between(action.t0(), accepted)); // until stamped
                    if (result.leftAt() != null) {
                        long left = Duration.between(sendAt, result.leftAt()).toMillis();
                        firstLeft = Math.min(firstLeft, left);
                        lastLeft = Math.max(lastLeft, left);
                    }
                    sent++;
                } else {
                    leads.notSent(one.txnId());
                    log.warn("sync action #{}: GO to {} failed at T0; retrying through the outbox", actionId,
                            one.room());
                }
            }
            log.info("sync action #{}: GO sent to {} of {} rooms, lead {} ms ({}, {} samples, first stamp expected"
                            + " {} ms after release, spread {} ms), requests left {}..{} ms after T0 − lead;"
                            + " the step ran {} ms after it was due", actionId, sent, messages.size(),
                    lead.lead().toMillis(), lead.source().name().toLowerCase(java.util.Locale.ROOT), lead.samples(),
                    lead.expectedFirst().toMillis(), lead.expectedSpread().toMillis(),
                    firstLeft == Long.MAX_VALUE ? "?" : firstLeft, lastLeft == Long.MIN_VALUE ? "?" : lastLeft,
                    late.toMillis());
        } finally {
            quiet.release(); // what failed or was never prepared leaves through the outbox now
        }
    }

    /** Once the GO's own echoes are back: where the homeserver stamped it, relative to T0 (ids and numbers only). */
    private void logStamps(SyncAction action, LeadCalibrator.Estimate lead, Map<String, RoomId> rooms,
                           LeadCalibrator.BurstResult stamped) {
        if (stamped.stamps().isEmpty()) {
            log.warn("sync action #{}: no stamp of the GO came back (lead {} ms)", action.id(), lead.lead().toMillis());
            return;
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        int early = 0;
        for (Map.Entry<String, Instant> one : stamped.stamps().entrySet()) {
            Duration lateness = Duration.between(action.t0(), one.getValue());
            RoomId room = rooms.get(one.getKey());
            if (room != null) {
                metrics.goLateness(room, lateness);
            }
            min = Math.min(min, lateness.toMillis());
            max = Math.max(max, lateness.toMillis());
            early += lateness.isNegative() ? 1 : 0;
        }
        if (early > 0) {
            log.warn("sync action #{}: GO stamped {}..{} ms after T0 in {} of {} rooms, {} of them EARLY (lead {} ms)",
                    action.id(), min, max, stamped.stamps().size(), stamped.expected(), early, lead.lead().toMillis());
        } else {
            log.info("sync action #{}: GO stamped {}..{} ms after T0 in {} of {} rooms (lead {} ms)", action.id(),
                    min, max, stamped.stamps().size(), stamped.expected(), lead.lead().toMillis());
        }
    }
}
