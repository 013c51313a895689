package org.assemblybot.adapter.matrix

import kotlinx.coroutines.cancel
import kotlinx.coroutines.launch
import kotlinx.coroutines.runBlocking
import org.assemblybot.core.chat.ChatListener
import org.assemblybot.core.chat.ChatObserver
import org.assemblybot.core.chat.DirectRooms
import org.assemblybot.core.chat.FileSender
import org.assemblybot.core.chat.MessageSender
import org.assemblybot.core.chat.Polls
import org.assemblybot.core.chat.PunctualSender
import org.assemblybot.core.chat.RoomDirectory
import org.assemblybot.core.chat.RoomPins
import org.assemblybot.core.chat.SelfIdentity
import org.assemblybot.core.chat.ServerClock
import java.nio.file.Path

/**
 * The Matrix adapter, the one place that talks to Trixnity: it opens the device, starts and stops it, and
 * hands out each chat port as its own narrow part. Every port blocks its caller until the homeserver has
 * answered; inbound events reach the [ChatListener] on the adapter's own delivery thread, in timeline order
 * per room.
 *
 * The parts: [MatrixSession] (device, cross-signing, token watch, identity), [SyncReceiver] (receiving),
 * [MatrixSender] and [PunctualSends] (sending), [ServerClockMeter], [MatrixRooms], [MatrixDirectRooms],
 * [MatrixRoomPins], [MatrixPolls] and [MatrixFiles].
 */
class TrixnityChat private constructor(internal val session: MatrixSession) : AutoCloseable {
    internal val changes = RoomChanges()
    private val clock = ServerClockMeter()
    internal val sender = MatrixSender(session.client, changes, clock)
    private val punctual = PunctualSends(session.client, session.scope, sender, changes, clock)
    private val rooms = MatrixRooms(session.client, changes)
    private val directRooms = MatrixDirectRooms(session.client, changes)
    private val pins = MatrixRoomPins(session.client, session.self)
    private val files = MatrixFiles(session.client, sender, changes)
    private val polls = MatrixPolls(sender)
    private val receiver = SyncReceiver(session, changes, clock, rooms)

    companion object {
        /**
         * Opens the device: restores the stored session, or logs in with the password on the first start
         * (creating a new device). Blocks until the client is ready; does not start syncing.
         */
        @JvmStatic
        fun connect(settings: MatrixSettings): TrixnityChat {
            LognityToSlf4j.install()
            return TrixnityChat(runBlocking { MatrixSession.open(settings) })
        }

        /** Whether [storeDir] holds a session to restore ([connect] then logs in no new device). */
        @JvmStatic
        fun hasSession(storeDir: Path): Boolean = java.nio.file.Files.exists(MatrixSession.storeFile(storeDir))
    }

    fun messages(): MessageSender = sender

    fun punctual(): PunctualSender = punctual

    fun serverClock(): ServerClock = clock

    fun polls(): Polls = polls

    fun rooms(): RoomDirectory = rooms

    fun directRooms(): DirectRooms = directRooms

    fun pins(): RoomPins = pins

    fun files(): FileSender = files

    fun identity(): SelfIdentity = session

    /** See [MatrixSession.ensureCrossSigned]; call it before [start] (E3). */
    fun ensureCrossSigned(recoveryKeyFile: Path): Boolean = session.ensureCrossSigned(recoveryKeyFile)

    /** [observer] is told about syncs, sync failures and rate limits (health and metrics); set it before [start]. */
    fun observe(observer: ChatObserver) {
        session.observer = observer
    }

    /** [action] runs when the homeserver rejects the bot's access token (401): nothing will get through. */
    fun onUnauthorized(action: Runnable) = session.onUnauthorized(action)

    /**
     * Subscribes [listener], starts syncing and blocks until the first sync has been processed.
     * Events of the device's very first sync are delivered with `initialSync = true` (M4).
     */
    fun start(listener: ChatListener) {
        receiver.subscribe(listener)
        rooms.discardOutboundSessions() // before anything is sent: no message index used twice after a crash
        session.startSync()
        // Member lists are loaded ahead, so that commands find them in the store (see MatrixRooms.joinedMembers).
        session.scope.launch { rooms.loadMembersOf(rooms.joinedRoomIds()) }
    }

    /** Stops syncing, lets deliveries finish and closes the client, each step bounded in time (T5). */
    override fun close() {
        receiver.unsubscribe()
        session.closeClient()
        session.scope.cancel()
        receiver.finishDeliveries()
        session.release()
    }
}
