package org.assemblybot.adapter.matrix

import org.assemblybot.core.chat.EventId
import org.assemblybot.core.chat.Polls
import org.assemblybot.core.chat.RoomId

/** Native MSC3381 polls, sent like any other message: encrypted, with the caller's transaction id. */
internal class MatrixPolls(private val sender: MatrixSender) : Polls {
    override fun startPoll(room: RoomId, txnId: String, poll: Polls.PollStart): EventId =
        blocking { sender.sendContent(room.trixnity(), PollContents.start(poll), txnId) }

    override fun endPoll(room: RoomId, txnId: String, poll: EventId, results: String): EventId =
        blocking { sender.sendContent(room.trixnity(), PollContents.end(poll.trixnity(), results), txnId) }
}
