package org.assemblybot.core.chat;

/**
 * Posting files. In an encrypted room the file is encrypted before it is uploaded (the homeserver stores only
 * ciphertext; the key travels in the encrypted event), in other rooms it is uploaded as it is. The event is
 * {@code m.audio} for audio and {@code m.file} otherwise, sent with the caller's transaction id, which is
 * reused on every retry (M1): the same id again answers the event sent before. Blocks until the homeserver
 * has answered.
 */
public interface FileSender {
    /**
     * Uploads {@code file} and posts it to {@code room}, in the thread of {@code threadRoot} when that is not
     * null (M9). Throws {@link ChatRefusedException} when the homeserver refuses for good (too large, not in
     * the room), {@link ChatException} when it could not be reached.
     */
    EventId sendFile(RoomId room, String txnId, Attachment file, EventId threadRoot);
}
