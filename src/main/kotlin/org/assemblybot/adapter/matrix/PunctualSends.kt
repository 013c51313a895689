package org.assemblybot.adapter.matrix

import de.connect2x.trixnity.client.MatrixClient
import de.connect2x.trixnity.core.model.events.MessageEventContent
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import kotlinx.coroutines.delay
import org.assemblybot.core.chat.ChatException
import org.assemblybot.core.chat.LeadCalibrator
import org.assemblybot.core.chat.OutgoingMessage
import org.assemblybot.core.chat.PunctualSender
import org.assemblybot.core.chat.RoomId
import java.time.Instant
import de.connect2x.trixnity.core.model.RoomId as TRoomId

/**
 * Sending to many rooms at one instant: each message is encrypted ahead ([prepare]), and at the instant one
 * coroutine per room PUTs it. Encrypted again only if the room's members or anyone's devices changed since.
 */
internal class PunctualSends(
    private val client: MatrixClient,
    private val scope: CoroutineScope,
    private val sender: MatrixSender,
    private val changes: RoomChanges,
    private val clock: ServerClockMeter,
) : PunctualSender {

    override fun leads(): LeadCalibrator = clock.leads

    private class PreparedEvent(
        val roomId: TRoomId,
        val txn: String,
        val content: MessageEventContent,
        @Volatile var payload: MessageEventContent,
        @Volatile var membersAt: Long,
        @Volatile var devicesAt: Long,
    ) : PunctualSender.Prepared {
        override fun room(): RoomId = RoomId(roomId.full)
        override fun txnId(): String = txn
    }

    override fun prepare(room: RoomId, txnId: String, message: OutgoingMessage): PunctualSender.Prepared = blocking {
        val roomId = room.trixnity()
        val content = OutboundContent.message(message)
        val members = changes.membershipGeneration(roomId)
        val devices = changes.deviceGeneration
        PreparedEvent(roomId, txnId, content, sender.encryptFor(roomId, content), members, devices)
    }

    override fun sendAll(prepared: List<PunctualSender.Prepared>, at: Instant): Map<RoomId, PunctualSender.Result> = blocking {
        val events = prepared.map { it as PreparedEvent }
        events.forEach { refreshIfStale(it) } // before the instant: re-encrypting must not delay the sends
        val wait = at.toEpochMilli() - System.currentTimeMillis()
        if (wait > 0) delay(wait)
        val results = events.map { event ->
            scope.async {
                try {
                    refreshIfStale(event)
                    val left = Instant.now()
                    clock.leads.left(event.txn, left)
                    val id = sender.timedSend(event.txn) {
                        client.api.room.sendMessageEvent(event.roomId, event.payload, event.txn).getOrThrow()
                    }
                    PunctualSender.Result(id, null, left, Instant.now())
                } catch (e: ChatException) {
                    PunctualSender.Result(null, e)
                } catch (e: Exception) {
                    PunctualSender.Result(null, ChatException("sending failed: ${e.javaClass.simpleName}", e))
                }
            }
        }.awaitAll()
        events.map { it.room() }.zip(results).toMap()
    }

    override fun warmUp(connections: Int) {
        blocking {
            // Requests in flight at the same time each need their own connection; idle ones stay pooled.
            (1..connections.coerceIn(1, 32)).map { scope.async { client.api.server.getVersions() } }.awaitAll()
        }
    }

    /** Someone joined, left or got a new device since the message was encrypted: encrypt it again. */
    private suspend fun refreshIfStale(event: PreparedEvent) {
        val members = changes.membershipGeneration(event.roomId)
        val devices = changes.deviceGeneration
        if (members != event.membersAt || devices != event.devicesAt) {
            event.payload = sender.encryptFor(event.roomId, event.content)
            event.membersAt = members
            event.devicesAt = devices
        }
    }
}
