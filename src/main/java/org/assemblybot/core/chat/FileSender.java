package org.assemblybot.core.chat;

/**
 * Posting files: ones the bot made, and ones a person sent that the bot posts again elsewhere. In an encrypted
 * room a new file is encrypted before it is uploaded (the homeserver stores only ciphertext; the key travels in
 * the encrypted event), in other rooms it is uploaded as it is. The event is {@code m.audio} for audio and
 * {@code m.file} otherwise, sent with the caller's transaction id, which is reused on every retry (M1): the same
 * id again answers the event sent before. Blocks until the homeserver has answered.
 */
public interface FileSender {
    /**
     * Uploads {@code file} and posts it to {@code room}, in the thread of {@code threadRoot} when that is not
     * null (M9). Throws {@link ChatRefusedException} when the homeserver refuses for good (too large, not in
     * the room), {@link ChatException} when it could not be reached.
     */
    EventId sendFile(RoomId room, String txnId, Attachment file, EventId threadRoot);

    /**
     * Posts {@code file}, which someone sent earlier, to {@code room} as a new {@code m.file}, {@code m.audio},
     * {@code m.image} or {@code m.video} event, in the thread of {@code threadRoot} when that is not null (M9).
     * The event reuses the file's stored media: nothing is downloaded or uploaded, no decrypted copy is made.
     * The transaction id works as for {@link #sendFile} (M1). An encrypted file goes only into a room whose
     * events are encrypted, since the event carries its key: into any other room it is refused with
     * {@link ChatRefusedException}, as is what the homeserver refuses for good (not in the room);
     * {@link ChatException} when the homeserver could not be reached.
     */
    EventId forwardFile(RoomId room, String txnId, SharedFile file, EventId threadRoot);
}
