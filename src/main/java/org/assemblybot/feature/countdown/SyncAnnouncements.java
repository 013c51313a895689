package org.assemblybot.feature.countdown;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.feature.FeatureKit;
import org.assemblybot.core.schedule.MisfirePolicy;
import org.assemblybot.core.schedule.ScheduleItem;

/**
 * The announcement of an action in each of its active rooms, with the current ✋ counts. Planning, a move, an
 * accepted request and a burst of RSVPs all end here; RSVPs come in bursts, so they are shown by one refresh
 * a little later rather than one edit each.
 */
final class SyncAnnouncements {
    private static final Duration REFRESH_DELAY = Duration.ofSeconds(15);

    private final FeatureKit kit;
    private final CountdownStore store;
    private final SyncLiveMessages live;
    private final CountdownTexts texts;
    /** Actions with a refresh item scheduled and not yet run, so that a burst schedules one. */
    private final Set<Long> refreshPending = ConcurrentHashMap.newKeySet();

    SyncAnnouncements(FeatureKit kit, CountdownStore store, SyncLiveMessages live, CountdownTexts texts) {
        this.kit = kit;
        this.store = store;
        this.live = live;
        this.texts = texts;
    }

    /**
     * Shows the announcement in every active room with the current counts: posted where it is new, edited in
     * place where it changed (a live message each, which coalesces what comes in a burst).
     */
    void announce(SyncAction action) {
        Map<RoomId, Integer> counts = store.rsvpCounts(action.id());
        List<SyncRoom> active = store.activeRooms(action.id());
        for (SyncRoom room : active) {
            live.announce(action, room.room(),
                    texts.announcement(action, kit.zoneOf(room.room()), room.room(), counts, active.size()));
        }
    }

    /** RSVPs come in bursts: edit the announcements once for all of them, a little later. */
    void scheduleRefresh(long actionId) {
        if (refreshPending.add(actionId)) {
            SyncAction action = store.find(actionId).orElseThrow();
            String ref = CountdownFeature.ref(action);
            kit.scheduler().schedule(ScheduleItem.once(ref + ":refresh", CountdownFeature.ID, "refresh", ref, null,
                    kit.now().plus(REFRESH_DELAY), MisfirePolicy.RUN_LATE, Duration.ZERO));
        }
    }

    /** The refresh step: the burst is over, the announcements show its counts. */
    void refresh(SyncAction action) {
        refreshPending.remove(action.id());
        announce(action);
    }

    /**
     * The action's refresh item was cancelled with its other steps (a move): the next RSVP must be able to
     * schedule one again.
     */
    void refreshCancelled(long actionId) {
        refreshPending.remove(actionId);
    }
}
