package org.assemblybot.core.ops;

import java.time.Duration;
import org.assemblybot.core.chat.RoomId;

/**
 * What the bot counts for its operators, as a port: the core and the features call it, an adapter turns it
 * into metrics (Prometheus), so neither knows a metrics library. Every method is cheap and never throws;
 * labels are kinds from small fixed sets (event kinds, outbox intents, feature ids) — never message text,
 * never user ids (P2). The only per-room value is a GO's lateness; see {@link #goLateness}.
 */
public interface Metrics {
    /** Counts nothing: the default where no metrics are wired (tests, {@code ops.listen} unset). */
    Metrics NOOP = new Metrics() {
    };

    /** An inbound event reached the bot; {@code kind} is e.g. message, reaction, membership, invite. */
    default void eventHandled(String kind) {
    }

    /** The relay performed an outbox entry; {@code kind} is message, edit, poll_start, redaction, … */
    default void sent(String kind) {
    }

    /** An outbox entry could not be sent this time and stays queued (M1). */
    default void sendFailed() {
    }

    /** An outbox entry was dropped: too late for its deadline, or refused for good (e.g. removed from the room). */
    default void sendDropped(String reason) {
    }

    /** The homeserver answered 429 (M2); counted wherever it was waited out. */
    default void rateLimited() {
    }

    /** An event the bot could not decrypt (E4), counted once per event. */
    default void undecryptable() {
    }

    /** A scheduled step ran within its grace; {@code feature} is the owning feature's id. */
    default void stepOnTime(String feature) {
    }

    /** A scheduled step ran after its grace because its misfire policy says to run late (T2). */
    default void stepLate(String feature) {
    }

    /** A scheduled step was too late and recorded as missed or skipped instead of run (T2). */
    default void stepMissed(String feature) {
    }

    /**
     * How late the GO of a synchronized action reached the homeserver in {@code room} (negative: early),
     * measured when the homeserver's answer arrived. Per room on purpose: the operator needs to know which
     * room's GO was late, and the rooms are few (those the bot is in, at most {@code countdown.max_rooms} per
     * action).
     */
    default void goLateness(RoomId room, Duration lateness) {
    }
}
