package org.assemblybot.adapter.matrix

import de.connect2x.trixnity.core.ErrorResponse
import de.connect2x.trixnity.core.MatrixServerException
import kotlinx.coroutines.delay
import org.assemblybot.core.chat.ChatException
import org.assemblybot.core.chat.ChatRefusedException
import org.assemblybot.core.chat.ChatUnauthorizedException
import org.assemblybot.core.chat.EventId
import org.slf4j.LoggerFactory
import de.connect2x.trixnity.core.model.EventId as TEventId

/** [retrying] for a call that creates an event: the answer is its id. */
internal suspend fun retryingSend(call: suspend () -> TEventId): EventId = InboundMapping.event(retrying(call))

private val log = LoggerFactory.getLogger("org.assemblybot.adapter.matrix.HomeserverRetry")

/**
 * Retries a homeserver call: rate limits are waited out as the server asks (M2); network errors and
 * server errors back off exponentially; other client errors fail at once. The caller's transaction id
 * stays the same on every attempt, so a retry never duplicates an event (M1).
 */
internal suspend fun <T> retrying(call: suspend () -> T): T {
    var backoffMs = 250L
    var attempt = 0
    while (true) {
        attempt++
        try {
            return call()
        } catch (e: MatrixServerException) {
            val status = e.statusCode.value
            when {
                status == 429 -> {
                    val wait = (e.errorResponse as? ErrorResponse.LimitExceeded)?.let {
                        @Suppress("DEPRECATION") it.retryAfterMillis
                    } ?: e.retryAfter ?: 1000L
                    log.warn("rate limited by the homeserver; waiting {} ms", wait)
                    if (attempt > 50) throw ChatException("still rate limited after $attempt attempts", e)
                    delay(wait)
                    continue
                }

                status == 401 -> throw ChatUnauthorizedException(
                    "the homeserver no longer accepts the bot's access token (401)", e)

                status in 400..499 -> throw ChatRefusedException(
                    "the homeserver refused the request: $status ${e.errorResponse::class.simpleName}", e)
            }
            if (attempt >= 8) throw ChatException("the homeserver kept failing ($status)", e)
        } catch (e: ChatException) {
            throw e
        } catch (e: kotlinx.coroutines.CancellationException) {
            throw e
        } catch (e: Exception) {
            if (attempt >= 8) throw ChatException("could not reach the homeserver: ${e.javaClass.simpleName}", e)
        }
        delay(backoffMs)
        backoffMs = (backoffMs * 2).coerceAtMost(8_000)
    }
}
