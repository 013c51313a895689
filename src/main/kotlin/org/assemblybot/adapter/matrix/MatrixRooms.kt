package org.assemblybot.adapter.matrix

import de.connect2x.trixnity.client.MatrixClient
import de.connect2x.trixnity.client.room
import de.connect2x.trixnity.client.room.getState
import de.connect2x.trixnity.client.store.OlmCryptoStore
import de.connect2x.trixnity.client.user
import de.connect2x.trixnity.client.user.PowerLevel
import de.connect2x.trixnity.core.model.RoomAliasId
import de.connect2x.trixnity.core.model.events.m.room.CanonicalAliasEventContent
import de.connect2x.trixnity.core.model.events.m.room.Membership
import kotlinx.coroutines.flow.first
import org.assemblybot.core.chat.ChatException
import org.assemblybot.core.chat.RoomDirectory
import org.assemblybot.core.chat.RoomId
import org.assemblybot.core.chat.UserId
import org.slf4j.LoggerFactory
import java.util.Optional
import de.connect2x.trixnity.core.model.RoomId as TRoomId

/**
 * The rooms the bot is in, answered from the local store: commands ask inside their database transaction,
 * so nothing here waits for the homeserver except joining and leaving.
 */
internal class MatrixRooms(
    private val client: MatrixClient,
    private val changes: RoomChanges,
) : RoomDirectory {

    companion object {
        private val log = LoggerFactory.getLogger(MatrixRooms::class.java)
    }

    override fun powerLevel(room: RoomId, user: UserId): Long = blocking {
        when (val level = client.user.getPowerLevel(room.trixnity(), user.trixnity()).first()) {
            is PowerLevel.Creator -> RoomDirectory.CREATOR
            is PowerLevel.User -> level.level
        }
    }

    /** Encrypted once we have seen its encryption state or encrypted traffic, even before the store knows. */
    override fun isEncrypted(room: RoomId): Boolean = room.trixnity().let { roomId ->
        changes.knownEncrypted(roomId) || blocking { client.room.getById(roomId).first()?.encrypted ?: false }
    }

    /**
     * From the local store only, never the homeserver: commands ask inside their database transaction. The
     * sync asks for full room state (no lazy loading), so a room's members are in the store from the sync that
     * joined it; the full /members list is loaded in the background after each join ([loadMembersOf]).
     */
    override fun joinedMembers(room: RoomId): Set<UserId> = blocking {
        client.user.getAll(room.trixnity()).first().values.mapNotNull { it.first() }
            .filter { it.event.content.membership == Membership.JOIN }
            .map { UserId(it.userId.full) }
            .toSet()
    }

    override fun joinedRooms(): Set<RoomId> = blocking { joinedRoomIds().map { RoomId(it.full) }.toSet() }

    suspend fun joinedRoomIds(): List<TRoomId> =
        client.room.getAll().first().values.mapNotNull { it.first() }
            .filter { it.membership == Membership.JOIN }
            .map { it.roomId }

    /**
     * From the bot's own state only, never the homeserver's room directory: commands ask inside their database
     * transaction. An alias names a room the bot is in (its canonical alias or one of the alternatives); the
     * bot has to be in a partner room anyway.
     */
    override fun resolve(idOrAlias: String): Optional<RoomId> = blocking {
        val text = idOrAlias.trim()
        when {
            text.startsWith("!") && text.contains(':') -> Optional.of(RoomId(text))
            text.startsWith("#") && text.contains(':') -> {
                val alias = RoomAliasId(text)
                val named = joinedRoomIds().firstOrNull { roomId ->
                    val aliases = client.room.getState<CanonicalAliasEventContent>(roomId).first()?.content
                    aliases != null && (aliases.alias == alias || aliases.aliases.orEmpty().contains(alias))
                }
                Optional.ofNullable(named?.let { RoomId(it.full) })
            }

            else -> Optional.empty()
        }
    }

    /**
     * Every joined room gets a new outbound Megolm session at start. After a crash (SIGKILL, a power cut) the
     * store may hold a session whose ratchet is behind what already left: the next message would reuse a message
     * index, and every receiving client rejects it as a replay ("message index did not match") — a GO re-sent from
     * the outbox after a kill was lost that way. A new session per start costs one room-key share per room.
     */
    fun discardOutboundSessions() = blocking {
        val store = client.di.get<OlmCryptoStore>()
        val rooms = joinedRoomIds()
        for (roomId in rooms) {
            store.updateOutboundMegolmSession(roomId) { null }
        }
        log.info("new outbound encryption sessions for {} rooms", rooms.size)
    }

    /**
     * Loads the member lists of [rooms], one room after the other, so that [joinedMembers] answers from the
     * store. Runs in the background: after the first sync for every joined room, later for each room joined.
     */
    suspend fun loadMembersOf(rooms: List<TRoomId>) {
        for (roomId in rooms) {
            try {
                client.user.loadMembers(roomId, wait = true)
            } catch (e: kotlinx.coroutines.CancellationException) {
                throw e
            } catch (e: Exception) {
                log.warn("could not load the members of {}: {}", roomId.full, e.javaClass.simpleName)
            }
        }
    }

    override fun join(room: RoomId) {
        blocking {
            client.api.room.joinRoom(room.trixnity()).getOrElse {
                throw ChatException("could not join $room: ${it.javaClass.simpleName}", it)
            }
        }
    }

    override fun leave(room: RoomId) {
        blocking {
            client.api.room.leaveRoom(room.trixnity()).getOrElse {
                throw ChatException("could not leave $room: ${it.javaClass.simpleName}", it)
            }
        }
    }
}
