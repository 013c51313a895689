package org.assemblybot.adapter.matrix

import de.connect2x.trixnity.core.model.EventId
import de.connect2x.trixnity.core.model.events.MessageEventContent
import de.connect2x.trixnity.core.model.events.m.Mentions
import de.connect2x.trixnity.core.model.events.m.RelatesTo
import de.connect2x.trixnity.core.serialization.events.EventContentSerializerMappings
import de.connect2x.trixnity.core.serialization.events.invoke
import de.connect2x.trixnity.core.serialization.events.messageOf
import kotlinx.serialization.KSerializer
import kotlinx.serialization.descriptors.SerialDescriptor
import kotlinx.serialization.descriptors.buildClassSerialDescriptor
import kotlinx.serialization.encoding.Decoder
import kotlinx.serialization.encoding.Encoder
import kotlinx.serialization.json.JsonDecoder
import kotlinx.serialization.json.JsonEncoder
import kotlinx.serialization.json.JsonObject
import kotlinx.serialization.json.JsonPrimitive
import kotlinx.serialization.json.buildJsonArray
import kotlinx.serialization.json.buildJsonObject
import kotlinx.serialization.json.contentOrNull
import kotlinx.serialization.json.jsonObject
import kotlinx.serialization.json.put
import org.assemblybot.core.chat.Polls
import org.assemblybot.core.text.RichText

/**
 * MSC3381 polls, which Trixnity 5.0.1 does not model: the unstable event types clients send today, kept as
 * raw JSON. Registering them lets Trixnity encrypt and send them like any other message event. The relation
 * (poll end and responses refer to the poll's start) is exposed so that encryption keeps it in clear, as
 * relations must be.
 */
internal object PollContents {
    const val START = "org.matrix.msc3381.poll.start"
    const val RESPONSE = "org.matrix.msc3381.poll.response"
    const val END = "org.matrix.msc3381.poll.end"
    private const val TEXT = "org.matrix.msc1767.text"
    private const val MENTIONS = "m.mentions"

    val mappings: EventContentSerializerMappings = EventContentSerializerMappings {
        messageOf<Start>(START, RawSerializer("PollStart") { Start(it) })
        messageOf<Response>(RESPONSE, RawSerializer("PollResponse") { Response(it) })
        messageOf<End>(END, RawSerializer("PollEnd") { End(it) })
    }

    sealed class Raw : MessageEventContent {
        abstract val raw: JsonObject
        override val relatesTo: RelatesTo?
            get() = (raw["m.relates_to"] as? JsonObject)?.let { relation ->
                (relation["event_id"] as? JsonPrimitive)?.contentOrNull?.let { RelatesTo.Reference(EventId(it)) }
            }
        override val mentions: Mentions? get() = null
        override val externalUrl: String? get() = null
        override fun copyWith(relatesTo: RelatesTo?): MessageEventContent = this
    }

    class Start(override val raw: JsonObject) : Raw()
    class Response(override val raw: JsonObject) : Raw()
    class End(override val raw: JsonObject) : Raw()

    fun start(poll: Polls.PollStart): Start = Start(buildJsonObject {
        put(START, buildJsonObject {
            put("kind", if (poll.disclosed()) "org.matrix.msc3381.poll.disclosed" else "org.matrix.msc3381.poll.undisclosed")
            put("max_selections", poll.maxSelections())
            put("question", buildJsonObject { put(TEXT, poll.question()) })
            put("answers", buildJsonArray {
                poll.answers().forEach { answer ->
                    add(buildJsonObject {
                        put("id", answer.id())
                        put(TEXT, answer.text())
                    })
                }
            })
        })
        put(TEXT, poll.fallback())
        put("body", poll.fallback())
        put(MENTIONS, buildJsonObject {}) // intentional mentions: nobody, so no ping is derived from the text
    })

    fun end(poll: EventId, results: String): End = End(buildJsonObject {
        put("m.relates_to", reference(poll))
        put(END, buildJsonObject {})
        val safe = RichText.defuseRoomPing(results)
        put(TEXT, safe)
        put("body", safe)
        put(MENTIONS, buildJsonObject {})
    })

    /** The relation of a poll's response or end to the poll; also the test kit's poll responses. */
    internal fun reference(poll: EventId) = buildJsonObject {
        put("rel_type", "m.reference")
        put("event_id", poll.full)
    }

    /** Writes and reads the content as the JSON object it is. */
    private class RawSerializer<T : Raw>(name: String, private val create: (JsonObject) -> T) : KSerializer<T> {
        override val descriptor: SerialDescriptor = buildClassSerialDescriptor("org.assemblybot.$name")
        override fun serialize(encoder: Encoder, value: T) = (encoder as JsonEncoder).encodeJsonElement(value.raw)
        override fun deserialize(decoder: Decoder): T = create((decoder as JsonDecoder).decodeJsonElement().jsonObject)
    }
}
