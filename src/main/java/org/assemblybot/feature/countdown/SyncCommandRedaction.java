package org.assemblybot.feature.countdown;

import java.time.Clock;
import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.feature.CreatorRedactionNotice;
import org.assemblybot.core.store.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * M5: the {@code !sync plan} message of an action still planned was redacted. The action stays planned (the
 * partner rooms count on it, and the redaction may be a moderator's tidying); its planner is asked, in the
 * planning room, whether to cancel it.
 */
final class SyncCommandRedaction {
    private static final Logger log = LoggerFactory.getLogger(SyncCommandRedaction.class);

    private final CountdownStore store;
    private final Outbox outbox;
    private final Clock clock;
    private final String prefix;

    SyncCommandRedaction(CountdownStore store, Outbox outbox, Clock clock, String prefix) {
        this.store = store;
        this.outbox = outbox;
        this.clock = clock;
        this.prefix = prefix;
    }

    /** Runs in the transaction that marks the redaction handled, so a redelivery asks no second time (M3). */
    void onRedaction(ChatEvent.Redaction redaction) {
        store.byCommand(redaction.room(), redaction.redacts()).ifPresent(creation ->
                store.find(creation.id()).filter(SyncAction::planned).ifPresent(action -> {
                    outbox.enqueue(CountdownFeature.txn(action, "command-redacted", action.originRoom()),
                            action.originRoom(), CreatorRedactionNotice.message(action.createdBy(),
                                    "synchronized action #" + action.id(), action.title(), "still planned",
                                    prefix + "sync cancel " + action.id(), creation.threadRoot()),
                            clock.instant());
                    log.info("sync action #{}: its command {} was redacted; asked the planner", action.id(),
                            redaction.redacts());
                }));
    }
}
