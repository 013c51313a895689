package org.assemblybot.adapter.matrix

import de.connect2x.trixnity.client.MatrixClient
import de.connect2x.trixnity.client.room
import de.connect2x.trixnity.client.room.getState
import de.connect2x.trixnity.client.user
import de.connect2x.trixnity.client.user.PowerLevel
import de.connect2x.trixnity.core.MatrixServerException
import de.connect2x.trixnity.core.model.events.m.room.PinnedEventsEventContent
import de.connect2x.trixnity.core.model.events.m.room.PowerLevelsEventContent
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import org.assemblybot.core.chat.ChatException
import org.assemblybot.core.chat.ChatRefusedException
import org.assemblybot.core.chat.EventId
import org.assemblybot.core.chat.RoomId
import org.assemblybot.core.chat.RoomPins
import de.connect2x.trixnity.core.model.EventId as TEventId
import de.connect2x.trixnity.core.model.RoomId as TRoomId
import de.connect2x.trixnity.core.model.UserId as TUserId

/**
 * Pins as a read-modify-write of the room's `m.room.pinned_events` state (`{"pinned": [event ids]}`): other
 * pins are kept, and pinning twice (or unpinning what is not pinned) sends nothing.
 */
internal class MatrixRoomPins(
    private val client: MatrixClient,
    private val self: TUserId,
) : RoomPins {

    /** Two changes from this process must not both read the old list and drop each other's pin. */
    private val changing = Mutex()

    companion object {
        private const val PINNED_EVENTS = "m.room.pinned_events"
    }

    override fun maySetPins(room: RoomId): Boolean = blocking { maySetPins(room.trixnity()) }

    override fun pin(room: RoomId, event: EventId) {
        val id = event.trixnity()
        change(room) { pinned -> if (id in pinned) null else pinned + id }
    }

    override fun unpin(room: RoomId, event: EventId) {
        val id = event.trixnity()
        change(room) { pinned -> if (id in pinned) pinned - id else null }
    }

    /**
     * M8: the bot's own level against what the pinned-events state needs (`events`, else `state_default`),
     * from the local room state. Room creators (v12) outrank everyone, whatever the levels say.
     */
    private suspend fun maySetPins(roomId: TRoomId): Boolean =
        when (val own = client.user.getPowerLevel(roomId, self).first()) {
            is PowerLevel.Creator -> true
            is PowerLevel.User -> own.level >= requiredLevel(roomId)
        }

    private suspend fun requiredLevel(roomId: TRoomId): Long {
        val levels = client.room.getState<PowerLevelsEventContent>(roomId).first()?.content
            ?: PowerLevelsEventContent()
        // Trixnity keys the map by type name and class; the name is what the event says.
        return levels.events.entries.firstOrNull { it.key.name == PINNED_EVENTS }?.value ?: levels.stateDefault
    }

    /** Applies [update] to the current pins; it answers null when there is nothing to change. */
    private fun change(room: RoomId, update: (List<TEventId>) -> List<TEventId>?) {
        blocking {
            val roomId = room.trixnity()
            if (!maySetPins(roomId)) {
                throw ChatRefusedException("the bot's power level in $room does not allow changing its pins", null)
            }
            changing.withLock {
                val updated = update(currentPins(roomId)) ?: return@withLock
                retryingSend { client.api.room.sendStateEvent(roomId, PinnedEventsEventContent(updated)).getOrThrow() }
            }
        }
    }

    /**
     * From the homeserver, not the local store: a pin sent a moment ago may not have come back through the
     * sync yet, and writing an older list would drop it. A room that never had pins answers 404.
     */
    private suspend fun currentPins(roomId: TRoomId): List<TEventId> = retrying {
        client.api.room.getStateEventContent(type = PINNED_EVENTS, roomId = roomId).fold(
            onSuccess = { content ->
                (content as? PinnedEventsEventContent)?.pinned
                    // Never overwrite pins we could not read.
                    ?: throw ChatException("the pinned events of $roomId are not readable")
            },
            onFailure = { if (it is MatrixServerException && it.statusCode.value == 404) emptyList() else throw it },
        )
    }
}
