package org.assemblybot.feature.countdown;

import org.assemblybot.core.chat.ChatEvent;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.feature.FeatureKit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the countdown does with events other than commands: a ✋ on an announcement is an RSVP, a redaction
 * withdraws one (or asks the planner, when it was the plan command), and the bot leaving a room cancels what
 * that room planned and drops it from the rest.
 */
final class SyncEvents {
    private static final Logger log = LoggerFactory.getLogger(SyncEvents.class);

    private final FeatureKit kit;
    private final CountdownStore store;
    private final SyncLiveMessages live;
    private final SyncAnnouncements announcements;
    private final CountdownTexts texts;
    private final SyncCommandRedaction commandRedaction;
    private final SyncRoomRemoval roomRemoval;

    SyncEvents(FeatureKit kit, CountdownStore store, SyncLiveMessages live, SyncAnnouncements announcements,
               CountdownTexts texts, SyncCommandRedaction commandRedaction, SyncRoomRemoval roomRemoval) {
        this.kit = kit;
        this.store = store;
        this.live = live;
        this.announcements = announcements;
        this.texts = texts;
        this.commandRedaction = commandRedaction;
        this.roomRemoval = roomRemoval;
    }

    void onEvent(ChatEvent event) {
        if (event instanceof ChatEvent.Reaction reaction && isRaisedHand(reaction.key())) {
            live.actionAnnouncedBy(reaction.room(), reaction.target())
                    .flatMap(store::find)
                    .filter(SyncAction::planned)
                    .ifPresent(action -> {
                        if (store.rsvp(action.id(), reaction.room(), reaction.sender(), reaction.id())) {
                            announcements.scheduleRefresh(action.id());
                        }
                    });
        } else if (event instanceof ChatEvent.Redaction redaction) {
            live.redacted(redaction.room(), redaction.redacts());
            store.withdrawRsvp(redaction.room(), redaction.redacts()).ifPresent(announcements::scheduleRefresh);
            commandRedaction.onRedaction(redaction);
        } else if (event instanceof ChatEvent.Membership membership && membership.target().equals(kit.self())
                && (membership.membership().equals("leave") || membership.membership().equals("ban"))) {
            roomRemoval.cancelPlannedFrom(membership.room());
            dropRoom(membership.room());
        }
    }

    /** M6: removed from a partner room — drop it from every action and tell the others. */
    private void dropRoom(RoomId removed) {
        for (SyncAction action : store.plannedIn(removed)) {
            boolean tookPart = store.activeRooms(action.id()).stream().anyMatch(r -> r.room().equals(removed));
            store.dropRoom(action.id(), removed);
            log.info("sync action #{}: dropped room {} (the bot is no longer there)", action.id(), removed);
            if (!tookPart) {
                continue; // only asked: the others never heard of it
            }
            for (SyncRoom room : store.activeRooms(action.id())) {
                kit.post(room.room(), CountdownFeature.txn(action, "dropped-" + removed.value(), room.room()),
                        texts.roomDropped(action));
            }
        }
    }

    private static boolean isRaisedHand(String key) {
        return !key.isEmpty() && key.codePointAt(0) == CountdownTexts.HAND.codePointAt(0);
    }
}
