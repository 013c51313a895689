package org.assemblybot.core.outbox;

import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.RoomId;
import org.assemblybot.core.chat.RoomPins;

/**
 * {@link RoomPins} for a chat edge that cannot pin: the bot may set pins nowhere, so the relay skips every pin
 * and unpin quietly, exactly as in a room where its power level is too low (M8).
 */
public final class PinningUnavailable implements RoomPins {
    public static final RoomPins INSTANCE = new PinningUnavailable();

    private PinningUnavailable() {
    }

    @Override
    public boolean maySetPins(RoomId room) {
        return false;
    }

    @Override
    public void pin(RoomId room, EventId event) {
        throw new IllegalStateException("pinning is unavailable; maySetPins said so");
    }

    @Override
    public void unpin(RoomId room, EventId event) {
        throw new IllegalStateException("pinning is unavailable; maySetPins said so");
    }
}
