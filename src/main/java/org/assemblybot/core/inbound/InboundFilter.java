package org.assemblybot.core.inbound;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.store.ProcessedEvents;
import org.assemblybot.core.store.RoomJoins;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place that decides whether an inbound event may run a command, or reach the features. Sync
 * delivers at least once, replays backlog and history, and echoes the bot's own output; everything that
 * must never run a command is dropped here, so no feature has to remember it (M3, M4, M5).
 */
public final class InboundFilter {
    private static final Logger log = LoggerFactory.getLogger(InboundFilter.class);

    /** Homeserver clocks drift a little: a timestamp this far in the future counts as "now". */
    static final Duration ALLOWED_CLOCK_SKEW = Duration.ofSeconds(5);

    public enum Reason {
        /** A message that may run a command. */
        RUN,
        /** The bot's own event (its echo). */
        OWN_EVENT,
        /** Bot output: notices never trigger bots, which prevents bot loops. */
        NOTICE,
        /** An {@code m.replace}: editing a command never runs it again (M5). */
        EDIT,
        /** Backlog of the device's very first sync (M4). */
        INITIAL_SYNC_BACKLOG,
        /** Sent before the bot joined the room (M4). */
        BEFORE_JOIN,
        /** Older than the configured maximum command age (M4), e.g. delivered after a long outage. */
        TOO_OLD,
        /** Stamped further in the future than clock skew explains; its age cannot be judged. */
        FROM_THE_FUTURE,
        /** Already acted on: sync redelivered it (M3). */
        ALREADY_HANDLED,
        /** Not a room message (reactions, poll responses, memberships …): see {@link #forFeatures}. */
        NOT_A_MESSAGE
    }

    public record Verdict(Reason reason) {
        public Verdict {
            Objects.requireNonNull(reason, "reason");
        }

        public boolean runsCommand() {
            return reason == Reason.RUN;
        }
    }

    private final UserId self;
    private final Duration maxCommandAge;
    private final RoomJoins joins;
    private final ProcessedEvents processed;
    private final Clock clock;

    public InboundFilter(UserId self, Duration maxCommandAge, RoomJoins joins, ProcessedEvents processed,
                         Clock clock) {
        this.self = Objects.requireNonNull(self, "self");
        this.maxCommandAge = Objects.requireNonNull(maxCommandAge, "maxCommandAge");
        this.joins = Objects.requireNonNull(joins, "joins");
        this.processed = Objects.requireNonNull(processed, "processed");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxCommandAge.isNegative() || maxCommandAge.isZero()) {
            throw new IllegalArgumentException("the maximum command age must be positive");
        }
    }

    /** Whether {@code event} may run a command. Cheap checks first; the store is asked last. */
    public Verdict check(ChatEvent event, boolean initialSync) {
        Verdict verdict = new Verdict(reasonFor(event, initialSync));
        if (!verdict.runsCommand()) {
            // Ids and the reason only: never the body (P2).
            log.debug("Not running {} in {}: {}", event.id(), event.room(), verdict.reason());
        }
        return verdict;
    }

    private Reason reasonFor(ChatEvent event, boolean initialSync) {
        if (event.sender().equals(self)) {
            return Reason.OWN_EVENT;
        }
        if (!(event instanceof ChatEvent.Message message)) {
            return Reason.NOT_A_MESSAGE;
        }
        if (message.isNotice()) {
            return Reason.NOTICE;
        }
        if (message.isEdit()) {
            return Reason.EDIT;
        }
        if (initialSync) {
            return Reason.INITIAL_SYNC_BACKLOG;
        }
        if (sentBeforeJoin(event, initialSync)) {
            return Reason.BEFORE_JOIN;
        }
        return timeAndHistory(event).orElse(Reason.RUN);
    }

    /**
     * Non-message events (reactions, poll responses, memberships, redactions, undecryptable events) that
     * features may act on: not the bot's own, not first-sync backlog, not too old, not already handled.
     */
    public boolean forFeatures(ChatEvent event, boolean initialSync) {
        if (event instanceof ChatEvent.Message || event.sender().equals(self) || initialSync) {
            return false;
        }
        return timeAndHistory(event).isEmpty();
    }

    /**
     * A room whose join is not recorded yet is one the bot is joining right now (the join is recorded when
     * its membership arrives): live events from it are fine, first-sync backlog is not.
     */
    private boolean sentBeforeJoin(ChatEvent event, boolean initialSync) {
        Optional<Instant> joinedAt = joins.joinedAt(event.room());
        return joinedAt.map(joined -> event.sentAt().isBefore(joined)).orElse(initialSync);
    }

    /** The checks messages and feature events share: age, then redelivery. Empty when the event passes. */
    private Optional<Reason> timeAndHistory(ChatEvent event) {
        Instant now = clock.instant();
        Instant sentAt = event.sentAt();
        if (sentAt.isAfter(now.plus(ALLOWED_CLOCK_SKEW))) {
            return Optional.of(Reason.FROM_THE_FUTURE);
        }
        Instant effectiveSentAt = sentAt.isAfter(now) ? now : sentAt;
        if (Duration.between(effectiveSentAt, now).compareTo(maxCommandAge) > 0) {
            return Optional.of(Reason.TOO_OLD);
        }
        if (processed.isHandled(event.id())) {
            return Optional.of(Reason.ALREADY_HANDLED);
        }
        return Optional.empty();
    }
}
