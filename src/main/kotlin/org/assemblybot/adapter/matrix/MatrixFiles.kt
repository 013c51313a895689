package org.assemblybot.adapter.matrix

import de.connect2x.trixnity.client.MatrixClient
import de.connect2x.trixnity.client.media
import de.connect2x.trixnity.client.room
import de.connect2x.trixnity.core.model.events.m.Mentions
import de.connect2x.trixnity.core.model.events.m.RelatesTo
import de.connect2x.trixnity.core.model.events.m.room.AudioInfo
import de.connect2x.trixnity.core.model.events.m.room.EncryptedFile
import de.connect2x.trixnity.core.model.events.m.room.FileInfo
import de.connect2x.trixnity.core.model.events.m.room.ImageInfo
import de.connect2x.trixnity.core.model.events.m.room.RoomMessageEventContent.FileBased
import de.connect2x.trixnity.core.model.events.m.room.VideoInfo
import io.ktor.http.ContentType
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.flow.flowOf
import org.assemblybot.core.chat.Attachment
import org.assemblybot.core.chat.ChatRefusedException
import org.assemblybot.core.chat.EventId
import org.assemblybot.core.chat.FileSender
import org.assemblybot.core.chat.RoomId
import org.assemblybot.core.chat.SharedFile
import de.connect2x.trixnity.core.model.EventId as TEventId
import de.connect2x.trixnity.core.model.RoomId as TRoomId

/**
 * Files through Trixnity's media service: in an encrypted room `prepareUploadEncryptedMedia` encrypts the
 * bytes (AES-256-CTR, a fresh key and IV, SHA-256 of the ciphertext) and the upload carries only ciphertext;
 * the event then holds the `file` object (url, key, iv, hashes) instead of `url`, and is itself encrypted by
 * [MatrixSender]. In other rooms the bytes are uploaded as they are. Nothing stays in Trixnity's media store:
 * the upload drops its copy.
 *
 * The event goes out with the caller's transaction id and [MatrixSender]'s retries (M1, M2). An upload is not
 * idempotent, so the prepared content is kept (in memory) per transaction id until its event is accepted: a
 * failed send retried by the next flush reuses its upload instead of storing the file twice. A file a person
 * sent is re-posted without any upload: the new event points at the same stored media.
 */
internal class MatrixFiles(
    private val client: MatrixClient,
    private val sender: MatrixSender,
    private val changes: RoomChanges,
) : FileSender {

    private val prepared = object : LinkedHashMap<String, FileBased>() {
        override fun removeEldestEntry(eldest: MutableMap.MutableEntry<String, FileBased>?) = size > MAX_PREPARED
    }

    companion object {
        private const val MAX_PREPARED = 32
    }

    override fun sendFile(room: RoomId, txnId: String, file: Attachment, threadRoot: EventId?): EventId = blocking {
        val roomId = room.trixnity()
        val content = synchronized(prepared) { prepared[txnId] } ?: upload(roomId, file, threadRoot?.trixnity())
            .also { synchronized(prepared) { prepared[txnId] = it } }
        sender.sendContent(roomId, content, txnId).also { synchronized(prepared) { prepared.remove(txnId) } }
    }

    /**
     * A new event around the file's stored media: the same `file` object (an encrypted file's key included) or
     * `url`, so nothing is fetched, decrypted or uploaded. The key may leave only inside an encrypted event.
     */
    override fun forwardFile(room: RoomId, txnId: String, file: SharedFile, threadRoot: EventId?): EventId =
        blocking {
            val media = runCatching { MediaReference.parse(file.media()) }
                // Never the parser's message: it may quote the key. A broken reference will not mend.
                .getOrElse { throw ChatRefusedException("the file's media reference is unreadable", null) }
            val url = (media as? MediaReference.Plain)?.mxc
            val encrypted = (media as? MediaReference.Encrypted)?.file
            val content = forwarded(file, thread(threadRoot?.trixnity()), url, encrypted)
            sender.sendContent(room.trixnity(), content, txnId, encryptedOnly = file.encryptedMedia())
        }

    private suspend fun upload(room: TRoomId, file: Attachment, threadRoot: TEventId?): FileBased {
        val bytes = file.bytes()
        val relation = thread(threadRoot)
        return if (encrypts(room)) {
            val prepared = client.media.prepareUploadEncryptedMedia(flowOf(bytes))
            val mxc = retrying { client.media.uploadMedia(prepared.url, null, false).getOrThrow() }
            content(file, relation, url = null, encrypted = prepared.copy(url = mxc))
        } else {
            val cacheUri = client.media.prepareUploadMedia(flowOf(bytes), ContentType.parse(file.mimeType()))
            val mxc = retrying { client.media.uploadMedia(cacheUri, null, false).getOrThrow() }
            content(file, relation, url = mxc, encrypted = null)
        }
    }

    private fun thread(root: TEventId?): RelatesTo? =
        root?.let { RelatesTo.Thread(it, RelatesTo.ReplyTo(it), isFallingBack = true) }

    /**
     * Encrypted unless the room is known to be unencrypted: a room we know nothing of yet gets an encrypted
     * file, which every client reads; the reverse would put a plain copy on the homeserver.
     */
    private suspend fun encrypts(room: TRoomId): Boolean =
        changes.knownEncrypted(room) || client.room.getById(room).first()?.encrypted ?: true

    private fun content(file: Attachment, relation: RelatesTo?, url: String?, encrypted: EncryptedFile?): FileBased =
        content(if (file.isAudio()) "m.audio" else "m.file", file.body(), file.fileName(), file.mimeType(),
            file.size().toLong(), relation, url, encrypted)

    /** As the person sent it: the same kind of event, name, type and size. */
    private fun forwarded(file: SharedFile, relation: RelatesTo?, url: String?, encrypted: EncryptedFile?): FileBased =
        content(file.msgtype(), file.body(), file.fileName(), file.mimeType(), file.size(), relation, url, encrypted)

    /** Exactly one of [url] (a plain file) and [encrypted] is set. An empty m.mentions: a caption pings nobody. */
    private fun content(msgtype: String, body: String, name: String, type: String?, size: Long?, relation: RelatesTo?,
                        url: String?, encrypted: EncryptedFile?): FileBased = when (msgtype) {
        "m.audio" -> FileBased.Audio(body = body, fileName = name, info = AudioInfo(mimeType = type, size = size),
            url = url, file = encrypted, relatesTo = relation, mentions = Mentions())
        "m.image" -> FileBased.Image(body = body, fileName = name, info = ImageInfo(mimeType = type, size = size),
            url = url, file = encrypted, relatesTo = relation, mentions = Mentions())
        "m.video" -> FileBased.Video(body = body, fileName = name, info = VideoInfo(mimeType = type, size = size),
            url = url, file = encrypted, relatesTo = relation, mentions = Mentions())
        else -> FileBased.File(body = body, fileName = name, info = FileInfo(mimeType = type, size = size),
            url = url, file = encrypted, relatesTo = relation, mentions = Mentions())
    }
}
