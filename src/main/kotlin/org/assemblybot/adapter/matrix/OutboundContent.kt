package org.assemblybot.adapter.matrix

import de.connect2x.trixnity.core.model.EventId
import de.connect2x.trixnity.core.model.UserId
import de.connect2x.trixnity.core.model.events.m.Mentions
import de.connect2x.trixnity.core.model.events.m.RelatesTo
import de.connect2x.trixnity.core.model.events.m.room.RoomMessageEventContent
import de.connect2x.trixnity.core.model.events.m.room.RoomMessageEventContent.TextBased
import org.assemblybot.core.chat.OutgoingMessage

/** Turns our plain-Java outgoing messages into Matrix event contents. */
internal object OutboundContent {
    private const val HTML = "org.matrix.custom.html"

    fun message(message: OutgoingMessage): RoomMessageEventContent {
        val relatesTo = relation(message)
        val mentions = mentions(message)
        val format = message.html()?.let { HTML }
        return when (message.kind()) {
            OutgoingMessage.Kind.NOTICE ->
                TextBased.Notice(message.body(), format, message.html(), relatesTo, mentions)

            OutgoingMessage.Kind.TEXT ->
                TextBased.Text(message.body(), format, message.html(), relatesTo, mentions)
        }
    }

    /** An edit: the fallback body marked with "* " and the new content in m.new_content. */
    fun edit(target: EventId, replacement: OutgoingMessage): RoomMessageEventContent {
        val newContent = message(OutgoingMessage(replacement.kind(), replacement.body(), replacement.html(),
            null, null, replacement.mentions()))
        val replace = RelatesTo.Replace(target, newContent)
        val body = "* " + replacement.body()
        val html = replacement.html()?.let { "* $it" }
        val format = html?.let { HTML }
        // Mentions on the outer event stay empty: an edit must not ping again.
        return when (replacement.kind()) {
            OutgoingMessage.Kind.NOTICE -> TextBased.Notice(body, format, html, replace, Mentions())
            OutgoingMessage.Kind.TEXT -> TextBased.Text(body, format, html, replace, Mentions())
        }
    }

    private fun relation(message: OutgoingMessage): RelatesTo? {
        val root = message.threadRoot()
        val replyTo = message.inReplyTo()
        return when {
            // In a thread: reply to the command, falling back to a plain reply for clients without threads (M9).
            root != null -> RelatesTo.Thread(
                EventId(root.value()),
                (replyTo ?: root).let { RelatesTo.ReplyTo(EventId(it.value())) },
                isFallingBack = true,
            )

            replyTo != null -> RelatesTo.Reply(RelatesTo.ReplyTo(EventId(replyTo.value())))
            else -> null
        }
    }

    /** Always present, so that clients use intentional mentions and never derive pings from the body. */
    private fun mentions(message: OutgoingMessage): Mentions =
        Mentions(users = message.mentions().map { UserId(it.value()) }.toSet())
}
