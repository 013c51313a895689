package org.assemblybot.feature.vote;

import java.time.Clock;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.schedule.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * M6: the bot left or was removed from a room. That room's open votes close without a result — the bot can
 * no longer post there — and their close and reminder items are cancelled. A secret vote's record of who
 * voted goes, as at every close.
 */
final class VoteRoomRemoval {
    private static final Logger log = LoggerFactory.getLogger(VoteRoomRemoval.class);

    private final VoteStore store;
    private final SecretBallotBox secretBallots;
    private final Scheduler scheduler;
    private final Clock clock;

    VoteRoomRemoval(VoteStore store, SecretBallotBox secretBallots, Scheduler scheduler, Clock clock) {
        this.store = store;
        this.secretBallots = secretBallots;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    void removedFrom(RoomId room) {
        for (Vote vote : store.openIn(room)) {
            scheduler.cancelByRef(VoteFeature.ID, VoteFeature.ref(vote));
            if (!store.close(vote.id(), clock.instant())) {
                continue;
            }
            if (vote.secret()) {
                secretBallots.finish(vote); // who voted goes, as at any close
            }
            log.info("{} closed without a result: the bot is no longer in {}", VoteFeature.ref(vote), room);
        }
    }
}
