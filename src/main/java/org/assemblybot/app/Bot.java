package org.assemblybot.app;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.ChatListener;
import org.assemblybot.core.chat.DirectRooms;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.OutgoingMessage;
import org.assemblybot.core.chat.RoomDirectory;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.command.CommandParser;
import org.assemblybot.core.command.CommandRouter;
import org.assemblybot.core.command.Invocation;
import org.assemblybot.core.command.Outcome;
import org.assemblybot.core.command.ParsedCommand;
import org.assemblybot.core.command.Reply;
import org.assemblybot.core.feature.Feature;
import org.assemblybot.core.inbound.CommandThrottle;
import org.assemblybot.core.outbox.OutboxSender;
import org.assemblybot.core.inbound.InboundFilter;
import org.assemblybot.core.ops.Metrics;
import org.assemblybot.core.store.Outbox;
import org.assemblybot.core.store.ProcessedEvents;
import org.assemblybot.core.store.RoomJoins;
import org.assemblybot.core.store.RoomSettings;
import org.assemblybot.core.store.Transactions;
import org.assemblybot.core.store.UndecryptableCounts;
import org.assemblybot.core.text.RichText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot's reaction to chat events: the filter decides, the router runs commands, and each command's
 * effect, its "handled" mark and its reply are committed in one transaction (M3) before the reply leaves
 * through the outbox (M1). Runs on the chat adapter's single delivery thread.
 */
final class Bot implements ChatListener {
    private static final Logger log = LoggerFactory.getLogger(Bot.class);
    /** Characters (code points) a command may have; the longest real one, a mirror card with its links, stays under 2,000. */
    static final int MAX_COMMAND_LENGTH = 4000;

    /** Collaborators, grouped so the constructor stays readable. */
    record Stores(Transactions transactions, ProcessedEvents processed, Outbox outbox, RoomJoins joins,
                  RoomSettings settings, UndecryptableCounts undecryptable) {
    }

    private final UserId self;
    private final InboundFilter filter;
    private final CommandParser parser;
    private final CommandRouter router;
    private final Stores stores;
    private final OutboxSender outboxSender;
    private final RoomDirectory rooms;
    private final DirectRooms directRooms;
    private final Predicate<UserId> invitesAllowedFrom;
    private final List<Feature> features;
    private final Duration maxCommandAge;
    private final CommandThrottle throttle;
    private final Clock clock;
    private volatile boolean accepting = true;
    private volatile Metrics metrics = Metrics.NOOP;

    Bot(UserId self, InboundFilter filter, CommandParser parser, CommandRouter router, Stores stores,
        OutboxSender outboxSender, RoomDirectory rooms, DirectRooms directRooms, Predicate<UserId> invitesAllowedFrom,
        List<Feature> features, Duration maxCommandAge, CommandThrottle throttle, Clock clock) {
        this.self = self;
        this.filter = filter;
        this.parser = parser;
        this.router = router;
        this.stores = stores;
        this.outboxSender = outboxSender;
        this.rooms = rooms;
        this.directRooms = directRooms;
        this.invitesAllowedFrom = invitesAllowedFrom;
        this.features = List.copyOf(features);
        this.maxCommandAge = maxCommandAge;
        this.throttle = throttle;
        this.clock = clock;
    }

    /** Counts the events delivered and the undecryptable ones (the operators' metrics). */
    void observe(Metrics metrics) {
        this.metrics = metrics;
    }

    /** Stop taking commands (shutdown, T5); events arriving later are left for the next start. */
    void stopAccepting() {
        accepting = false;
    }

    @Override
    public void onInvite(RoomId room, UserId inviter) {
        if (!accepting) {
            return;
        }
        metrics.eventHandled("invite");
        if (!invitesAllowedFrom.test(inviter)) {
            // M7: refuse by default. Declining tells the inviter at once instead of leaving the invite pending.
            log.info("declining invite to {} from {}: not in access.invites_from", room, inviter);
            try {
                rooms.leave(room);
            } catch (RuntimeException e) {
                log.warn("could not decline invite to {}: {}", room, e.getMessage());
            }
            return;
        }
        log.info("joining {} on invite from {}", room, inviter);
        try {
            rooms.join(room);
        } catch (RuntimeException e) {
            log.warn("could not join {}: {}", room, e.getMessage());
        }
    }

