package org.assemblybot.feature.countdown;

import java.util.List;
import java.util.function.Consumer;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.feature.FeatureKit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * M6: the bot left or was removed from the room that planned an action. Nobody there can see it, move it or
 * cancel it any more, so it is cancelled: its steps stop, and each partner room is told once and sees its
 * announcement marked cancelled. (Where the room was only a partner, {@link SyncEvents} drops it instead.)
 */
final class SyncRoomRemoval {
    private static final Logger log = LoggerFactory.getLogger(SyncRoomRemoval.class);

    private final FeatureKit kit;
    private final CountdownStore store;
    private final SyncLiveMessages live;
    private final CountdownTexts texts;
    /** Cancels the action's steps still to come and forgets a GO encrypted ahead, if any. */
    private final Consumer<SyncAction> stopSteps;

    SyncRoomRemoval(FeatureKit kit, CountdownStore store, SyncLiveMessages live, CountdownTexts texts,
                    Consumer<SyncAction> stopSteps) {
        this.kit = kit;
        this.store = store;
        this.live = live;
        this.texts = texts;
        this.stopSteps = stopSteps;
    }

    /** Cancels every planned action that {@code removed} planned; the partner rooms are told. */
    void cancelPlannedFrom(RoomId removed) {
        for (SyncAction action : store.plannedIn(removed)) {
            if (!action.originRoom().equals(removed)) {
                continue;
            }
            stopSteps.accept(action);
            store.setState(action.id(), SyncAction.State.CANCELLED);
            store.dropRoom(action.id(), removed);
            List<RoomId> active = store.activeRooms(action.id()).stream().map(SyncRoom::room).toList();
            live.cancelled(action, active, room -> texts.cancelledAnnouncement(action, kit.zoneOf(room)));
            for (RoomId room : active) {
                kit.post(room, CountdownFeature.txn(action, "origin-removed", room), texts.originRemoved(action));
            }
            log.info("sync action #{} cancelled: the bot is no longer in its planning room {}", action.id(), removed);
        }
    }
}
