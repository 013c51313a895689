package org.assemblybot.adapter.matrix

import de.connect2x.trixnity.core.model.events.m.room.EncryptedFile
import de.connect2x.trixnity.core.model.events.m.room.RoomMessageEventContent.FileBased
import kotlinx.serialization.json.Json

/**
 * The opaque media reference of a received file ([org.assemblybot.core.chat.ChatEvent.File.media]): the
 * `mxc://` URI of a plain file, or the JSON of an encrypted file's `file` object (URI, key, IV, hashes).
 * Only this adapter reads it; it holds a key, so it is never logged.
 */
internal sealed interface MediaReference {
    data class Plain(val mxc: String) : MediaReference
    data class Encrypted(val file: EncryptedFile) : MediaReference

    companion object {
        private val json = Json { ignoreUnknownKeys = true }

        /** Null when the event names no content (neither `url` nor `file`). */
        fun of(content: FileBased): String? =
            content.file?.let { json.encodeToString(EncryptedFile.serializer(), it) } ?: content.url

        fun parse(reference: String): MediaReference =
            if (reference.startsWith("{")) Encrypted(json.decodeFromString(EncryptedFile.serializer(), reference))
            else Plain(reference)
    }
}
