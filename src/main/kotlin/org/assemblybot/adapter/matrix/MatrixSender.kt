package org.assemblybot.adapter.matrix

import de.connect2x.trixnity.client.MatrixClient
import de.connect2x.trixnity.client.room
import de.connect2x.trixnity.client.room.encrypt
import de.connect2x.trixnity.client.roomEventEncryptionServices
import de.connect2x.trixnity.core.model.events.MessageEventContent
import de.connect2x.trixnity.core.model.events.m.ReactionEventContent
import de.connect2x.trixnity.core.model.events.m.RelatesTo
import de.connect2x.trixnity.core.model.events.m.room.EncryptedMessageEventContent
import kotlinx.coroutines.flow.filterNotNull
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.withTimeoutOrNull
import org.assemblybot.core.chat.ChatException
import org.assemblybot.core.chat.ChatRefusedException
import org.assemblybot.core.chat.EventId
import org.assemblybot.core.chat.MessageSender
import org.assemblybot.core.chat.OutgoingMessage
import org.assemblybot.core.chat.RoomId
import org.slf4j.LoggerFactory
import kotlin.time.Duration.Companion.seconds
import de.connect2x.trixnity.core.model.EventId as TEventId
import de.connect2x.trixnity.core.model.RoomId as TRoomId

/**
 * Sending: content is encrypted for the room and PUT with the caller's transaction id, retried with the
 * same id (M1), waiting out rate limits (M2). Trixnity's outbox is not used: it would choose its own ids.
 */
internal class MatrixSender(
    private val client: MatrixClient,
    private val changes: RoomChanges,
    private val clock: ServerClockMeter,
) : MessageSender {

    companion object {
        private val log = LoggerFactory.getLogger(MatrixSender::class.java)
    }

    override fun send(room: RoomId, txnId: String, message: OutgoingMessage): EventId =
        blocking { sendContent(room.trixnity(), OutboundContent.message(message), txnId) }

    override fun edit(room: RoomId, txnId: String, target: EventId, replacement: OutgoingMessage): EventId =
        blocking { sendContent(room.trixnity(), OutboundContent.edit(target.trixnity(), replacement), txnId) }

    override fun react(room: RoomId, txnId: String, target: EventId, key: String): EventId =
        blocking {
            // Reactions stay unencrypted, as every client sends them: relations must be readable by the server.
            val content = ReactionEventContent(RelatesTo.Annotation(target.trixnity(), key))
            retryingSend { client.api.room.sendMessageEvent(room.trixnity(), content, txnId).getOrThrow() }
        }

    override fun redact(room: RoomId, txnId: String, target: EventId, reason: String?): EventId =
        blocking {
            retryingSend {
                client.api.room.redactEvent(room.trixnity(), target.trixnity(), reason, txnId).getOrThrow()
            }
        }

    /**
     * Encrypts [content] for [room] and sends it with [txnId], retrying with the same id. With [encryptedOnly]
     * (content that holds a secret, such as an encrypted file's key) it is refused unless it leaves encrypted:
     * decided on what encryption produced, so no stale view of the room can let it out in clear.
     */
    suspend fun sendContent(room: TRoomId, content: MessageEventContent, txnId: String,
                            encryptedOnly: Boolean = false): EventId {
        val start = System.nanoTime()
        val payload = encryptFor(room, content)
        if (encryptedOnly && payload !is EncryptedMessageEventContent) {
            throw ChatRefusedException("room $room is not encrypted: its events would show the key in clear", null)
        }
        val encrypted = System.nanoTime()
        val id = timedSend(txnId) { client.api.room.sendMessageEvent(room, payload, txnId).getOrThrow() }
        log.debug("{}: encrypted in {} ms, sent in {} ms", txnId, (encrypted - start) / 1_000_000,
            (System.nanoTime() - encrypted) / 1_000_000)
        return id
    }

    /** Encrypts for encrypted rooms; refuses to send in clear to a room we have seen encrypted traffic in. */
    suspend fun encryptFor(room: TRoomId, content: MessageEventContent): MessageEventContent {
        if (changes.knownEncrypted(room)) {
            withTimeoutOrNull(10.seconds) { client.room.getById(room).filterNotNull().first { it.encrypted } }
                ?: throw ChatException("room $room is encrypted but its encryption state is not known yet")
        }
        val result = client.roomEventEncryptionServices.encrypt(content, room)
            ?: throw ChatException("no encryption service accepts room $room")
        return result.getOrElse { throw ChatException("could not encrypt for room $room: ${it.javaClass.simpleName}", it) }
    }

    /** Sends with retries and remembers when the request left and returned, for the clock check. */
    suspend fun timedSend(txnId: String, call: suspend () -> TEventId): EventId {
        val left = System.currentTimeMillis()
        val id = retryingSend(call)
        clock.sent(txnId, left, System.currentTimeMillis())
        return id
    }
}
