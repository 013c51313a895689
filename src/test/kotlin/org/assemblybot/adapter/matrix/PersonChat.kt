package org.assemblybot.adapter.matrix

import de.connect2x.trixnity.client.key
import de.connect2x.trixnity.client.media
import de.connect2x.trixnity.client.room
import de.connect2x.trixnity.client.room.getState
import de.connect2x.trixnity.client.user
import de.connect2x.trixnity.clientserverapi.model.room.CreateRoom
import de.connect2x.trixnity.core.MatrixServerException
import de.connect2x.trixnity.core.model.RoomAliasId
import de.connect2x.trixnity.core.model.events.EventType
import de.connect2x.trixnity.core.model.events.InitialStateEvent
import de.connect2x.trixnity.core.model.events.m.room.CanonicalAliasEventContent
import de.connect2x.trixnity.core.model.events.m.room.EncryptionEventContent
import de.connect2x.trixnity.core.model.events.m.room.Membership
import de.connect2x.trixnity.core.model.events.m.room.PinnedEventsEventContent
import de.connect2x.trixnity.core.model.events.m.room.PowerLevelsEventContent
import de.connect2x.trixnity.crypto.key.DeviceTrustLevel
import io.ktor.utils.io.toByteArray
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.withTimeoutOrNull
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.put
import org.assemblybot.core.chat.ChatEvent
import org.assemblybot.core.chat.ChatException
import org.assemblybot.core.chat.ChatListener
import org.assemblybot.core.chat.EventId
import org.assemblybot.core.chat.FileSender
import org.assemblybot.core.chat.MessageSender
import org.assemblybot.core.chat.Polls
import org.assemblybot.core.chat.RoomDirectory
import org.assemblybot.core.chat.RoomId
import org.assemblybot.core.chat.RoomPins
import org.assemblybot.core.chat.UserId
import java.time.Duration
import java.time.Instant
import kotlin.time.Duration.Companion.seconds
import kotlin.time.toKotlinDuration

/**
 * A person's Matrix client for the integration tests and benchmarks: the production adapter (its own
 * account, device and encryption), plus what a person's client does that the bot never does — create rooms,
 * invite, change power levels and aliases, answer polls, check other devices' trust.
 *
 * Kotlin, unlike the rest of the test kit, because these need the person's own Trixnity client through its
 * suspend API: the trust its crypto computes for other devices, its view of memberships, and encryption for a
 * poll response in an encrypted room. It lives in the adapter's package to reach the adapter's internals.
 */
