package org.assemblybot.adapter.matrix

import de.connect2x.trixnity.client.room.decrypt
import de.connect2x.trixnity.client.roomEventEncryptionServices
import de.connect2x.trixnity.clientserverapi.client.SyncEvents
import de.connect2x.trixnity.clientserverapi.client.SyncState
import de.connect2x.trixnity.clientserverapi.model.room.GetEvents
import de.connect2x.trixnity.clientserverapi.model.sync.Sync
import de.connect2x.trixnity.core.ClientEventEmitter
import de.connect2x.trixnity.core.model.events.ClientEvent
import de.connect2x.trixnity.core.model.events.m.room.EncryptedMessageEventContent
import de.connect2x.trixnity.core.model.events.m.room.EncryptionEventContent
import de.connect2x.trixnity.core.model.events.m.room.MemberEventContent
import de.connect2x.trixnity.core.model.events.m.room.Membership
import kotlinx.coroutines.Job
import kotlinx.coroutines.joinAll
import kotlinx.coroutines.launch
import kotlinx.coroutines.withTimeoutOrNull
import org.assemblybot.core.chat.ChatEvent
import org.assemblybot.core.chat.ChatListener
import org.slf4j.LoggerFactory
import kotlin.time.Duration.Companion.milliseconds
import kotlin.time.toKotlinDuration
import de.connect2x.trixnity.core.model.RoomId as TRoomId
import de.connect2x.trixnity.core.model.UserId as TUserId

/**
 * Receiving: a sync subscriber that runs right after Trixnity has stored state and processed to-device
 * events (room keys), decrypts each timeline event itself and hands it on through [OrderedDelivery]. It
 * waits a short, bounded time for the handlers so that replies are sent before the next sync competes for
 * the CPU; events whose keys arrive later are delivered when their decryption completes (or counted as
 * undecryptable after [MatrixSettings.decryptionWait]). Invites are handled later in the same sync, once this
 * device's one-time keys are published. Limited timelines are filled from the homeserver.
 */
