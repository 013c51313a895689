package org.assemblybot.feature.vote;

import java.time.Clock;
import org.assemblybot.core.chat.RoomDirectory;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.UserId;
import org.assemblybot.core.schedule.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * M6: the bot left or was removed from a room. That room's open votes close without a result — the bot can
 * no longer post there — and their close and reminder items are cancelled. A secret vote's salt and voter
 * hashes go, as at every close.
 */
final class VoteRoomRemoval {
    private static final Logger log = LoggerFactory.getLogger(VoteRoomRemoval.class);

    private final UserId self;
    private final VoteStore store;
    private final Scheduler scheduler;
    private final RoomDirectory rooms;
    private final Clock clock;

    VoteRoomRemoval(UserId self, VoteStore store, Scheduler scheduler, RoomDirectory rooms, Clock clock) {
        this.self = self;
        this.store = store;
        this.scheduler = scheduler;
        this.rooms = rooms;
        this.clock = clock;
    }

    void removedFrom(RoomId room) {
        for (Vote vote : store.openIn(room)) {
            scheduler.cancelByRef(VoteFeature.ID, VoteFeature.ref(vote));
            if (!store.close(vote.id(), clock.instant())) {
                continue;
            }
            if (vote.secret()) {
                Tally tally = Tally.secret(vote, store.secretBallots(vote.id()), rooms.joinedMembers(room), self);
                store.finishSecret(vote.id(), tally.counts(), tally.voters());
            }
            log.info("{} closed without a result: the bot is no longer in {}", VoteFeature.ref(vote), room);
        }
    }
}
