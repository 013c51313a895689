package org.assemblybot.feature.countdown;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.LongConsumer;
import org.assemblybot.core.chat.OutgoingMessage;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.schedule.Scheduler;
import org.assemblybot.core.store.Outbox;
import org.assemblybot.core.store.RoomSettings;
import org.assemblybot.core.text.RichText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * M6: the bot left or was removed from the room that planned an action. Nobody there can see it, move it or
 * cancel it any more, so it is cancelled: its steps stop, and each partner room is told once and sees its
 * announcement marked cancelled. (Where the room was only a partner, CountdownFeature drops it instead.)
 */
final class SyncRoomRemoval {
    private static final Logger log = LoggerFactory.getLogger(SyncRoomRemoval.class);

    private final CountdownStore store;
    private final Scheduler scheduler;
    private final Outbox outbox;
    private final SyncLiveMessages live;
    private final RoomSettings settings;
    private final CountdownTexts texts;
    private final Clock clock;
    /** Forgets a GO encrypted ahead for the action, if any. */
    private final LongConsumer forgetPreparedGo;

    SyncRoomRemoval(CountdownStore store, Scheduler scheduler, Outbox outbox, SyncLiveMessages live,
                    RoomSettings settings,
                    CountdownTexts texts, Clock clock, LongConsumer forgetPreparedGo) {
        this.store = store;
        this.scheduler = scheduler;
        this.outbox = outbox;
        this.live = live;
        this.settings = settings;
        this.texts = texts;
        this.clock = clock;
        this.forgetPreparedGo = forgetPreparedGo;
    }

    /** Cancels every planned action that {@code removed} planned; the partner rooms are told. */
    void cancelPlannedFrom(RoomId removed) {
        for (SyncAction action : store.plannedIn(removed)) {
            if (!action.originRoom().equals(removed)) {
                continue;
            }
            scheduler.cancelByRef(CountdownFeature.ID, CountdownFeature.ID + ":" + action.id());
            forgetPreparedGo.accept(action.id());
            store.setState(action.id(), SyncAction.State.CANCELLED);
            store.dropRoom(action.id(), removed);
            List<RoomId> active = store.rooms(action.id()).stream().filter(SyncRoom::active).map(SyncRoom::room)
                    .toList();
            live.cancelled(action, active, room -> texts.cancelledAnnouncement(action,
                    settings.zone(room).orElse(ZoneOffset.UTC)));
            for (RoomId room : active) {
                enqueue(room, CountdownFeature.txn(action, "origin-removed", room), texts.originRemoved(action));
            }
            log.info("sync action #{} cancelled: the bot is no longer in its planning room {}", action.id(), removed);
        }
    }

    private void enqueue(RoomId room, String txnId, RichText text) {
        OutgoingMessage message = OutgoingMessage.notice(text.plain(), text.html()).mentioning(text.mentions());
        outbox.enqueue(txnId, room, message, clock.instant());
    }
}