class PersonChat private constructor(private val chat: TrixnityChat) :
    MessageSender by chat.messages(), Polls by chat.polls(), RoomDirectory by chat.rooms(), AutoCloseable by chat {

    private val client = chat.session.client

    companion object {
        @JvmStatic
        fun connect(settings: MatrixSettings): PersonChat = PersonChat(TrixnityChat.connect(settings))
    }

    fun start(listener: ChatListener) = chat.start(listener)

    /** The adapter's own pins port, for tests in which this client plays the bot's part. */
    fun pins(): RoomPins = chat.pins()

    /** The adapter's own file port, for tests in which this client plays the bot's part. */
    fun files(): FileSender = chat.files()

    /** Downloads a received file as a person's client does, decrypting it when it came encrypted. */
    fun download(file: ChatEvent.File): ByteArray = blocking {
        val media = when (val reference = MediaReference.parse(file.media())) {
            is MediaReference.Encrypted -> client.media.getEncryptedMedia(reference.file, saveToCache = false)
            is MediaReference.Plain -> client.media.getMedia(reference.mxc, saveToCache = false)
        }
        media.getOrElse { throw ChatException("could not download ${file.id()}: ${it.javaClass.simpleName}", it) }
            .toByteArray() ?: throw ChatException("no content for ${file.id()}")
    }

    /** The bytes the homeserver holds for a received file: the ciphertext, for an encrypted one. */
    fun downloadAsStored(file: ChatEvent.File): ByteArray = blocking {
        val mxc = when (val reference = MediaReference.parse(file.media())) {
            is MediaReference.Encrypted -> reference.file.url
            is MediaReference.Plain -> reference.mxc
        }
        // Straight from the homeserver: the client's media store may hold a decrypted copy.
        client.api.media.download(mxc) { it.content.toByteArray() }
            .getOrElse { throw ChatException("could not download $mxc: ${it.javaClass.simpleName}", it) }
    }

    /** Whether the event as the homeserver delivers it names a `file` (encrypted attachment) and no `url`. */
    fun isEncryptedAttachment(file: ChatEvent.File): Boolean =
        MediaReference.parse(file.media()) is MediaReference.Encrypted

    /** Creates a private room, encrypted if asked, inviting [invite]. */
    fun createRoom(name: String, encrypted: Boolean, invite: Set<UserId>): RoomId = blocking {
        val state = if (encrypted) listOf(InitialStateEvent(EncryptionEventContent(), "")) else emptyList()
        val roomId = client.api.room.createRoom(
            name = name,
            invite = invite.map { it.trixnity() }.toSet(),
            initialState = state,
            preset = CreateRoom.Request.Preset.PRIVATE,
        ).getOrElse { throw ChatException("could not create a room: ${it.javaClass.simpleName}", it) }
        // The person says something at once: it must not go out in clear before the sync shows the encryption.
        if (encrypted) chat.changes.markEncrypted(roomId)
        RoomId(roomId.full)
    }

    fun invite(room: RoomId, user: UserId) {
        blocking {
            client.api.room.inviteUser(room.trixnity(), user.trixnity()).getOrElse {
                throw ChatException("could not invite: ${it.javaClass.simpleName}", it)
            }
        }
    }

    /**
     * Sets the power levels of several users in [room] in one event (needs the power to do so; lowering
     * one's own level is always allowed). One event, because this client's copy of the state may lag behind.
     */
    fun setPowerLevels(room: RoomId, levels: Map<UserId, Long>) = setPowerLevels(room, levels, emptyMap())

    /** As above, also setting the level that changing each state type in [stateLevels] needs. */
    fun setPowerLevels(room: RoomId, levels: Map<UserId, Long>, stateLevels: Map<String, Long>) {
        blocking {
            val roomId = room.trixnity()
            val current = client.room.getState<PowerLevelsEventContent>(roomId).first()?.content
                ?: PowerLevelsEventContent()
            val updated = current.copy(
                users = current.users + levels.map { (user, level) -> user.trixnity() to level },
                events = current.events.filterKeys { it.name !in stateLevels } +
                        stateLevels.map { (type, level) -> EventType(null, type) to level },
            )
            client.api.room.sendStateEvent(roomId, updated).getOrElse {
                throw ChatException("could not set the power levels: ${it.javaClass.simpleName}", it)
            }
        }
    }

    /** Publishes [alias] (`#name:server`) for [room] and makes it the room's canonical alias. */
    fun setCanonicalAlias(room: RoomId, alias: String) {
        blocking {
            val roomId = room.trixnity()
            client.api.room.setRoomAlias(roomId, RoomAliasId(alias)).getOrElse {
                throw ChatException("could not create the alias: ${it.javaClass.simpleName}", it)
            }
            client.api.room.sendStateEvent(roomId, CanonicalAliasEventContent(alias = RoomAliasId(alias))).getOrElse {
                throw ChatException("could not set the canonical alias: ${it.javaClass.simpleName}", it)
            }
        }
    }

    /** Waits until [user] has joined [room], as this client sees it. */
    fun awaitJoined(room: RoomId, user: UserId, timeout: Duration): Boolean = blocking {
        withTimeoutOrNull(timeout.toKotlinDuration()) {
            client.user.getById(room.trixnity(), user.trixnity())
                .first { it?.event?.content?.membership == Membership.JOIN }
        } != null
    }

    /** Whether this client sees [user]'s device [deviceId] as cross-signed by [user]'s own identity. */
    fun seesDeviceCrossSigned(user: UserId, deviceId: String, timeout: Duration): Boolean = blocking {
        withTimeoutOrNull(timeout.toKotlinDuration()) {
            client.key.getTrustLevel(user.trixnity(), deviceId).first { it is DeviceTrustLevel.CrossSigned }
        } != null
    }

    /** The trust level this client computes for [user]'s device, for diagnostics in tests. */
    fun deviceTrust(user: UserId, deviceId: String): String = blocking {
        withTimeoutOrNull(5.seconds) { client.key.getTrustLevel(user.trixnity(), deviceId).first() }?.toString()
            ?: "unknown"
    }

    /** The homeserver's timestamp of an event, read back from the server. */
    fun serverTimestamp(room: RoomId, event: EventId): Instant = blocking {
        val found = client.api.room.getEvent(room.trixnity(), event.trixnity()).getOrElse {
            throw ChatException("could not read event $event: ${it.javaClass.simpleName}", it)
        }
        Instant.ofEpochMilli(found.originTimestamp)
    }

    /** The room's pinned events as the homeserver has them now (empty when nothing was ever pinned). */
    fun pinnedEvents(room: RoomId): List<EventId> = blocking {
        client.api.room.getStateEventContent(type = "m.room.pinned_events", roomId = room.trixnity()).fold(
            onSuccess = { (it as PinnedEventsEventContent).pinned.map { id -> EventId(id.full) } },
            onFailure = { if (it is MatrixServerException && it.statusCode.value == 404) emptyList() else throw it },
        )
    }

    /** What a person's client sends when someone picks answers in a poll. */
    fun respondToPoll(room: RoomId, txnId: String, poll: EventId, answerIds: List<String>): EventId = blocking {
        val response = PollContents.Response(buildJsonObject {
            put("m.relates_to", PollContents.reference(poll.trixnity()))
            put(PollContents.RESPONSE, buildJsonObject { put("answers", JsonArray(answerIds.map { JsonPrimitive(it) })) })
        })
        chat.sender.sendContent(room.trixnity(), response, txnId)
    }
}