    @Override
    public void onEvent(ChatEvent event, boolean initialSync) {
        if (!accepting) {
            return;
        }
        metrics.eventHandled(kind(event));
        try {
            if (event instanceof ChatEvent.Membership membership) {
                onMembership(membership);
            } else if (event instanceof ChatEvent.Message message) {
                onMessage(message, initialSync);
            } else if (event instanceof ChatEvent.Undecryptable undecryptable) {
                onUndecryptable(undecryptable, initialSync);
                if (!initialSync) {
                    features.forEach(feature -> feature.onEvent(undecryptable)); // e.g. honest vote tallies (E4)
                }
            } else if (filter.forFeatures(event, initialSync)) {
                onFeatureEvent(event);
            }
        } catch (RuntimeException e) {
            // Never crash the delivery thread; never log contents.
            log.error("failed to handle {} {} in {}", event.getClass().getSimpleName(), event.id(), event.room(), e);
        }
    }

    /**
     * Reactions, poll responses and redactions (M3, M5): the features' effects and the "handled" mark commit
     * together, so a redelivered event — e.g. an old poll response after a newer {@code !v} — changes nothing.
     */
    private void onFeatureEvent(ChatEvent event) {
        onceForFeatures(event, feature -> feature.onEvent(event));
    }

    /** The features' effects and the event's "handled" mark commit together (M3); then what they queued goes. */
    private void onceForFeatures(ChatEvent event, Consumer<Feature> effect) {
        Instant now = clock.instant();
        stores.transactions().run(() -> {
            if (stores.processed().markHandled(event.room(), event.id(), now)) {
                features.forEach(effect);
            }
        });
        outboxSender.flush(); // what the features queued in answer
    }

    private void onMembership(ChatEvent.Membership membership) {
        RoomId room = membership.room();
        boolean removed = membership.target().equals(self)
                && ("leave".equals(membership.membership()) || "ban".equals(membership.membership()));
        if (membership.target().equals(self) && "join".equals(membership.membership())) {
            stores.transactions().run(() -> stores.joins().recordJoin(room, membership.sentAt()));
        }
        if (!removed) {
            features.forEach(feature -> feature.onEvent(membership));
            outboxSender.flush();
            return;
        }
        // M6: removed or left — forget what we kept for that room; the features cancel what it had pending
        // (in the same transaction), and what still waited to be sent there goes.
        log.info("no longer in {} ({}); forgetting its data", room, membership.membership());
        stores.transactions().run(() -> {
            stores.settings().forget(room);
            stores.joins().forget(room);
            features.forEach(feature -> feature.onEvent(membership));
            dropQueuedFor(room);
        });
        outboxSender.flush();
    }

    /** The bot can no longer post in a room it was removed from: what waits for that room goes (M6). */
    private void dropQueuedFor(RoomId room) {
        for (Outbox.Pending pending : stores.outbox().pending()) {
            if (room.equals(pending.room())) { // entries for a person (their direct room) have no room
                stores.outbox().remove(pending.txnId());
            }
        }
    }

    private void onMessage(ChatEvent.Message message, boolean initialSync) {
        if (!"m.text".equals(message.msgtype())) {
            return; // only typed text runs commands: not emotes, notices or someone's poll fallback
        }
        InboundFilter.Verdict verdict = filter.check(message, initialSync);
        if (!verdict.runsCommand()) {
            log.debug("not running {}: {}", message.id(), verdict.reason());
            return;
        }
        Optional<ParsedCommand> parsed = parser.parse(message.body());
        if (parsed.isPresent()) {
            runCommand(message, parsed.get());
        } else if (directRooms.isDirectRoomWith(message.room(), message.sender())) {
            // A person answering the bot in private (e.g. the debrief's questions in turn). The filter already
            // dropped edits (M5), notices, backlog and redeliveries; the body is never logged (P2).
            onceForFeatures(message, feature -> feature.onDirectMessage(message));
        }
    }

