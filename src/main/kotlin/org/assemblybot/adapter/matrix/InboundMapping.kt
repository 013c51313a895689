package org.assemblybot.adapter.matrix

import de.connect2x.trixnity.core.model.events.ClientEvent
import de.connect2x.trixnity.core.model.events.MessageEventContent
import de.connect2x.trixnity.core.model.events.UnknownEventContent
import de.connect2x.trixnity.core.model.events.m.ReactionEventContent
import de.connect2x.trixnity.core.model.events.m.RelatesTo
import de.connect2x.trixnity.core.model.events.m.room.MemberEventContent
import de.connect2x.trixnity.core.model.events.m.room.RedactionEventContent
import de.connect2x.trixnity.core.model.events.m.room.RoomMessageEventContent
import de.connect2x.trixnity.core.model.events.m.room.RoomMessageEventContent.FileBased
import kotlinx.serialization.json.JsonArray
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.contentOrNull
import org.assemblybot.core.chat.ChatEvent
import org.assemblybot.core.chat.EventId
import org.assemblybot.core.chat.RoomId
import org.assemblybot.core.chat.UserId
import java.time.Instant
import de.connect2x.trixnity.core.model.EventId as TEventId
import de.connect2x.trixnity.core.model.RoomId as TRoomId
import de.connect2x.trixnity.core.model.UserId as TUserId

/** Translates Trixnity events into our plain-Java {@link ChatEvent}s. Unknown kinds map to null. */
internal object InboundMapping {
    private const val POLL_RESPONSE = "org.matrix.msc3381.poll.response"
    private const val POLL_RESPONSE_STABLE = "m.poll.response"

    fun room(id: TRoomId) = RoomId(id.full)
    fun user(id: TUserId) = UserId(id.full)
    fun event(id: TEventId) = EventId(id.full)

    /** A message event whose (decrypted) content is {@code content}. */
    fun message(event: ClientEvent.RoomEvent.MessageEvent<*>, content: MessageEventContent, encrypted: Boolean,
                outerRelation: RelatesTo? = null): ChatEvent? {
        val room = room(event.roomId)
        val id = event(event.id)
        val sender = user(event.sender)
        val at = Instant.ofEpochMilli(event.originTimestamp)
        return when (content) {
            // Files: what describes them only; the content is fetched (or not) by whoever needs it.
            is FileBased.File, is FileBased.Audio -> file(content as FileBased, outerRelation, room, id, sender, at,
                encrypted)

            is RoomMessageEventContent -> {
                // In encrypted events the relation travels in clear, outside the encrypted payload.
                val relation = content.relatesTo ?: outerRelation
                val threadRoot = (relation as? RelatesTo.Thread)?.eventId?.let(::event)
                val replaces = (relation as? RelatesTo.Replace)?.eventId?.let(::event)
                ChatEvent.Message(room, id, sender, at, content.type, content.body, threadRoot, replaces, encrypted)
            }

            is ReactionEventContent -> {
                val annotation = content.relatesTo ?: return null
                val key = annotation.key ?: return null
                ChatEvent.Reaction(room, id, sender, at, event(annotation.eventId), key)
            }

            is RedactionEventContent -> ChatEvent.Redaction(room, id, sender, at, event(content.redacts))
            is UnknownEventContent -> pollResponse(content.eventType, content.raw, outerRelation, room, id, sender, at)
            is PollContents.Response ->
                pollResponse(PollContents.RESPONSE, content.raw, outerRelation, room, id, sender, at)

            // A poll's start arrives as a message of its own type with the fallback text as body.
            is PollContents.Start -> ChatEvent.Message(room, id, sender, at, PollContents.START,
                (content.raw["org.matrix.msc1767.text"] as? JsonPrimitive)?.contentOrNull ?: "", null, null, encrypted)
            else -> null
        }
    }

    private fun file(content: FileBased, outerRelation: RelatesTo?, room: RoomId, id: EventId, sender: UserId,
                     at: Instant, encrypted: Boolean): ChatEvent.File? {
        val media = MediaReference.of(content) ?: return null
        val threadRoot = ((content.relatesTo ?: outerRelation) as? RelatesTo.Thread)?.eventId?.let(::event)
        return ChatEvent.File(room, id, sender, at, content.type, content.fileName ?: content.body,
            content.info?.mimeType, content.info?.size, media, threadRoot, encrypted)
    }

    fun membership(event: ClientEvent.RoomEvent.StateEvent<*>): ChatEvent.Membership? {
        val content = event.content as? MemberEventContent ?: return null
        val target = runCatching { UserId(event.stateKey) }.getOrNull() ?: return null
        return ChatEvent.Membership(
            room(event.roomId), event(event.id), user(event.sender), Instant.ofEpochMilli(event.originTimestamp),
            target, content.membership.value,
        )
    }

    /** In an encrypted response the relation to the poll travels in clear, outside the decrypted payload. */
    private fun pollResponse(type: String, raw: JsonObject, outerRelation: RelatesTo?, room: RoomId, id: EventId,
                             sender: UserId, at: Instant): ChatEvent.PollResponse? {
        if (type != POLL_RESPONSE && type != POLL_RESPONSE_STABLE) return null
        val pollId = ((raw["m.relates_to"] as? JsonObject)?.get("event_id") as? JsonPrimitive)?.contentOrNull
            ?: outerRelation?.eventId?.full ?: return null
        val block = (raw[POLL_RESPONSE] ?: raw["m.selections"]) ?: return null
        val answers = when (block) {
            is JsonObject -> block["answers"] as? JsonArray
            is JsonArray -> block
            else -> null
        } ?: return null
        val ids = answers.mapNotNull { (it as? JsonPrimitive)?.contentOrNull }
        return runCatching { ChatEvent.PollResponse(room, id, sender, at, EventId(pollId), ids) }.getOrNull()
    }
}
