package org.assemblybot.feature.countdown;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.live.LiveKey;
import org.assemblybot.core.live.LiveMessages;
import org.assemblybot.core.text.RichText;

/**
 * The two live messages of a synchronized action in each of its rooms: the announcement (edited with the ✋
 * count, a move, a new partner room, the cancel) and the countdown of the final minutes (edited down to "GO
 * now"). {@link LiveMessages} posts, edits in place and coalesces; this class only names them.
 */
final class SyncLiveMessages {
    private final LiveMessages live;

    SyncLiveMessages(LiveMessages live) {
        this.live = live;
    }

    static LiveKey announcement(long actionId) {
        return new LiveKey(CountdownFeature.ID, actionId + ":announce");
    }

    static LiveKey countdown(long actionId) {
        return new LiveKey(CountdownFeature.ID, actionId + ":countdown");
    }

    /** Posts the announcement in {@code room}, or edits it there to {@code text}. */
    void announce(SyncAction action, RoomId room, RichText text) {
        live.show(announcement(action.id()), room, text);
    }

    /** Posts the countdown in {@code room}, or edits it there to {@code text}. */
    void countdown(SyncAction action, RoomId room, RichText text) {
        live.show(countdown(action.id()), room, text);
    }

    /** The countdown's last word, in the rooms where it was shown; then it is done. */
    void countdownAtGo(SyncAction action, List<RoomId> rooms, RichText text) {
        for (RoomId room : rooms) {
            live.update(countdown(action.id()), room, text);
        }
        live.retire(countdown(action.id()));
    }

    /** Marks the announcements cancelled where they were shown; nothing of the action is edited after. */
    void cancelled(SyncAction action, List<RoomId> rooms, Function<RoomId, RichText> text) {
        for (RoomId room : rooms) {
            live.update(announcement(action.id()), room, text.apply(room));
        }
        ended(action);
    }

    /** The action is over (done, missed or cancelled): its messages keep what they show. */
    void ended(SyncAction action) {
        live.retire(announcement(action.id()));
        live.retire(countdown(action.id()));
    }

    /** The action whose announcement in {@code room} is {@code event} (a ✋ there is an RSVP). */
    Optional<Long> actionAnnouncedBy(RoomId room, EventId event) {
        return live.keyOf(room, event)
                .filter(key -> key.feature().equals(CountdownFeature.ID) && key.name().endsWith(":announce"))
                .map(key -> Long.parseLong(key.name().substring(0, key.name().indexOf(':'))));
    }

    /** Someone redacted one of the bot's messages: a live one is no longer edited. */
    void redacted(RoomId room, EventId event) {
        live.redacted(room, event);
    }
}
