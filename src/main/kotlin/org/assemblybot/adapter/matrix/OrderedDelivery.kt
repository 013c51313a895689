package org.assemblybot.adapter.matrix

import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.future.await
import kotlinx.coroutines.launch
import org.assemblybot.core.chat.ChatListener
import org.slf4j.LoggerFactory
import java.util.concurrent.CompletableFuture
import java.util.concurrent.ExecutorService
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import de.connect2x.trixnity.core.model.RoomId as TRoomId

/**
 * Hands inbound events to the [ChatListener] on the adapter's own single delivery thread — never on
 * Trixnity's coroutine threads — in timeline order per room.
 */
internal class OrderedDelivery(private val scope: CoroutineScope) {
    private val delivery: ExecutorService = Executors.newSingleThreadExecutor { r ->
        Thread(r, "matrix-delivery").apply { isDaemon = true }
    }

    /** Only touched from the sync subscribers, which Trixnity runs one after the other. */
    private val roomChains = HashMap<TRoomId, Job>()

    @Volatile
    var listener: ChatListener? = null

    companion object {
        private val log = LoggerFactory.getLogger(OrderedDelivery::class.java)
    }

    /**
     * Runs [prepare] (e.g. decryption) right away, concurrently with earlier events, but hands the result to
     * the listener only after every earlier event of the same room: order within a room is kept.
     */
    fun inOrder(roomId: TRoomId, prepare: suspend () -> ((ChatListener) -> Unit)?): Job {
        val previous = roomChains[roomId]
        val job = scope.launch {
            val action = prepare()
            previous?.join()
            if (action != null) deliver(action)
        }
        roomChains[roomId] = job
        return job
    }

    private suspend fun deliver(action: (ChatListener) -> Unit) {
        val target = listener ?: return
        try {
            CompletableFuture.runAsync({ action(target) }, delivery).await()
        } catch (e: Exception) {
            // The listener reports its own errors; this is a last line of defence, without event contents.
            log.error("event handler failed: {}", e.javaClass.name, e)
        }
    }

    /** Lets the deliveries already handed to the thread finish, for a bounded time (T5). */
    fun shutdown() {
        delivery.shutdown()
        if (!delivery.awaitTermination(10, TimeUnit.SECONDS)) log.warn("event delivery did not finish in time")
    }
}