internal class SyncReceiver(
    private val session: MatrixSession,
    private val changes: RoomChanges,
    private val clock: ServerClockMeter,
    private val rooms: MatrixRooms,
) {
    private val client = session.client
    private val self = session.self
    private val scope = session.scope
    private val delivery = OrderedDelivery(scope)
    private var unsubscribe: (() -> Unit)? = null

    /** The end of the previous sync this process handled: where a gap in a limited timeline begins. */
    @Volatile
    private var lastBatch: String? = null

    /** When the current sync response was handed to subscribers; for timing logs only. */
    @Volatile
    private var syncEmittedAt = 0L

    companion object {
        private val log = LoggerFactory.getLogger(SyncReceiver::class.java)
        private const val GAP_PAGE = 100L
        private const val GAP_MAX_EVENTS = 1000

        /** How long the sync subscriber lets the bot's handlers run before the next sync may start. */
        private val FAST_PATH_WAIT = 300.milliseconds
    }

    /** Subscribes [listener] to the syncs to come; events of the device's very first sync say `initialSync` (M4). */
    fun subscribe(listener: ChatListener) {
        delivery.listener = listener
        val first = client.api.sync.subscribe(ClientEventEmitter.Priority.FIRST) {
            syncEmittedAt = System.currentTimeMillis()
            session.observer.syncCompleted() // a sync response arrived: the loop works (health, sync lag)
        }
        val main = client.api.sync.subscribe(ClientEventEmitter.Priority.TO_DEVICE_EVENTS - 1) { onSync(it) }
        // Invites wait until Trixnity has published this device's one-time keys (it does so at ONE_TIME_KEYS, which
        // runs first, also in a new device's first sync): whoever sees the bot join must be able to open an Olm
        // session with it at once, or their client leaves the bot out of the room key for that message.
        val invites = client.api.sync.subscribe(ClientEventEmitter.Priority.ONE_TIME_KEYS - 1) { onInvites(it) }
        unsubscribe = { first(); main(); invites() }
    }

    fun unsubscribe() {
        unsubscribe?.invoke()
    }

    /** Lets deliveries already under way finish (T5). */
    fun finishDeliveries() = delivery.shutdown()

    private suspend fun onSync(events: SyncEvents) {
        val initial = client.syncState.value == SyncState.INITIAL_SYNC
        if (!events.syncResponse.deviceLists?.changed.isNullOrEmpty()) changes.devicesChanged()
        val joinedAndLeft = events.syncResponse.room ?: return
        val jobs = ArrayList<Job>()
        joinedAndLeft.join?.forEach { (roomId, joined) ->
            // The bot's own join may sit only in the state (first start in a room joined earlier).
            joined.stateAfter?.events?.forEach { state ->
                if (state.stateKey == self.full) membership(roomId, state, initial, jobs)
            }
            val timeline = joined.timeline.let { tl ->
                // A limited timeline skipped events between the previous sync and this one: fetch them, so
                // that nothing in a burst is lost (commands, votes, RSVPs).
                val gap = if (tl?.limited == true && !initial) fillGap(roomId, tl.previousBatch) else emptyList()
                gap + tl?.events.orEmpty()
            }
            // History from before the bot's own join arrives together with it: none of it may run (M4),
            // and it was never meant to be readable by the bot, so it is not even decrypted.
            val ownJoin = timeline.indexOfLast { isOwnJoin(it) }
            if (ownJoin >= 0 && !initial) scope.launch { rooms.loadMembersOf(listOf(roomId)) }
            timeline.forEachIndexed { index, event ->
                if (index >= ownJoin || event is ClientEvent.RoomEvent.StateEvent<*>) {
                    timelineEvent(roomId, event, initial, jobs)
                }
            }
        }
        joinedAndLeft.leave?.forEach { (roomId, left) ->
            left.timeline?.events?.forEach { event -> timelineEvent(roomId, event, initial, jobs) }
            left.stateAfter?.events?.forEach { state ->
                if (state.stateKey == self.full) membership(roomId, state, initial, jobs)
            }
        }
        lastBatch = events.syncResponse.nextBatch
        if (jobs.isNotEmpty()) withTimeoutOrNull(FAST_PATH_WAIT) { jobs.joinAll() }
    }

    private suspend fun onInvites(events: SyncEvents) {
        val jobs = events.syncResponse.room?.invite.orEmpty().mapNotNull { (roomId, invited) ->
            inviterOf(invited)?.let { inviter ->
                delivery.inOrder(roomId) { { it.onInvite(InboundMapping.room(roomId), InboundMapping.user(inviter)) } }
            }
        }
        if (jobs.isNotEmpty()) withTimeoutOrNull(FAST_PATH_WAIT) { jobs.joinAll() }
    }

    /**
     * The events a limited timeline left out, oldest first: paged backwards from the timeline's start to the
     * end of the previous sync. After a restart the previous sync is unknown; then at most
     * [GAP_MAX_EVENTS] are fetched, and the filter's age limit decides what may still run.
     */
    private suspend fun fillGap(roomId: TRoomId, from: String?): List<ClientEvent.RoomEvent<*>> {
        if (from == null) return emptyList()
        val until = lastBatch
        val fetched = ArrayList<ClientEvent.RoomEvent<*>>()
        var next: String? = from
        while (next != null && fetched.size < GAP_MAX_EVENTS) {
            val page = client.api.room.getEvents(roomId, next, GetEvents.Direction.BACKWARDS, until, GAP_PAGE)
                .getOrElse {
                    log.warn("could not fetch the events a limited sync left out in {}: {}", roomId.full, it.javaClass.simpleName)
                    break
                }
            val chunk = page.chunk.orEmpty()
            if (chunk.isEmpty() || page.end == null || page.end == next) {
                fetched += chunk
                break
            }
            fetched += chunk
            next = page.end
        }
        log.info("fetched {} events a limited sync left out in {}", fetched.size, roomId.full)
        return fetched.asReversed()
    }

    /** The bot's own join — not a profile change, which is a join following a join. */
    private fun isOwnJoin(event: ClientEvent.RoomEvent<*>): Boolean =
        event is ClientEvent.RoomEvent.StateEvent<*> && event.stateKey == self.full &&
                (event.content as? MemberEventContent)?.membership == Membership.JOIN &&
                (event.unsigned?.previousContent as? MemberEventContent)?.membership != Membership.JOIN

    private fun inviterOf(invited: Sync.Response.Rooms.InvitedRoom): TUserId? =
        invited.strippedState?.events?.firstOrNull { event ->
            event.stateKey == self.full &&
                    (event.content as? MemberEventContent)?.membership == Membership.INVITE
        }?.sender

    private fun timelineEvent(roomId: TRoomId, event: ClientEvent.RoomEvent<*>, initial: Boolean, jobs: MutableList<Job>) {
        when (event) {
            is ClientEvent.RoomEvent.StateEvent<*> -> {
                if (event.content is EncryptionEventContent) changes.markEncrypted(roomId)
                if (event.content is MemberEventContent) changes.membersChanged(roomId)
                membership(roomId, event, initial, jobs)
            }

            is ClientEvent.RoomEvent.MessageEvent<*> -> {
                if (event.content is EncryptedMessageEventContent) changes.markEncrypted(roomId)
                if (event.sender == self) clock.echoed(event)
                // The backlog of a first sync never runs commands (M4): don't even decrypt it.
                if (initial || event.sender == self) return
                val reached = System.currentTimeMillis()
                val emitted = syncEmittedAt
                jobs += delivery.inOrder(roomId) {
                    val chatEvent = decrypt(event) ?: return@inOrder null
                    val decrypted = System.currentTimeMillis()
                    return@inOrder {
                        it.onEvent(chatEvent, false)
                        if (log.isDebugEnabled) {
                            // Where the time goes, from the homeserver's stamp (same host clock in tests).
                            log.debug("event {}: sync emitted {} ms after its stamp, subscriber reached {} ms later, " +
                                    "decrypted in {} ms, handled after {} ms more", event.id.full,
                                emitted - event.originTimestamp, reached - emitted, decrypted - reached,
                                System.currentTimeMillis() - decrypted)
                        }
                    }
                }
            }
        }
    }

    private fun membership(roomId: TRoomId, event: ClientEvent.StateBaseEvent<*>, initial: Boolean, jobs: MutableList<Job>) {
        val state = event as? ClientEvent.RoomEvent.StateEvent<*> ?: return
        val membership = InboundMapping.membership(state) ?: return
        jobs += delivery.inOrder(roomId) { { it.onEvent(membership, initial) } }
    }

    private suspend fun decrypt(event: ClientEvent.RoomEvent.MessageEvent<*>): ChatEvent? {
        val content = event.content
        if (content !is EncryptedMessageEventContent) return InboundMapping.message(event, content, false)
        val wait = session.settings.decryptionWait
        val decrypted = withTimeoutOrNull(wait.toKotlinDuration()) {
            client.roomEventEncryptionServices.decrypt(event)
        }?.getOrNull()
        if (decrypted == null) {
            log.info("could not decrypt event {} in {} from {} within {}", event.id.full, event.roomId.full,
                event.sender.full, wait)
            return ChatEvent.Undecryptable(InboundMapping.room(event.roomId), InboundMapping.event(event.id),
                InboundMapping.user(event.sender), java.time.Instant.ofEpochMilli(event.originTimestamp))
        }
        return InboundMapping.message(event, decrypted, true, content.relatesTo)
    }
}
