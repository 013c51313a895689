package org.assemblybot.adapter.matrix

import kotlinx.coroutines.runBlocking
import org.assemblybot.core.chat.EventId
import org.assemblybot.core.chat.RoomId
import org.assemblybot.core.chat.UserId
import de.connect2x.trixnity.core.model.EventId as TEventId
import de.connect2x.trixnity.core.model.RoomId as TRoomId
import de.connect2x.trixnity.core.model.UserId as TUserId

/** The ports are plain Java: each call blocks its caller's thread until Trixnity's suspend call is done. */
internal fun <T> blocking(block: suspend () -> T): T = runBlocking { block() }

internal fun RoomId.trixnity() = TRoomId(value())
internal fun UserId.trixnity() = TUserId(value())
internal fun EventId.trixnity() = TEventId(value())
