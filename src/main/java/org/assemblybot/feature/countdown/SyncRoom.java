package org.assemblybot.feature.countdown;

import org.assemblybot.core.chat.EventId;
import org.assemblybot.core.chat.RoomId;

/** A room taking part in an action, with the bot's announcement and live countdown message there. */
record SyncRoom(long actionId, RoomId room, String announceTxn, EventId announceEvent, String countdownTxn,
                EventId countdownEvent, boolean active) {
}
