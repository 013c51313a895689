package org.assemblybot.adapter.matrix

import de.connect2x.trixnity.core.model.events.ClientEvent
import org.assemblybot.core.chat.LeadCalibrator
import org.assemblybot.core.chat.ServerClock
import java.time.Clock
import java.time.Duration
import java.time.Instant
import java.util.Collections
import java.util.Optional

/**
 * Measures the homeserver's clock against ours from the bot's own sends: a send's stamp was taken between
 * the moment its request left and the moment the answer arrived, which bounds the difference. The same stamps
 * teach [leads] how long before an instant a request must leave to be stamped at it.
 */
internal class ServerClockMeter(val leads: LeadCalibrator = LeadCalibrator(Clock.systemUTC())) : ServerClock {
    /** When each of our own recent sends left and was accepted, to compare with the server's stamp. */
    private val sendWindows = Collections.synchronizedMap(object : LinkedHashMap<String, LongArray>() {
        override fun removeEldestEntry(eldest: MutableMap.MutableEntry<String, LongArray>?) = size > 256
    })

    @Volatile
    private var latestSkew: ServerClock.Skew? = null

    /** A send with [txnId] left at [left] and was accepted at [accepted] (epoch milliseconds). */
    fun sent(txnId: String, left: Long, accepted: Long) {
        sendWindows[txnId] = longArrayOf(left, accepted)
    }

    /** Our own event came back with the homeserver's stamp. */
    fun echoed(event: ClientEvent.RoomEvent.MessageEvent<*>) {
        val txnId = event.unsigned?.transactionId ?: return
        val burst = leads.stamped(txnId, Instant.ofEpochMilli(event.originTimestamp))
        val window = sendWindows.remove(txnId) ?: return
        // A lone send; a burst member's request competed with the others and is measured from the release.
        if (!burst) leads.single(Instant.ofEpochMilli(window[0]), Instant.ofEpochMilli(event.originTimestamp))
        val midpoint = (window[0] + window[1]) / 2
        latestSkew = ServerClock.Skew(
            Duration.ofMillis(event.originTimestamp - midpoint),
            Duration.ofMillis((window[1] - window[0]) / 2 + 1),
        )
    }

    override fun skew(): Optional<ServerClock.Skew> = Optional.ofNullable(latestSkew)
}
