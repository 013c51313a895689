package org.assemblybot.feature.vote;

import java.time.Clock;
import java.time.Instant;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.feature.CreatorRedactionNotice;
import org.assemblybot.core.schedule.ScheduledTxn;
import org.assemblybot.core.store.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * M5: the {@code !vote} or {@code !propose} message that started a vote still open was redacted. The vote
 * stays open (the redaction may be a moderator's tidying); its creator is asked whether to close it.
 */
final class VoteCommandRedaction {
    private static final Logger log = LoggerFactory.getLogger(VoteCommandRedaction.class);

    private final VoteStore store;
    private final Outbox outbox;
    private final Clock clock;
    private final String prefix;

    VoteCommandRedaction(VoteStore store, Outbox outbox, Clock clock, String prefix) {
        this.store = store;
        this.outbox = outbox;
        this.clock = clock;
        this.prefix = prefix;
    }

    /** Runs in the transaction that marks the redaction handled, so a redelivery asks no second time (M3). */
    void onRedaction(ChatEvent.Redaction redaction) {
        store.byCommand(redaction.room(), redaction.redacts()).ifPresent(creation ->
                store.find(creation.id()).filter(Vote::open).ifPresent(vote -> {
                    String ref = VoteFeature.ref(vote);
                    outbox.enqueue(ScheduledTxn.of(ref + ":command-redacted", Instant.EPOCH, vote.room(), "asked"),
                            vote.room(), CreatorRedactionNotice.message(vote.createdBy(), vote.label(), vote.question(),
                                    "still open", prefix + "vote close " + vote.id(), creation.threadRoot()),
                            clock.instant());
                    log.info("{}: its command {} was redacted; asked the creator", ref, redaction.redacts());
                }));
    }
}