    private void runCommand(ChatEvent.Message message, ParsedCommand command) {
        Instant received = clock.instant();
        Invocation invocation = new Invocation(message.room(), message.sender(), message.id(), message.sentAt(),
                message.encrypted(), message.threadRoot());
        String txnId = replyTxnId(message.id());
        CommandThrottle.Decision admitted = throttle.admit(message.room(), message.sender());
        if (admitted != CommandThrottle.Decision.RUN) {
            // P5: over the limit. Marked handled either way, so a redelivery does not count twice.
            stores.transactions().run(() -> {
                if (stores.processed().markHandled(message.room(), message.id(), received)
                        && admitted == CommandThrottle.Decision.REFUSE_AND_SAY_SO) {
                    queueReply(message, txnId, Reply.text(throttle.refusal()), received);
                }
            });
            outboxSender.flush();
            return;
        }
        // The command itself, without a reply's quote of the message it answers.
        int length = command.name().length() + command.rawArgs().codePointCount(0, command.rawArgs().length());
        if (length > MAX_COMMAND_LENGTH) {
            // No command needs this much (each feature limits its own texts further); a huge paste is answered
            // without running it, so no feature has to guard against it and nothing of it is kept.
            stores.transactions().run(() -> {
                if (stores.processed().markHandled(message.room(), message.id(), received)) {
                    queueReply(message, txnId, Reply.text("That command is " + length + " characters long; "
                            + "commands take at most " + MAX_COMMAND_LENGTH + ". Shorten it, or put long texts "
                            + "behind a link."), received);
                }
            });
            outboxSender.flush();
            return;
        }
        Outcome failed = null;
        long start = System.nanoTime();
        try {
            stores.transactions().run(() -> {
                if (!stores.processed().markHandled(message.room(), message.id(), received)) {
                    return; // M3: delivered again; it already ran
                }
                Outcome outcome = router.dispatch(command, invocation);
                if (outcome.internalError()) {
                    throw new RolledBack(outcome); // undo the half-done effect, answer with the apology below
                }
                queueReply(message, txnId, outcome.reply(), received);
            });
        } catch (RolledBack rolledBack) {
            failed = rolledBack.outcome;
        }
        log.debug("{} ran and committed in {} ms", message.id(), (System.nanoTime() - start) / 1_000_000);
        if (failed != null) {
            Outcome apology = failed;
            stores.transactions().run(() -> {
                if (stores.processed().markHandled(message.room(), message.id(), received)) {
                    queueReply(message, txnId, apology.reply(), received);
                }
            });
        }
        outboxSender.flush();
    }

    private void queueReply(ChatEvent.Message command, String txnId, Reply reply, Instant at) {
        OutgoingMessage outgoing = OutgoingMessage.notice(reply.body(), reply.html())
                .inThread(command.threadRoot(), command.id())
                .mentioning(reply.mentions());
        stores.outbox().enqueue(txnId, command.room(), outgoing, at);
    }

    /** E4: count, and tell each person once how to fix it — never answer every failure. */
    private void onUndecryptable(ChatEvent.Undecryptable event, boolean initialSync) {
        if (initialSync || event.sender().equals(self)) {
            return;
        }
        Instant now = clock.instant();
        boolean afterJoin = stores.joins().joinedAt(event.room()).map(j -> !event.sentAt().isBefore(j)).orElse(true);
        boolean recent = afterJoin && Duration.between(event.sentAt(), now).compareTo(maxCommandAge) <= 0;
        stores.transactions().run(() -> {
            if (!stores.processed().markHandled(event.room(), event.id(), now)) {
                return;
            }
            long total = stores.undecryptable().recordFailure(event.room());
            stores.transactions().afterCommit(metrics::undecryptable);
            log.info("undecryptable event {} in {} ({} so far in this room)", event.id(), event.room(), total);
            if (recent && stores.undecryptable().firstNoticeFor(event.room(), event.sender())) {
                RichText text = RichText.create()
                        .mention(event.sender(), event.sender().value())
                        .text(": I could not decrypt your message, so I could not read it. Your app has not "
                                + "shared its keys with my device. Check that your app trusts my session "
                                + "(it is cross-signed), or turn off \"send only to verified sessions\", "
                                + "then send the command again.");
                OutgoingMessage notice = OutgoingMessage.notice(text.plain(), text.html())
                        .inThread(null, event.id())
                        .mentioning(text.mentions());
                stores.outbox().enqueue(replyTxnId(event.id()), event.room(), notice, now);
            }
        });
        outboxSender.flush();
    }

    /** The metrics label of an event: its type in snake case (message, poll_response, …), never its content. */
    static String kind(ChatEvent event) {
        return event.getClass().getSimpleName().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
    }

    /** The reply's transaction id derives from the command's event id: the same command, the same reply. */
    static String replyTxnId(EventId command) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(command.value().getBytes(StandardCharsets.UTF_8));
            return "ab-r-" + HexFormat.of().formatHex(hash, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class RolledBack extends RuntimeException {
        private final transient Outcome outcome;

        RolledBack(Outcome outcome) {
            super(null, null, false, false);
            this.outcome = outcome;
        }
    }
}
