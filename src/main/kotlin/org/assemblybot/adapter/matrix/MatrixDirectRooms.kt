package org.assemblybot.adapter.matrix

import de.connect2x.trixnity.client.MatrixClient
import de.connect2x.trixnity.client.room
import de.connect2x.trixnity.client.user
import de.connect2x.trixnity.clientserverapi.model.room.CreateRoom
import de.connect2x.trixnity.core.model.events.InitialStateEvent
import de.connect2x.trixnity.core.model.events.m.room.EncryptionEventContent
import de.connect2x.trixnity.core.model.events.m.room.Membership
import kotlinx.coroutines.flow.first
import org.assemblybot.core.chat.ChatException
import org.assemblybot.core.chat.DirectRooms
import org.assemblybot.core.chat.RoomId
import org.assemblybot.core.chat.UserId
import java.util.concurrent.ConcurrentHashMap

/** The bot's private rooms with one person each. */
internal class MatrixDirectRooms(
    private val client: MatrixClient,
    private val changes: RoomChanges,
) : DirectRooms {

    private val directRooms = ConcurrentHashMap<UserId, RoomId>()

    /**
     * An existing direct room with the person (the bot and them joined or invited, marked direct), else a new
     * encrypted one. Remembered in memory; after a restart the room list is searched again.
     */
    override fun directRoomWith(person: UserId): RoomId = directRooms.computeIfAbsent(person) {
        blocking {
            existingDirectRoom(person) ?: run {
                val roomId = client.api.room.createRoom(
                    invite = setOf(person.trixnity()),
                    isDirect = true,
                    initialState = listOf(InitialStateEvent(EncryptionEventContent(), "")),
                    preset = CreateRoom.Request.Preset.TRUSTED_PRIVATE,
                ).getOrElse { throw ChatException("could not open a direct room: ${it.javaClass.simpleName}", it) }
                changes.markEncrypted(roomId)
                RoomId(roomId.full)
            }
        }
    }

    /** From the local store only: never opens a room, never asks the homeserver. */
    override fun isDirectRoomWith(room: RoomId, person: UserId): Boolean =
        directRooms[person] == room || blocking { existingDirectRoom(person) } == room

    /** A joined room marked direct where the person is joined or invited, from the local store. */
    private suspend fun existingDirectRoom(person: UserId): RoomId? {
        val target = person.trixnity()
        return client.room.getAll().first().values.mapNotNull { it.first() }
            .filter { it.isDirect && it.membership == Membership.JOIN }
            .firstOrNull { room ->
                client.user.getById(room.roomId, target).first()?.event?.content?.membership
                    .let { it == Membership.JOIN || it == Membership.INVITE }
            }
            ?.let { RoomId(it.roomId.full) }
    }
}
