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
        Instant sendAt = action.t0().minus(config.goLead());
        tx.afterCommit(() -> sendPrepared(action, ready, messages, sendAt, late));
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
                              List<GoMessage> messages, Instant sendAt, Duration late) {
        long actionId = action.id();
        try {
            List<PunctualSender.Prepared> ready = preparedEarlier != null ? preparedEarlier
                    : prepareAll(actionId, messages); // after a restart between preparing and T0
            // A room dropped since preparing (the bot left or was banned, M6) gets no GO.
            Set<RoomId> active = messages.stream().map(GoMessage::room).collect(Collectors.toSet());
            ready = ready.stream().filter(p -> active.contains(p.room())).toList();
            Map<RoomId, PunctualSender.Result> results = punctual.sendAll(ready, sendAt);
            int sent = 0;
            for (PunctualSender.Prepared one : ready) {
                PunctualSender.Result result = results.get(one.room());
                if (result != null && result.sent()) {
                    quiet.confirm(one.txnId(), one.room(), result.eventId());
                    Instant accepted = result.acceptedAt() != null ? result.acceptedAt() : clock.instant();
                    metrics.goLateness(one.room(), Duration.between(action.t0(), accepted));
                    sent++;
                } else {
                    log.warn("sync action #{}: GO to {} failed at T0; retrying through the outbox", actionId,
                            one.room());
                }
            }
            log.info("sync action #{}: GO sent to {} of {} rooms at T0, the step ran {} ms after it was due",
                    actionId, sent, messages.size(), late.toMillis());
        } finally {
            quiet.release(); // what failed or was never prepared leaves through the outbox now
        }
    }
}
